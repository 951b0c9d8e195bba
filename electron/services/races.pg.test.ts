import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../contract/errors';
import type { PersonInput } from '../contract/people';
import { checkLetter, computeCodiceFiscale } from '../domain/codiceFiscale';
import { partitaIvaCheckDigit } from '../domain/partitaIva';
import { callOk } from '../testing/calls';
import { sqlAll, sqlValue } from '../testing/sql';
import type { TempCore } from '../testing/tempDb';
import { openTwoDesks, type TwoDesks } from '../testing/twoDesks';
import { POSTGRES_UNIQUE_NAMES } from './uniqueRules';

/**
 * Two desks on one PostgreSQL database (two hosts, each with its own pool) make the same write at the
 * same instant, ten times over. Both may pass a service's own check before either commits; the unique
 * rules and the versions must still hold, and every desk must get the answer it gets when the other
 * desk's write came first: never an internal error, never a second record, never a lost save.
 */
let desks: TwoDesks;
let t: TempCore;
let here: string;
let tenAtOnce: TwoDesks['tenAtOnce'];

beforeAll(async () => {
  desks = await openTwoDesks();
  ({ t, here, tenAtOnce } = desks);
});
afterAll(() => desks.close());
const failures = (outcomes: CallResult[]) => outcomes.flatMap((o) => (o.ok ? [] : [o.error]));
const count = async (text: string, ...params: unknown[]) => Number(await sqlValue(t.core.store, text, ...params));

function person(lastName: string, firstName: string, birthDate: string): PersonInput {
  const taxCode = computeCodiceFiscale({ lastName, firstName, sex: 'F', birthDate, birthPlaceCode: 'A944' });
  return { lastName, firstName, sex: 'F', birthDate, birthPlaceCode: 'A944', taxCode, domicileIstat: '037006' };
}
const vat = (n: number) => {
  const first10 = String(n).padStart(10, '0');
  return first10 + String(partitaIvaCheckDigit(first10));
};
/** Every person registered here signed the privacy notice in force on that day. */
const signed = { privacyAcknowledgedOn: '2024-01-15' } as const;

describe('unique rules under races', () => {
  it('are recognised by the names PostgreSQL gives them', async () => {
    const names = await sqlAll<{ name: string }>(
      t.core.store,
      'SELECT conname AS name FROM pg_constraint UNION SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()',
    );
    expect(names.map((n) => n.name)).toEqual(expect.arrayContaining([...POSTGRES_UNIQUE_NAMES]));
  });

  it('the same codice fiscale registered ten times at once: one person, the others get that person as when registered before', async () => {
    const input = person('Zucchini', 'Ada', '1981-04-04');
    const outcomes = await tenAtOnce('people.create', () => ({ ...input, ...signed }));
    expect(failures(outcomes)).toEqual([]);
    const results = outcomes.map((o) => (o.ok ? (o.result as { created: boolean; personId: number }) : null));
    const personId = await count('SELECT id FROM people WHERE tax_code = ?', input.taxCode);
    expect(results.filter((r) => r?.created)).toEqual([{ created: true, personId }]);
    expect(results.filter((r) => !r?.created)).toEqual(Array.from({ length: 9 }, () => ({ created: false, personId })));
    expect(await count("SELECT count(*) FROM audit_log WHERE entity = 'persona' AND action = 'crea' AND entity_id = ?", String(personId))).toBe(1);
  });

  it('one codice fiscale registered ten times at once in its plain and omocodic forms: one person, the same form gets that person, the other form is refused naming them', async () => {
    const input = person('Omodei', 'Carla', '1975-08-18');
    const first15 = input.taxCode!.slice(0, 14) + 'LMNPQRSTUV'.charAt(Number(input.taxCode!.charAt(14)));
    const forms = [input.taxCode!, first15 + checkLetter(first15)];
    const outcomes = await tenAtOnce('people.register', (i) => ({ ...input, taxCode: forms[Math.floor(i / 2) % 2], channelCode: 'caritas', applicationDate: '2025-03-03', privacyAcknowledgedOn: '2025-03-03' }));
    const people = await sqlAll<{ id: number; tax_code: string }>(t.core.store, 'SELECT id, tax_code FROM people WHERE tax_code_key = ?', input.taxCode!.slice(0, 15));
    expect(people).toHaveLength(1);
    const { id, tax_code: kept } = people[0]!;
    const message = `Persona già registrata: Omodei Carla (scheda n. ${id}) ha lo stesso codice fiscale in un’altra forma (omocodica o ordinaria), seguita da Punto di ascolto Caritas. Aprire la scheda esistente invece di registrarla di nuovo.`;
    outcomes.forEach((o, i) => {
      const form = forms[Math.floor(i / 2) % 2];
      if (form !== kept) expect(o).toEqual({ ok: false, error: { code: 'CONFLICT', message, fields: { taxCode: message, existingId: String(id) } } });
      else expect(o).toMatchObject({ ok: true, result: { personId: id } });
    });
    expect(outcomes.filter((o) => o.ok && (o.result as { created: boolean }).created)).toHaveLength(1);
    expect(await count("SELECT count(*) FROM audit_log WHERE entity = 'persona' AND action = 'crea' AND entity_id = ?", String(id))).toBe(1);
  });

  it('ten people given the same codice fiscale at once: one keeps it, the others are refused naming that person', async () => {
    const code = person('Tassoni', 'Bice', '1972-12-01');
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) {
      const { personId } = await callOk(t.core, 'people.create', { ...signed, ...code, taxCode: null, taxCodeMissingReason: 'Da verificare', phone: `33300000${10 + i}`, acknowledgedDuplicates: ids }, here);
      ids.push(personId);
    }
    const outcomes = await tenAtOnce('people.update', (i) => ({ ...code, id: ids[i], version: 1, phone: `33300000${10 + i}` }));
    const holder = await count('SELECT id FROM people WHERE tax_code = ?', code.taxCode);
    const message = `Codice fiscale già registrato per Tassoni Bice (scheda n. ${holder})`;
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(failures(outcomes)).toEqual(Array.from({ length: 9 }, () => ({ code: 'CONFLICT', message, fields: { taxCode: message } })));
    expect(await count("SELECT count(*) FROM audit_log WHERE entity = 'persona' AND action = 'modifica'")).toBe(1);
  });

  it('the same partita IVA registered ten times at once: one company, the others refused naming it', async () => {
    const outcomes = await tenAtOnce('companies.create', (i) => ({ name: `Trasporti Emiliani ${i} S.r.l.`, vatNumber: vat(777), seatIstat: '037006' }));
    const company = await sqlAll<{ id: number; name: string }>(t.core.store, 'SELECT id, name FROM companies WHERE vat_number = ?', vat(777));
    expect(company).toHaveLength(1);
    const message = `Partita IVA già registrata per «${company[0]!.name}» (azienda n. ${company[0]!.id})`;
    expect(failures(outcomes)).toEqual(Array.from({ length: 9 }, () => ({ code: 'CONFLICT', message, fields: { vatNumber: message, existingId: String(company[0]!.id) } })));
  });

  it('ten cases opened at once for one person: one open case, the others refused naming it', async () => {
    const { personId } = await callOk(t.core, 'people.create', { ...person('Casadio', 'Nives', '1969-06-06'), ...signed }, here);
    const outcomes = await tenAtOnce('cases.create', () => ({ personId, channelCode: 'caritas', applicationDate: '2024-05-06' }));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(await count('SELECT count(*) FROM cases WHERE person_id = ? AND closed_on IS NULL', personId)).toBe(1);
    const message = 'La persona ha già un caso aperto (Iscritto, canale Punto di ascolto Caritas): non si apre un secondo intervento';
    expect(failures(outcomes)).toEqual(Array.from({ length: 9 }, () => ({ code: 'CONFLICT', message })));
  });
});

describe('versions under races', () => {
  it('ten saves of one person on the same version at once: one is saved, the others refused naming its author', async () => {
    const input = person('Versari', 'Lina', '1983-03-03');
    const { personId } = await callOk(t.core, 'people.create', { ...input, ...signed }, here);
    const outcomes = await tenAtOnce('people.update', (i) => ({ ...input, id: personId, version: 1, phone: `33399900${10 + i}` }));
    const saved = outcomes.filter((o) => o.ok);
    expect(saved).toHaveLength(1);
    const author = await sqlAll<{ username: string; after_json: string }>(
      t.core.store,
      "SELECT username, after_json FROM audit_log WHERE entity = 'persona' AND action = 'modifica' AND entity_id = ?",
      String(personId),
    );
    expect(author).toHaveLength(1);
    const name = author[0]!.username === 'l.verdi' ? 'Laura Verdi' : 'Marco Neri';
    for (const error of failures(outcomes)) expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(new RegExp(`^Modificato da ${name} alle \\d\\d:\\d\\d: ricarica per vedere le modifiche$`)) });
    const row = await sqlAll(t.core.store, 'SELECT phone, version FROM people WHERE id = ?', personId);
    expect(row).toEqual([{ phone: JSON.parse(author[0]!.after_json).phone, version: 2 }]);
  });

  it('ten saves of one allocation cell at once: one is saved, the others refused', async () => {
    const fund = await callOk(t.core, 'budget.funds.create', { code: 'GARA', name: 'Fondo in gara', amountCents: 10_000_000, startYear: 2024, endYear: 2024 }, here);
    const outcomes = await tenAtOnce('budget.allocations.set', (i) => ({ fundId: fund.id, cells: [{ year: 2024, lineCode: 'gestione', amountCents: 100_000 + i, version: null }] }));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    for (const error of failures(outcomes)) expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^Modificato da (Laura Verdi|Marco Neri) alle \d\d:\d\d: ricarica per vedere le modifiche$/) });
    expect(await count('SELECT count(*) FROM allocations WHERE fund_id = ?', fund.id)).toBe(1);
    expect(await count("SELECT count(*) FROM audit_log WHERE entity = 'assegnazioni' AND entity_id = ?", String(fund.id))).toBe(1);
  });
});
