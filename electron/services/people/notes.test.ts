import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { sqlInsert, sqlOne, sqlValue } from '../../testing/sql';

let t: TempCore;
let operator: string;
let reader: string;
const people: number[] = [];
beforeAll(async () => {
  t = await tempCore();
  const admin = await setupAdmin(t.core);
  operator = await loginAs(t.core, admin, 'operatore');
  reader = await loginAs(t.core, admin, 'sola_lettura');
  for (const [lastName, birthDate] of [['Moretti', '1981-01-01'], ['Barbieri', '1982-02-02']] as const) {
    const outcome = await t.core.call(
      'people.create',
      { lastName, firstName: 'Giorgio', sex: 'M', birthDate, taxCodeMissingReason: 'Non fornito', domicileIstat: '037006', privacyAcknowledgedOn: '2024-01-15' },
      operator,
    );
    if (!outcome.ok) throw new Error(outcome.error.message);
    people.push((outcome.result as { personId: number }).personId);
  }
});
afterAll(async () => {
  await t.cleanup();
});

const n = async (sql: string) => ((await sqlOne(t.core.store, sql)) as { n: number }).n;

describe('people.notes.add', () => {
  it('adds a note about one of the person’s cases, audited without its text', async () => {
    const [moretti, barbieri] = people as [number, number];
    const caseId = Number(
      (await sqlInsert(t.core.store, 
          "INSERT INTO cases (person_id, channel_code, application_date, status, status_date, created_at, updated_at) VALUES (?, 'modulo_online', '2024-02-01', 'iscritto', '2024-02-01', 'x', 'x')", moretti)),
    );
    const added = await t.core.call('people.notes.add', { personId: moretti, caseId, body: 'Problemi di salute riferiti al colloquio' }, operator);
    expect(added).toMatchObject({ ok: true, result: { id: expect.any(Number) } });
    const row = (await sqlOne(t.core.store, 'SELECT person_id, case_id, body, user_id IS NOT NULL by_user FROM notes'));
    expect(row).toEqual({ person_id: moretti, case_id: caseId, body: 'Problemi di salute riferiti al colloquio', by_user: 1 });
    const audit = (await sqlValue(t.core.store, "SELECT after_json FROM audit_log WHERE entity = 'nota'")) as string;
    expect(audit).not.toContain('salute');

    expect(await t.core.call('people.notes.add', { personId: barbieri, caseId, body: 'Nota' }, operator)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { caseId: 'Il caso indicato non appartiene a questa persona' } },
    });
    expect(await t.core.call('people.notes.add', { personId: 999_999, body: 'Nota' }, operator)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.core.call('people.notes.add', { personId: barbieri, body: 'Nota' }, reader)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await n('SELECT count(*) n FROM notes'))).toBe(1);
  });
});
