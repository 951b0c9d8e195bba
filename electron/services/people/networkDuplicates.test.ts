import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input } from '../../contract/index';
import { checkLetter, computeCodiceFiscale } from '../../domain/codiceFiscale';
import { callOk, callRefused } from '../../testing/calls';
import { sqlAll, sqlOne, sqlRun, sqlValue } from '../../testing/sql';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { DUPLICATE_REASONS } from './duplicateRules';

/** Duplicates across the network (issue 13, part 6): the codice fiscale in its two forms, the likely doubles, the coordinators' list. */
let t: TempCore;
let coordinator: string;
let operator: string;
beforeAll(async () => {
  t = await tempCore();
  const admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore');
  operator = await loginAs(t.core, admin, 'operatore');
  // the operator works for Opimm: the cases they hold are held by Opimm
  await sqlRun(t.core.store, "UPDATE users SET organisation_id = (SELECT id FROM organisations WHERE code = 'opimm') WHERE username = 'utente.operatore'");
});
afterAll(async () => {
  await t.cleanup();
});

const n = async (text: string, ...params: unknown[]) => Number(await sqlValue(t.core.store, text, ...params));
const counts = async () => ({ people: await n('SELECT count(*) FROM people'), cases: await n('SELECT count(*) FROM cases'), audit: await n('SELECT count(*) FROM audit_log') });

/** The omocodic form of a code: its last digit replaced by its letter, the check letter recomputed. */
function omocodic(code: string): string {
  const first15 = code.slice(0, 14) + 'LMNPQRSTUV'.charAt(Number(code.charAt(14)));
  return first15 + checkLetter(first15);
}

function registration(lastName: string, firstName: string, birthDate: string, extra: Partial<Input<'people.register'>> = {}): Input<'people.register'> {
  const person = { lastName, firstName, sex: 'F' as const, birthDate, birthPlaceCode: 'A944' };
  return { ...person, taxCode: computeCodiceFiscale(person), domicileIstat: '037006', channelCode: 'caritas', applicationDate: '2025-03-03', privacyAcknowledgedOn: '2025-03-03', ...extra };
}
const withoutCode = { taxCode: null, taxCodeMissingReason: 'In attesa di attribuzione' };

describe('the codice fiscale in its plain and omocodic forms', () => {
  it('refuses registering the omocodic form of a registered code, naming the person and who holds the case, and writes nothing', async () => {
    const referent = Number(await sqlValue(t.core.store, "SELECT id FROM users WHERE username = 'utente.operatore'"));
    const first = await callOk(t.core, 'people.register', registration('Montanari', 'Elisa', '1990-04-12', { referentUserId: referent }), operator);
    const plain = computeCodiceFiscale({ lastName: 'Montanari', firstName: 'Elisa', sex: 'F', birthDate: '1990-04-12', birthPlaceCode: 'A944' });
    const before = await counts();

    const refused = await callRefused(t.core, 'people.register', registration('Montanari', 'Elisa', '1990-04-12', { taxCode: omocodic(plain) }), operator);
    const message =
      `Persona già registrata: Montanari Elisa (scheda n. ${first.personId}) ha lo stesso codice fiscale in un’altra forma (omocodica o ordinaria), ` +
      'seguita da Opimm — referente Utente operatore. Aprire la scheda esistente invece di registrarla di nuovo.';
    expect(refused).toEqual({ code: 'CONFLICT', message, fields: { taxCode: message, existingId: String(first.personId) } });
    // the same through people.create, and in lowercase with spaces
    expect(await callRefused(t.core, 'people.create', { ...registration('Montanari', 'Elisa', '1990-04-12'), taxCode: ` ${omocodic(plain).toLowerCase()} ` }, operator)).toMatchObject({ code: 'CONFLICT', message });
    expect(await counts()).toEqual(before);

    // the form's check finds the person and who holds the case from either form
    const check = await callOk(t.core, 'people.checkDuplicates', { taxCode: omocodic(plain) }, operator);
    expect(check).toMatchObject({ sameTaxCode: { id: first.personId, lastName: 'Montanari' }, sameTaxCodeCase: { organisation: 'Opimm', referent: 'Utente operatore' } });
    // the very same code is still that person, as before: nothing written
    expect(await callOk(t.core, 'people.register', registration('Montanari', 'Elisa', '1990-04-12'), operator)).toEqual({ created: false, personId: first.personId, caseId: null });
    expect(await counts()).toEqual(before);
  });

  it('refuses the plain form once the omocodic one is registered, and giving a person another form of a code someone holds', async () => {
    const plain = computeCodiceFiscale({ lastName: 'Vitali', firstName: 'Sara', sex: 'F', birthDate: '1984-09-30', birthPlaceCode: 'A944' });
    const first = await callOk(t.core, 'people.register', registration('Vitali', 'Sara', '1984-09-30', { taxCode: omocodic(plain) }), operator);
    expect(await sqlOne(t.core.store, 'SELECT tax_code, tax_code_key FROM people WHERE id = ?', first.personId)).toEqual({ tax_code: omocodic(plain), tax_code_key: plain.slice(0, 15) });
    const refused = await callRefused(t.core, 'people.register', registration('Vitali', 'Sara', '1984-09-30'), operator);
    expect(refused).toMatchObject({ code: 'CONFLICT', fields: { existingId: String(first.personId) } });
    expect(refused.message).toMatch(/^Persona già registrata: Vitali Sara \(scheda n\. \d+\)/);

    const other = await callOk(t.core, 'people.create', { ...registration('Vitali', 'Sarah', '1984-09-30'), ...withoutCode, acknowledgedDuplicates: [first.personId] }, operator);
    const page = await callOk(t.core, 'people.get', { id: other.personId }, operator);
    const update = await callRefused(t.core, 'people.update', { ...registration('Vitali', 'Sarah', '1984-09-30'), taxCode: plain, id: other.personId, version: page.person.version }, operator);
    expect(update).toMatchObject({ code: 'CONFLICT', message: `Codice fiscale già registrato per Vitali Sara (scheda n. ${first.personId})` });
  });
});

describe('likely duplicates at registration', () => {
  let base: number;
  beforeAll(async () => {
    base = (await callOk(t.core, 'people.register', registration('Bertolini', 'Giada', '1992-03-07', withoutCode), operator)).personId;
  });
  const check = (lastName: string, firstName: string, birthDate: string) => callOk(t.core, 'people.checkDuplicates', { lastName, firstName, birthDate }, operator);

  it('flags the same name born a day before or after, with month and day swapped, or a surname one letter apart, naming who holds the case', async () => {
    for (const [lastName, firstName, birthDate, reason] of [
      ['Bertolini', 'Giada', '1992-03-06', DUPLICATE_REASONS.data_vicina],
      ['Bertolini', 'Giada', '1992-03-08', DUPLICATE_REASONS.data_vicina],
      // the names swapped are the same name
      ['Giada', 'Bertolini', '1992-03-08', DUPLICATE_REASONS.data_vicina],
      ['Bertolini', 'Giada', '1992-07-03', DUPLICATE_REASONS.giorno_mese],
      ['Bertolino', 'Giada', '1992-03-07', DUPLICATE_REASONS.cognome],
      ['Bertollini', 'Giada', '1992-03-07', DUPLICATE_REASONS.cognome],
      ['Bertolini', 'Giada', '1992-03-07', DUPLICATE_REASONS.nome_simile],
    ] as const) {
      const { likely } = await check(lastName, firstName, birthDate);
      expect({ lastName, birthDate, likely: likely.map((d) => ({ id: d.person.id, reasons: d.reasons })) }).toEqual({ lastName, birthDate, likely: [{ id: base, reasons: [reason] }] });
      // the case is held by the channel's referring point until an organisation holds it
      expect(likely[0]?.openCase).toMatchObject({ status: 'iscritto', heldBy: 'Punto di ascolto Caritas', organisation: null });
    }
  });

  it('does not flag near misses: two days apart, another month, a surname three letters apart, another first name a day apart', async () => {
    for (const [lastName, firstName, birthDate] of [
      ['Bertolini', 'Giada', '1992-03-09'],
      ['Bertolini', 'Giada', '1992-04-07'],
      ['Bortolana', 'Giada', '1992-03-07'],
      ['Bertolini', 'Giulia', '1992-03-08'],
      ['Bertolino', 'Giada', '1992-03-08'],
    ] as const) {
      expect({ lastName, firstName, birthDate, likely: (await check(lastName, firstName, birthDate)).likely }).toEqual({ lastName, firstName, birthDate, likely: [] });
    }
  });

  it('asks to confirm a birth date a day apart, then registers and lists the pair for the coordinators', async () => {
    const input = registration('Bertolini', 'Giada', '1992-03-08', withoutCode);
    const doubt = await callRefused(t.core, 'people.register', input, operator);
    expect(doubt).toMatchObject({ code: 'CONFLICT', message: 'Possibile doppione: confermare che si tratta di una persona diversa', fields: { acknowledgedDuplicates: `Possibili doppioni: Bertolini Giada (scheda n. ${base})` } });
    const second = await callOk(t.core, 'people.register', { ...input, acknowledgedDuplicates: [base] }, operator);
    expect(await sqlAll(t.core.store, 'SELECT person_id, other_id, reasons, dismissed_at FROM duplicate_pairs WHERE other_id = ?', second.personId)).toEqual([
      { person_id: base, other_id: second.personId, reasons: 'data_vicina', dismissed_at: null },
    ]);
  });
});

describe('the coordinators’ list of possible doubles', () => {
  it('is found over the whole network, paginated, with the reasons and both records; a dismissed pair leaves it for good, audited', async () => {
    // a pair written past the services (as an import or a bulk load would): only the search finds it
    await sqlRun(t.core.store, "UPDATE people SET phone = '3471234567' WHERE last_name IN ('Montanari', 'Vitali')");
    expect(await callRefused(t.core, 'people.duplicates.search', {}, operator)).toMatchObject({ code: 'FORBIDDEN' });
    const searched = await callOk(t.core, 'people.duplicates.search', {}, coordinator);
    expect(searched.added).toBeGreaterThan(0);
    expect(await sqlOne(t.core.store, "SELECT username, after_json FROM audit_log WHERE entity = 'ricerca_doppioni'")).toMatchObject({ username: 'utente.coordinatore' });

    const all = await callOk(t.core, 'people.duplicates.list', { pageSize: 200 }, coordinator);
    expect(all.total).toBe(all.rows.length);
    expect(all.lastSearch).toMatchObject({ by: 'Utente coordinatore' });
    const phone = all.rows.find((r) => r.first.lastName === 'Montanari' && r.second.lastName === 'Vitali');
    expect(phone).toMatchObject({ reasons: [DUPLICATE_REASONS.telefono], first: { openCase: { organisation: 'Opimm' } } });
    const pages = [await callOk(t.core, 'people.duplicates.list', { page: 1, pageSize: 10 }, coordinator)];
    expect(pages[0]!.rows.map((r) => r.id)).toEqual(all.rows.slice(0, 10).map((r) => r.id));

    const before = await n('SELECT count(*) FROM audit_log');
    await callOk(t.core, 'people.duplicates.dismiss', { id: phone!.id, note: 'Stesso telefono della comunità' }, coordinator);
    expect(await sqlOne(t.core.store, "SELECT action, entity, entity_id FROM audit_log WHERE entity = 'doppione'")).toEqual({ action: 'non_doppione', entity: 'doppione', entity_id: String(phone!.id) });
    expect(await n('SELECT count(*) FROM audit_log')).toBe(before + 1);
    const again = await callRefused(t.core, 'people.duplicates.dismiss', { id: phone!.id }, coordinator);
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toMatch(/^Coppia già segnata come «non è un doppione» da Utente coordinatore il \d\d\/\d\d\/\d{4}$/);

    await callOk(t.core, 'people.duplicates.search', {}, coordinator);
    const after = await callOk(t.core, 'people.duplicates.list', { pageSize: 200 }, coordinator);
    expect(after.total).toBe(all.total - 1);
    expect(after.rows.map((r) => r.id)).not.toContain(phone!.id);
  });
});
