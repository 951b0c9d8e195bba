import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../contract/errors';
import type { PersonDetail, PersonInput } from '../../contract/people';
import { computeCodiceFiscale } from '../../domain/codiceFiscale';
import { contextAs, loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { getPersonDetail } from './people';
import { sqlColumn, sqlOne, sqlValue } from '../../testing/sql';

let t: TempCore;
let coordinator: string;
let operator: string;
let reader: string;
let finance: string;
beforeAll(async () => {
  t = await tempCore();
  const admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore');
  operator = await loginAs(t.core, admin, 'operatore');
  reader = await loginAs(t.core, admin, 'sola_lettura');
  finance = await loginAs(t.core, admin, 'finanza');
});
afterAll(async () => {
  await t.cleanup();
});

const n = async (sql: string, ...params: unknown[]) => ((await sqlOne(t.core.store, sql, ...params)) as { n: number }).n;
const rowCounts = async () => ({
  people: (await n('SELECT count(*) n FROM people')),
  skills: (await n('SELECT count(*) n FROM person_skills')),
  experiences: (await n('SELECT count(*) n FROM work_experiences')),
  audit: (await n('SELECT count(*) n FROM audit_log')),
});

/** A person born in Bologna (A944) with a codice fiscale computed from the data. */
function person(lastName: string, firstName: string, birthDate: string, extra: Partial<PersonInput> = {}): PersonInput {
  return {
    lastName,
    firstName,
    sex: 'F',
    birthDate,
    birthPlaceCode: 'A944',
    taxCode: computeCodiceFiscale({ lastName, firstName, sex: 'F', birthDate, birthPlaceCode: 'A944' }),
    domicileIstat: '037006',
    ...extra,
  };
}

async function create(input: PersonInput & { acknowledgedDuplicates?: number[] }, token = coordinator): Promise<CallResult> {
  return t.core.call('people.create', { privacyAcknowledgedOn: '2024-01-15', ...input }, token);
}
function created(outcome: CallResult): { created: boolean; personId: number } {
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message} ${JSON.stringify(outcome.error.fields)}`);
  return outcome.result as { created: boolean; personId: number };
}

describe('people.create', () => {
  it('stores a codice fiscale typed in lowercase with spaces normalised, the phone as digits, the name key and skills', async () => {
    const cf = computeCodiceFiscale({ lastName: 'Bianchi', firstName: 'Laura', sex: 'F', birthDate: '1990-04-15', birthPlaceCode: 'A944' });
    const typed = `${cf.slice(0, 6).toLowerCase()} ${cf.slice(6, 11)} ${cf.slice(11).toLowerCase()}`;
    const { personId, created: isNew } = created(
      await create(
        person('Bianchi', 'Laura', '1990-04-15', {
          taxCode: typed,
          phone: '+39 347 555 0101',
          email: 'Laura.Bianchi@Example.IT',
          languages: ['italiano', 'inglese', 'Inglese'],
          skills: ['pulizie', 'cucina', 'Pulizie'],
        }),
      ),
    );
    expect(isNew).toBe(true);
    const row = (await sqlOne(t.core.store, 'SELECT * FROM people WHERE id = ?', personId)) as Record<string, unknown>;
    expect(row).toMatchObject({ tax_code: cf, phone: '3475550101', email: 'laura.bianchi@example.it', name_key: 'bianchilaura', nationality_group: 'IT' });
    expect(JSON.parse(row.languages as string)).toEqual(['italiano', 'inglese']);
    expect((await n('SELECT count(*) n FROM person_skills WHERE person_id = ?', personId))).toBe(2);
    const audit = (await sqlOne(t.core.store, "SELECT action, entity, after_json FROM audit_log WHERE entity = 'persona' AND entity_id = ?", String(personId))) as {
      action: string;
      after_json: string;
    };
    expect(audit.action).toBe('crea');
    expect(JSON.parse(audit.after_json)).toMatchObject({ lastName: 'Bianchi', phone: '3475550101', skills: ['pulizie', 'cucina'] });
  });

  it('refuses an invalid codice fiscale with a message on the field', async () => {
    const input = person('Verdi', 'Anna', '1970-01-01');
    const wrongCheck = `${input.taxCode!.slice(0, 15)}${input.taxCode!.endsWith('A') ? 'B' : 'A'}`;
    const outcome = await create({ ...input, taxCode: wrongCheck });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { taxCode: expect.stringContaining('carattere di controllo') } } });
  });

  it('refuses a codice fiscale that does not match the birth date, sex or birth place, and writes nothing', async () => {
    const before = (await rowCounts());
    const input = person('Neri', 'Paola', '1982-03-03');
    const date = await create({ ...input, birthDate: '1982-03-04' });
    expect(date).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Il codice fiscale non corrisponde alla data di nascita indicata', fields: { taxCode: expect.any(String), birthDate: expect.any(String) } },
    });
    expect(await create({ ...input, sex: 'M' })).toMatchObject({ ok: false, error: { fields: { taxCode: 'Il codice fiscale non corrisponde al sesso indicato' } } });
    expect(await create({ ...input, birthPlaceCode: 'F205' })).toMatchObject({ ok: false, error: { fields: { taxCode: 'Il codice fiscale non corrisponde al luogo di nascita indicato' } } });
    expect((await rowCounts())).toEqual(before);
  });

  it('requires a reason when the codice fiscale is missing', async () => {
    const input = { ...person('Diallo', 'Awa', '2000-05-05'), taxCode: null, birthPlaceCode: 'Z343' };
    expect(await create(input)).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { taxCodeMissingReason: 'Indicare perché manca il codice fiscale' } } });
    const { personId } = created(await create({ ...input, taxCodeMissingReason: 'Arrivo recente: codice in attesa' }));
    expect((await sqlOne(t.core.store, 'SELECT tax_code, nationality_group FROM people WHERE id = ?', personId))).toEqual({ tax_code: null, nationality_group: 'EXTRA_UE' });
  });

  it('requires a domicile in the area or one outside it, and known reference codes', async () => {
    const input = person('Gialli', 'Sara', '1975-09-09');
    expect(await create({ ...input, domicileIstat: null })).toMatchObject({ ok: false, error: { fields: { domicileIstat: expect.any(String) } } });
    expect(await create({ ...input, domicileIstat: '037999' })).toMatchObject({ ok: false, error: { fields: { domicileIstat: 'Comune di domicilio non presente nell’elenco' } } });
    expect(await create({ ...input, outsideMetro: true })).toMatchObject({ ok: false, error: { fields: { domicileIstat: expect.any(String), outsideMetroCity: expect.any(String) } } });
    const foreignPlace = { ...input, taxCode: null, taxCodeMissingReason: 'In attesa', birthPlaceCode: 'Z999' };
    expect(await create(foreignPlace)).toMatchObject({ ok: false, error: { fields: { birthPlaceCode: 'Luogo di nascita non presente nell’elenco' } } });
    const { personId } = created(await create({ ...input, domicileIstat: null, outsideMetro: true, outsideMetroCity: 'Modena' }));
    expect((await sqlOne(t.core.store, 'SELECT outside_metro, outside_metro_city FROM people WHERE id = ?', personId))).toEqual({ outside_metro: 1, outside_metro_city: 'Modena' });
  });

  it('returns the existing person for a codice fiscale already registered, without writing', async () => {
    const input = person('Russo', 'Elena', '1988-08-08');
    const first = created(await create(input));
    const before = (await rowCounts());
    const again = created(await create({ ...input, firstName: 'Elena Maria', taxCode: input.taxCode!.toLowerCase() }));
    expect(again).toEqual({ created: false, personId: first.personId });
    expect((await rowCounts())).toEqual(before);
  });

  it('asks to confirm a likely duplicate (same birth date, name written differently) and writes nothing until then', async () => {
    const existing = created(await create({ ...person("D'Angelo", 'Nicolò', '1979-02-02'), sex: 'M', taxCode: null, taxCodeMissingReason: 'Non fornito' }));
    const before = (await rowCounts());
    const similar = { ...person('Dangelo', 'Nicolo', '1979-02-02'), sex: 'M' as const, taxCode: null, taxCodeMissingReason: 'Non fornito' };
    const refused = await create(similar);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Possibile doppione: confermare che si tratta di una persona diversa',
        fields: { acknowledgedDuplicates: expect.stringContaining(`scheda n. ${existing.personId}`) },
      },
    });
    expect((await rowCounts())).toEqual(before);
    const confirmed = created(await create({ ...similar, acknowledgedDuplicates: [existing.personId] }));
    expect(confirmed.created).toBe(true);
    expect(confirmed.personId).not.toBe(existing.personId);
  });

  it('lets an operator register but not a read-only user', async () => {
    expect((await create(person('Ferri', 'Giada', '1993-03-13'), operator)).ok).toBe(true);
    expect(await create(person('Ferri', 'Ilaria', '1994-04-14'), reader)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('work experiences', () => {
  const warehouse = { employer: 'Coop Alleanza 3.0', role: 'Magazziniere', startDate: '2015-03-01', endDate: '2018-06-30', description: 'Carico e scarico merci, muletto' };
  const cleaning = { employer: null, role: 'Addetta alle pulizie', startDate: '2019-01-07', endDate: null };
  const kitchen = { employer: 'Trattoria Da Gino', role: 'Aiuto cuoca', startDate: null, endDate: '2012-09-30' };
  const get = async (id: number, token = coordinator) => {
    const outcome = await t.core.call('people.get', { id }, token);
    if (!outcome.ok) throw new Error(outcome.error.message);
    return (outcome.result as { person: PersonDetail }).person;
  };

  it('are stored with the person and come back newest first, with their ids, to every role', async () => {
    const { personId } = created(await create(person('Fabbri', 'Noemi', '1983-05-25', { workExperiences: [kitchen, warehouse, { ...cleaning, role: '  Addetta alle pulizie ' }] })));
    expect((await n('SELECT count(*) n FROM work_experiences WHERE person_id = ?', personId))).toBe(3);
    const detail = await get(personId);
    expect(detail.workExperiences).toEqual([
      { id: expect.any(Number), employer: null, role: 'Addetta alle pulizie', startDate: '2019-01-07', endDate: null, description: null },
      { id: expect.any(Number), ...warehouse },
      { id: expect.any(Number), ...kitchen, description: null },
    ]);
    // not personal identifiers: finance and read-only users see them too
    expect((await get(personId, finance)).workExperiences).toEqual(detail.workExperiences);
    expect((await get(personId, reader)).workExperiences).toHaveLength(3);
    const audit = (await sqlValue(t.core.store, "SELECT after_json FROM audit_log WHERE action = 'crea' AND entity = 'persona' AND entity_id = ?", String(personId))) as string;
    expect(JSON.parse(audit).workExperiences.map((e: { role: string }) => e.role)).toEqual(['Addetta alle pulizie', 'Magazziniere', 'Aiuto cuoca']);
  });

  it('refuses an end before the start with a message on that row’s field, and writes nothing', async () => {
    const before = (await rowCounts());
    const wrong = { ...warehouse, startDate: '2018-06-30', endDate: '2015-03-01' };
    const outcome = await create(person('Pagani', 'Lia', '1980-02-20', { workExperiences: [cleaning, wrong] }));
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { 'workExperiences.1.endDate': 'La data di fine non può essere prima della data di inizio' } },
    });
    expect(await create(person('Pagani', 'Lia', '1980-02-20', { workExperiences: [{ ...cleaning, role: ' ' }] }))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { 'workExperiences.0.role': 'Mansione: campo obbligatorio' } },
    });
    expect((await rowCounts())).toEqual(before);

    const input = person('Pagani', 'Lia', '1980-02-20', { workExperiences: [cleaning] });
    const { personId } = created(await create(input));
    const stored = (await rowCounts());
    expect(await t.core.call('people.update', { ...input, id: personId, version: 1, workExperiences: [wrong] }, coordinator)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { 'workExperiences.0.endDate': expect.any(String) } },
    });
    expect((await rowCounts())).toEqual(stored);
    expect((await get(personId)).workExperiences).toMatchObject([{ role: 'Addetta alle pulizie' }]);
  });

  it('are replaced by people.update, which audits the change; the same list in another order changes nothing', async () => {
    const input = person('Orlandi', 'Bruna', '1976-11-11', { workExperiences: [warehouse, kitchen] });
    const { personId } = created(await create(input));
    const audits = async () => (await n("SELECT count(*) n FROM audit_log WHERE action = 'modifica' AND entity_id = ?", String(personId)));

    const reordered = await t.core.call('people.update', { ...input, id: personId, version: 1, workExperiences: [kitchen, warehouse] }, coordinator);
    expect(reordered.ok).toBe(true);
    expect((await audits())).toBe(0);

    const updated = await t.core.call('people.update', { ...input, id: personId, version: 1, workExperiences: [cleaning, { ...warehouse, endDate: '2018-12-31' }] }, coordinator);
    expect(updated).toMatchObject({
      ok: true,
      result: { workExperiences: [{ role: 'Addetta alle pulizie' }, { role: 'Magazziniere', endDate: '2018-12-31' }] },
    });
    expect((await sqlColumn(t.core.store, 'SELECT role FROM work_experiences WHERE person_id = ? ORDER BY role', personId))).toEqual(['Addetta alle pulizie', 'Magazziniere']);
    const audit = (await sqlOne(t.core.store, "SELECT before_json, after_json FROM audit_log WHERE action = 'modifica' AND entity_id = ?", String(personId))) as {
      before_json: string;
      after_json: string;
    };
    expect(Object.keys(JSON.parse(audit.before_json))).toEqual(['workExperiences']);
    expect(JSON.parse(audit.before_json).workExperiences.map((e: { role: string }) => e.role)).toEqual(['Magazziniere', 'Aiuto cuoca']);
    expect(JSON.parse(audit.after_json).workExperiences.map((e: { role: string }) => e.role)).toEqual(['Addetta alle pulizie', 'Magazziniere']);

    expect(await t.core.call('people.update', { ...input, id: personId, version: 2, workExperiences: [] }, coordinator)).toMatchObject({ ok: true, result: { workExperiences: [] } });
    expect((await n('SELECT count(*) n FROM work_experiences WHERE person_id = ?', personId))).toBe(0);
  });
});

describe('people.update', () => {
  it('updates, audits only the changed fields and replaces the skills', async () => {
    const input = person('Marino', 'Chiara', '1984-10-10', { phone: '333 000 1111', skills: ['magazzino'] });
    const { personId } = created(await create(input));
    const outcome = await t.core.call('people.update', { ...input, id: personId, version: 1, phone: '0039 333 000 2222', skills: ['logistica', 'magazzino'] }, coordinator);
    expect(outcome).toMatchObject({ ok: true, result: { id: personId, phone: '3330002222', skills: ['logistica', 'magazzino'], personalDataHidden: false, domicileComune: 'Bologna' } });
    const audit = (await sqlOne(t.core.store, "SELECT before_json, after_json FROM audit_log WHERE action = 'modifica' AND entity_id = ?", String(personId))) as {
      before_json: string;
      after_json: string;
    };
    expect(JSON.parse(audit.before_json)).toEqual({ phone: '3330001111', skills: ['magazzino'] });
    expect(JSON.parse(audit.after_json)).toEqual({ phone: '3330002222', skills: ['logistica', 'magazzino'] });
  });

  it('refuses a codice fiscale registered for someone else, naming that person', async () => {
    const a = person('Colombo', 'Marta', '1991-01-21');
    const b = person('Colombo', 'Marta', '1991-01-21', { taxCode: null, taxCodeMissingReason: 'Da verificare', phone: '3401234000' });
    const first = created(await create(a));
    const second = created(await create({ ...b, acknowledgedDuplicates: [first.personId] }));
    const message = `Codice fiscale già registrato per Colombo Marta (scheda n. ${first.personId})`;
    expect(await t.core.call('people.update', { ...b, id: second.personId, version: 1, taxCode: a.taxCode }, coordinator)).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message, fields: { taxCode: message } },
    });
    expect(await t.core.call('people.update', { ...b, id: 999_999, version: 1 }, coordinator)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('validates like create and is forbidden to the finance role', async () => {
    const input = person('Galli', 'Irene', '1986-06-16');
    const { personId } = created(await create(input));
    expect(await t.core.call('people.update', { ...input, id: personId, version: 1, birthDate: '1986-06-17' }, coordinator)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.core.call('people.update', { ...input, id: personId, version: 1 }, finance)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('hides personal data from the finance role in the person detail', async () => {
    const input = person('Lombardi', 'Rita', '1977-07-17', { phone: '3399998888', email: 'rita@example.it' });
    const { personId } = created(await create(input));
    const updated = await t.core.call('people.update', { ...input, id: personId, version: 1, domicileStreet: 'Via Indipendenza', domicileNumber: '3' }, coordinator);
    expect(updated).toMatchObject({ ok: true, result: { taxCode: input.taxCode, domicileStreet: 'Via Indipendenza' } });
    const hidden: PersonDetail = await getPersonDetail(contextAs(t.core.store, 'finanza'), personId);
    expect(hidden).toMatchObject({ lastName: 'Lombardi', taxCode: null, phone: null, email: null, birthDate: null, domicileStreet: null, personalDataHidden: true });
  });
});
