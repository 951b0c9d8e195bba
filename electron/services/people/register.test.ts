import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input } from '../../contract/index';
import { computeCodiceFiscale } from '../../domain/codiceFiscale';
import { todayIso } from '../../domain/dates';
import { callOk, callRefused } from '../../testing/calls';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { sqlAll, sqlOne } from '../../testing/sql';

let t: TempCore;
let operator: string;
let reader: string;
beforeAll(async () => {
  t = await tempCore();
  const admin = await setupAdmin(t.core);
  operator = await loginAs(t.core, admin, 'operatore');
  reader = await loginAs(t.core, admin, 'sola_lettura');
});
afterAll(async () => {
  await t.cleanup();
});

const n = async (sql: string) => ((await sqlOne(t.core.store, sql)) as { n: number }).n;
const counts = async () => ({
  people: (await n('SELECT count(*) n FROM people')),
  skills: (await n('SELECT count(*) n FROM person_skills')),
  cases: (await n('SELECT count(*) n FROM cases')),
  history: (await n('SELECT count(*) n FROM case_status_history')),
  audit: (await n('SELECT count(*) n FROM audit_log')),
});

/** The registration form's input: a person born in Bologna with a computed codice fiscale, and the case. */
function registration(lastName: string, extra: Partial<Input<'people.register'>> = {}): Input<'people.register'> {
  const person = { lastName, firstName: 'Marta', sex: 'F' as const, birthDate: '1988-06-21', birthPlaceCode: 'A944' };
  return {
    ...person,
    taxCode: computeCodiceFiscale(person),
    domicileIstat: '037006',
    skills: ['Magazzino'],
    channelCode: 'caritas',
    applicationDate: '2025-03-03',
    privacyAcknowledgedOn: '2025-03-03',
    ...extra,
  };
}

describe('people.register', () => {
  it('writes the person and the first case in one call, with an audit row for each', async () => {
    const before = (await counts());
    const result = await callOk(t.core, 'people.register', registration('Fabbri'), operator);
    expect(result).toMatchObject({ created: true, personId: expect.any(Number), caseId: expect.any(Number) });
    expect((await counts())).toEqual({ people: before.people + 1, skills: before.skills + 1, cases: before.cases + 1, history: before.history + 1, audit: before.audit + 2 });
    const page = await callOk(t.core, 'people.get', { id: result.personId }, operator);
    expect(page.cases).toMatchObject([{ id: result.caseId, status: 'iscritto', channelCode: 'caritas', applicationDate: '2025-03-03' }]);
    const audit = (await sqlAll(t.core.store, 'SELECT entity, entity_id FROM audit_log ORDER BY id DESC LIMIT 2'));
    expect(audit).toEqual([
      { entity: 'caso', entity_id: String(result.caseId) },
      { entity: 'persona', entity_id: String(result.personId) },
    ]);
  });

  it('writes nothing when the case is refused: no person is left without a case', async () => {
    const before = (await counts());
    const unknownChannel = await callRefused(t.core, 'people.register', registration('Galli', { channelCode: 'piccione' }), operator);
    expect(unknownChannel).toMatchObject({ code: 'VALIDATION', fields: { channelCode: 'Canale di accesso non valido' } });
    const future = await callRefused(t.core, 'people.register', registration('Galli', { applicationDate: '2999-01-01' }), operator);
    expect(future).toMatchObject({ code: 'VALIDATION', fields: { applicationDate: 'Data nel futuro' } });
    const noReferent = await callRefused(t.core, 'people.register', registration('Galli', { referentUserId: 999_999 }), operator);
    expect(noReferent).toMatchObject({ code: 'VALIDATION', fields: { referentUserId: 'Referente non trovato' } });
    expect((await counts())).toEqual(before);
  });

  it('refuses a person whose data are wrong before anything is written, with the fields named', async () => {
    const before = (await counts());
    const error = await callRefused(t.core, 'people.register', registration('Neri', { taxCode: 'RSSMRA80A01A944X', channelCode: '' }), operator);
    expect(error.code).toBe('VALIDATION');
    expect(Object.keys(error.fields ?? {})).toContain('channelCode');
    expect((await counts())).toEqual(before);
  });

  it('answers a codice fiscale already registered with that person, opening no second case', async () => {
    const first = await callOk(t.core, 'people.register', registration('Ricci'), operator);
    const before = (await counts());
    const again = await callOk(t.core, 'people.register', registration('Ricci', { applicationDate: todayIso() }), operator);
    expect(again).toEqual({ created: false, personId: first.personId, caseId: null });
    expect((await counts())).toEqual(before);
  });

  it('asks to acknowledge a likely duplicate first, then registers', async () => {
    await callOk(t.core, 'people.register', registration('Serra', { taxCode: null, taxCodeMissingReason: 'In attesa di attribuzione', phone: '333 7654321' }), operator);
    const input = registration('Serri', { taxCode: null, taxCodeMissingReason: 'In attesa di attribuzione', phone: '3337654321' });
    const doubt = await callRefused(t.core, 'people.register', input, operator);
    expect(doubt).toMatchObject({ code: 'CONFLICT', fields: { acknowledgedDuplicates: expect.stringContaining('Serra Marta') } });
    const check = await callOk(t.core, 'people.checkDuplicates', { lastName: 'Serri', firstName: 'Marta', birthDate: '1988-06-21', phone: '3337654321' }, operator);
    const ids = check.likely.map((d) => d.person.id);
    expect(ids).toHaveLength(1);
    expect(await callOk(t.core, 'people.register', { ...input, acknowledgedDuplicates: ids }, operator)).toMatchObject({ created: true });
  });

  it('is for the roles that write cases', async () => {
    expect((await callRefused(t.core, 'people.register', registration('Villa'), reader)).code).toBe('FORBIDDEN');
  });
});
