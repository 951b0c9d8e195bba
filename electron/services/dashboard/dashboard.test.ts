import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStore } from '../../../db/seed/store';
import { contextAs, tempCore, type TempCore } from '../../testing/tempDb';
import { dashboardCounts } from './dashboard';
import { sqlOne, sqlRun } from '../../testing/sql';

let t: TempCore;
beforeAll(async () => {
  t = await tempCore();
  await seedStore(t.core.store, { scale: 'demo', seed: 5 });
});
afterAll(async () => {
  await t.cleanup();
});

const n = async (sql: string) => ((await sqlOne(t.core.store, sql)) as { n: number }).n;

describe('dashboard counts', () => {
  it('match independent SQL counts of the seeded database', async () => {
    const counts = await dashboardCounts(contextAs(t.core.store, 'sola_lettura'));
    expect(counts.people).toBe((await n('SELECT count(*) n FROM people')));
    expect(counts.companies).toBe((await n('SELECT count(*) n FROM companies')));
    expect(counts.openCases).toBe((await n('SELECT count(*) n FROM cases WHERE closed_on IS NULL')));
    expect(counts.casesByStatus.reduce((a, s) => a + s.count, 0)).toBe((await n('SELECT count(*) n FROM cases')));
    expect(counts.funds?.amountCents).toBe(1_400_000_000);
    expect(counts.funds?.paidCents).toBe((await n('SELECT sum(amount_cents) n FROM payments')));
    expect(counts.funds?.paidCents).toBeLessThanOrEqual(counts.funds!.committedCents);
  });

  it('show operators no money at all', async () => {
    const counts = await dashboardCounts(contextAs(t.core.store, 'operatore'));
    expect(counts.funds).toBeNull();
    expect(counts.people).toBe((await n('SELECT count(*) n FROM people')));
    expect((await dashboardCounts(contextAs(t.core.store, 'coordinatore'))).funds).not.toBeNull();
  });

  it('do not count a person merged into another', async () => {
    const before = (await dashboardCounts(contextAs(t.core.store, 'sola_lettura'))).people;
    (await sqlRun(t.core.store, 'UPDATE people SET merged_into_id = 1 WHERE id = 2'));
    expect((await dashboardCounts(contextAs(t.core.store, 'sola_lettura'))).people).toBe(before - 1);
  });
});
