import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceData } from '../../contract/system';
import { seedStore } from '../../../db/seed/store';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { sqlColumn, sqlValue } from '../../testing/sql';

let t: TempCore;
let reader: string;
beforeAll(async () => {
  t = await tempCore();
  await seedStore(t.core.store, { scale: 'demo', seed: 3 });
  const admin = await setupAdmin(t.core);
  reader = await loginAs(t.core, admin, 'sola_lettura');
});
afterAll(async () => {
  await t.cleanup();
});

describe('system.reference', () => {
  it('returns the reference lists, the referents and the skills by frequency, to any role', async () => {
    const outcome = await t.core.call('system.reference', {}, reader);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const ref = outcome.result as ReferenceData;
    expect(ref.comuni).toHaveLength(55);
    expect(ref.comuni.find((c) => c.istatCode === '037006')).toEqual({ istatCode: '037006', name: 'Bologna', districtCode: 'BOL' });
    expect(ref.districts[0]).toEqual({ code: 'BOL', name: 'Città di Bologna' });
    expect(ref.birthPlaces.find((p) => p.code === 'Z330')).toMatchObject({ name: 'Marocco', kind: 'estero', nationalityGroup: 'EXTRA_UE' });
    expect(ref.channels.map((c) => c.code)).toEqual((await sqlColumn(t.core.store, 'SELECT code FROM channels ORDER BY sort')));
    expect(ref.instruments.map((i) => i.code)).toContain('tirocinio');
    expect(ref.atecoSections).toHaveLength(21);
    expect(ref.organisations.length).toBe((await sqlValue(t.core.store, 'SELECT count(*) FROM organisations WHERE active = 1')));

    expect(ref.referents.some((r) => r.role === 'sola_lettura')).toBe(false);
    expect(ref.referents.map((r) => r.fullName)).toEqual([...ref.referents.map((r) => r.fullName)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(ref.referents.length).toBe((await sqlValue(t.core.store, "SELECT count(*) FROM users WHERE active = 1 AND role <> 'sola_lettura'")));

    const top = (await sqlValue(t.core.store, 'SELECT skill FROM person_skills GROUP BY skill ORDER BY count(*) DESC, skill LIMIT 1'));
    expect(ref.skills[0]).toBe(top);
    expect(new Set(ref.skills).size).toBe(ref.skills.length);
    expect(ref.skills.length).toBe((await sqlValue(t.core.store, 'SELECT count(DISTINCT skill) FROM person_skills')));
  });
});
