import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../api/core';
import { callOk } from '../../testing/calls';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { sqlOne } from '../../testing/sql';

/**
 * Two desks on one shared PostgreSQL database (two hosts, each with its own pool) fire commitments at
 * the same instant: each small enough alone, together far over the allocation. The cap must hold: what is
 * committed never exceeds the allocation, and every refusal is the usual CONFLICT naming what is left.
 */
let t: TempCore;
let other: AppCore;
let finance: string;
let financeThere: string;
let fundId: number;
const ALLOCATED = 1_000_000; // € 10.000,00
const EACH = 45_000; // € 450,00: 50 of them make € 22.500,00

beforeAll(async () => {
  t = await tempCore();
  const admin = await setupAdmin(t.core);
  finance = await loginAs(t.core, admin, 'finanza');
  other = await AppCore.open(t.file);
  const login = await other.call('auth.login', { username: 'utente.finanza', password: 'password-di-prova' }, null);
  if (!login.ok) throw new Error(login.error.message);
  financeThere = (login.result as { token: string }).token;
  fundId = (await callOk(t.core, 'budget.funds.create', { code: 'CONC', name: 'Fondo di prova', amountCents: 5_000_000, startYear: 2024, endYear: 2024, notes: null }, finance)).id;
  await callOk(t.core, 'budget.allocations.set', { fundId, cells: [{ year: 2024, lineCode: 'tirocini_inserimento', amountCents: ALLOCATED, version: null }] }, finance);
});
afterAll(async () => {
  await other.close();
  await t.cleanup();
});

describe('commitments from two desks at the same instant', () => {
  it('never exceed the allocation: the ones that do not fit are refused with the amount left', async () => {
    const commit = (core: AppCore, token: string, i: number) =>
      core.call(
        'budget.commitments.create',
        {
          target: { fundId, year: 2024, lineCode: 'tirocini_inserimento' },
          amount: { mode: 'importo', amountCents: EACH },
          committedOn: '2024-03-01',
          actNumber: null,
          description: `Impegno concorrente n. ${i}`,
        },
        token,
      );
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? commit(other, financeThere, i) : commit(t.core, finance, i))));
    const accepted = outcomes.filter((o) => o.ok).length;
    const refused = outcomes.filter((o) => !o.ok);
    expect(accepted).toBe(Math.floor(ALLOCATED / EACH));
    for (const r of refused) expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('lo supera di') } });
    const totals = await sqlOne<{ committed: number; rows: number }>(
      t.core.store,
      'SELECT sum(c.amount_cents) AS committed, count(*) AS rows FROM commitments c JOIN allocations a ON a.id = c.allocation_id WHERE a.fund_id = ?',
      fundId,
    );
    expect(totals).toEqual({ committed: accepted * EACH, rows: accepted });
    expect(totals!.committed).toBeLessThanOrEqual(ALLOCATED);
    const kept = await sqlOne<{ committed_cents: number }>(t.core.store, 'SELECT t.committed_cents FROM allocation_totals t JOIN allocations a ON a.id = t.allocation_id WHERE a.fund_id = ?', fundId);
    expect(kept?.committed_cents).toBe(totals!.committed);
  });
});
