import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompanyInput } from '../../contract/companies';
import type { Input, MethodName } from '../../contract/index';
import { todayIso } from '../../domain/dates';
import { partitaIvaCheckDigit } from '../../domain/partitaIva';
import { callOk, callRefused } from '../../testing/calls';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { sqlAll, sqlOne } from '../../testing/sql';

let t: TempCore;
let admin: string;
let coordinator: string;
let operator: string;
let finance: string;
let reader: string;

const count = async (sql: string, ...params: unknown[]) => ((await sqlOne(t.core.store, sql, ...params)) as { n: number }).n;
const ok = <M extends MethodName>(method: M, input: Input<M>, token: string) => callOk(t.core, method, input, token);
const refused = <M extends MethodName>(method: M, input: Input<M>, token: string) => callRefused(t.core, method, input, token);
const rowCounts = async () => ({
  companies: (await count('SELECT count(*) n FROM companies')),
  board: (await count('SELECT count(*) n FROM board_memberships')),
  contacts: (await count('SELECT count(*) n FROM company_contacts')),
  audit: (await count('SELECT count(*) n FROM audit_log')),
});
const orgId = async (code: string) => ((await sqlOne(t.core.store, 'SELECT id FROM organisations WHERE code = ?', code)) as { id: number }).id;

/** A valid partita IVA from a number: its 10 first digits and the check digit. */
export function vat(n: number): string {
  const first10 = String(n).padStart(10, '0');
  return first10 + String(partitaIvaCheckDigit(first10));
}
/** The same with a wrong check digit. */
function wrongVat(n: number): string {
  const good = vat(n);
  return good.slice(0, 10) + String((Number(good.charAt(10)) + 1) % 10);
}

function company(name: string, vatNumber: string, extra: Partial<CompanyInput> = {}): CompanyInput {
  return { name, vatNumber, legalForm: 'S.r.l.', atecoSection: 'H', seatIstat: '037006', seatStreet: 'Via del Lavoro', seatNumber: '12', sizeBand: 'media', ...extra };
}
const daysFromToday = (days: number) => todayIso(new Date(Date.now() + days * 86_400_000));

beforeAll(async () => {
  t = await tempCore();
  admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore');
  operator = await loginAs(t.core, admin, 'operatore');
  finance = await loginAs(t.core, admin, 'finanza');
  reader = await loginAs(t.core, admin, 'sola_lettura');
});
afterAll(async () => {
  await t.cleanup();
});

describe('partita IVA', () => {
  it('accepts the reference number 00743110157, typed with spaces, and stores it as 11 digits', async () => {
    const { companyId } = await ok('companies.create', company('Logistica Felsinea S.r.l.', '007 4311 0157'), coordinator);
    const row = (await sqlOne(t.core.store, 'SELECT vat_number, name_key, seat_city FROM companies WHERE id = ?', companyId));
    expect(row).toEqual({ vat_number: '00743110157', name_key: 'logisticafelsineasrl', seat_city: 'Bologna' });
  });

  it.each([
    ['00743110158', 'La cifra di controllo della partita IVA non è corretta'],
    ['0074311015', 'La partita IVA deve avere 11 cifre'],
    ['IT00743110157', 'La partita IVA può contenere solo cifre'],
    ['', 'Partita IVA: campo obbligatorio'],
  ])('refuses %j with «%s» on the field, and writes nothing', async (value, message) => {
    const before = (await rowCounts());
    const error = await refused('companies.create', company('Ditta di prova', value), coordinator);
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.vatNumber).toBe(message);
    expect((await rowCounts())).toEqual(before);
  });

  it('checkVat finds the holder of a registered number and nothing for a new or invalid one', async () => {
    const { companyId } = await ok('companies.create', company('Trasporti Reno S.r.l.', vat(1001)), coordinator);
    expect(await ok('companies.checkVat', { vatNumber: vat(1001) }, finance)).toEqual({ existing: { id: companyId, name: 'Trasporti Reno S.r.l.' } });
    expect(await ok('companies.checkVat', { vatNumber: vat(1001), excludeId: companyId }, finance)).toEqual({ existing: null });
    expect(await ok('companies.checkVat', { vatNumber: vat(1002) }, finance)).toEqual({ existing: null });
    expect(await ok('companies.checkVat', { vatNumber: wrongVat(1001) }, finance)).toEqual({ existing: null });
  });
});

describe('duplicates', () => {
  it('refuses a second company with the same partita IVA, naming the first and giving its id for a link', async () => {
    const { companyId } = await ok('companies.create', company('Magazzini Generali Bologna S.p.A.', vat(2001)), coordinator);
    const before = (await rowCounts());
    const error = await refused('companies.create', company('Altro nome S.r.l.', vat(2001)), operator);
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('«Magazzini Generali Bologna S.p.A.»');
    expect(error.fields?.vatNumber).toBe(error.message);
    expect(error.fields?.existingId).toBe(String(companyId));
    expect((await rowCounts())).toEqual(before);
  });

  it('refuses changing a company to another one’s partita IVA', async () => {
    const { companyId: first } = await ok('companies.create', company('Pulizie Savena S.r.l.', vat(2101)), coordinator);
    const { companyId: second } = await ok('companies.create', company('Pulizie Navile S.r.l.', vat(2102)), coordinator);
    const before = (await rowCounts());
    const error = await refused('companies.update', { id: second, version: 1, ...company('Pulizie Navile S.r.l.', vat(2101)) }, coordinator);
    expect(error.code).toBe('CONFLICT');
    expect(error.fields?.existingId).toBe(String(first));
    expect((await rowCounts())).toEqual(before);
    expect((await count('SELECT count(*) n FROM companies WHERE id = ? AND vat_number = ?', second, vat(2102)))).toBe(1);
  });
});

describe('companies.create and update', () => {
  it('stores every field, with the employer association, and writes one audit row', async () => {
    const auditBefore = (await rowCounts()).audit;
    const { companyId } = await ok(
      'companies.create',
      company('Cooperativa sociale Il Ponte Soc. coop.', vat(3001), {
        legalForm: 'Soc. coop.',
        atecoSection: 'Q',
        seatIstat: '037032',
        sizeBand: 'grande',
        employerOrgId: (await orgId('alleanza_coop')),
        legalRepName: 'Anna Galli',
        legalRepRole: 'Presidente',
        phone: '051 123456',
        email: 'Info@IlPonte.it',
        pec: 'ilponte@pec.it',
        notes: 'Cerca OSS per le RSA',
      }),
      coordinator,
    );
    const page = await ok('companies.get', { id: companyId }, reader);
    expect(page.company).toMatchObject({
      name: 'Cooperativa sociale Il Ponte Soc. coop.',
      vatNumber: vat(3001),
      atecoSection: 'Q',
      atecoName: expect.stringMatching(/Sanità/),
      seatCity: 'Imola',
      seatDistrictCode: 'IMO',
      outsideMetro: false,
      sizeBand: 'grande',
      employerOrgName: 'Alleanza delle Cooperative Italiane – Bologna',
      email: 'info@ilponte.it',
      legalRepRole: 'Presidente',
    });
    expect(page.board.status).toBe('collaboratrice');
    expect((await rowCounts()).audit).toBe(auditBefore + 1);
    const audit = (await sqlOne(t.core.store, "SELECT action, after_json FROM audit_log WHERE entity = 'azienda' AND entity_id = ?", String(companyId))) as { action: string; after_json: string };
    expect(audit.action).toBe('crea');
    expect(JSON.parse(audit.after_json)).toMatchObject({ name: 'Cooperativa sociale Il Ponte Soc. coop.', vatNumber: vat(3001), seatCity: 'Imola' });
  });

  it('accepts a seat outside the metro area with its city, and refuses a missing seat or a wrong association', async () => {
    const { companyId } = await ok('companies.create', company('Autotrasporti Estensi S.r.l.', vat(3101), { seatIstat: null, outsideMetro: true, seatCity: 'Ferrara' }), coordinator);
    expect((await ok('companies.get', { id: companyId }, coordinator)).company).toMatchObject({ seatCity: 'Ferrara', outsideMetro: true, seatIstat: null, seatDistrict: null });

    const before = (await rowCounts());
    const noSeat = await refused('companies.create', company('Senza sede', vat(3102), { seatIstat: null }), coordinator);
    expect(noSeat.fields?.seatIstat).toMatch(/Indicare il comune della sede/);
    const notAnAssociation = await refused('companies.create', company('Associazione sbagliata', vat(3103), { employerOrgId: (await orgId('comune_bo')) }), coordinator);
    expect(notAnAssociation.fields?.employerOrgId).toBe('Scegliere una delle associazioni di imprese dell’elenco');
    const badEmail = await refused('companies.create', company('Email sbagliata', vat(3104), { pec: 'non-una-pec' }), coordinator);
    expect(badEmail.fields?.pec).toBe('Indirizzo PEC non valido');
    expect((await rowCounts())).toEqual(before);
  });

  it('enters the Board from the given date in the same write; a future date is refused', async () => {
    const since = daysFromToday(-400);
    const audit = (await rowCounts()).audit;
    const { companyId } = await ok('companies.create', { ...company('Board dal primo giorno S.r.l.', vat(3201)), boardSince: since }, coordinator);
    expect((await rowCounts()).audit).toBe(audit + 1);
    const page = await ok('companies.get', { id: companyId }, coordinator);
    expect(page.board).toMatchObject({ status: 'board', since, periods: [{ since, until: null, current: true }] });

    const before = (await rowCounts());
    const error = await refused('companies.create', { ...company('Board nel futuro S.r.l.', vat(3202)), boardSince: daysFromToday(10) }, coordinator);
    expect(error.fields?.boardSince).toMatch(/futuro/);
    expect((await rowCounts())).toEqual(before);
  });

  it('update audits only the changed fields; saving unchanged data writes nothing', async () => {
    const input = company('Ristorazione Due Torri S.r.l.', vat(3301), { atecoSection: 'I' });
    const { companyId } = await ok('companies.create', input, coordinator);
    let before = (await rowCounts());
    await ok('companies.update', { id: companyId, version: 1, ...input }, coordinator);
    expect((await rowCounts())).toEqual(before);

    const updated = await ok('companies.update', { id: companyId, version: 1, ...input, sizeBand: 'piccola', seatIstat: '037011' }, operator);
    expect(updated).toMatchObject({ sizeBand: 'piccola', seatCity: 'Casalecchio di Reno', seatDistrictCode: 'RLS' });
    expect((await rowCounts()).audit).toBe(before.audit + 1);
    const audit = (await sqlOne(t.core.store, "SELECT before_json, after_json FROM audit_log WHERE entity = 'azienda' AND entity_id = ? AND action = 'modifica'", String(companyId))) as {
      before_json: string;
      after_json: string;
    };
    expect(JSON.parse(audit.before_json)).toEqual({ seatIstat: '037006', seatCity: 'Bologna', sizeBand: 'media' });
    expect(JSON.parse(audit.after_json)).toEqual({ seatIstat: '037011', seatCity: 'Casalecchio di Reno', sizeBand: 'piccola' });

    before = (await rowCounts());
    const error = await refused('companies.update', { id: 999_999, version: 1, ...input }, coordinator);
    expect(error.code).toBe('NOT_FOUND');
    expect((await rowCounts())).toEqual(before);
  });
});

describe('roles', () => {
  it('finance and read-only users read companies but cannot write them; nothing is written', async () => {
    const { companyId } = await ok('companies.create', company('Sola lettura S.r.l.', vat(4001)), coordinator);
    const before = (await rowCounts());
    for (const token of [finance, reader]) {
      expect((await refused('companies.create', company('Vietata S.r.l.', vat(4002)), token)).code).toBe('FORBIDDEN');
      expect((await refused('companies.update', { id: companyId, version: 1, ...company('Vietata S.r.l.', vat(4001)) }, token)).code).toBe('FORBIDDEN');
      expect((await refused('companies.contacts.add', { companyId, name: 'Mario Neri' }, token)).code).toBe('FORBIDDEN');
      expect((await refused('companies.board.add', { companyId, since: '2020-01-01' }, token)).code).toBe('FORBIDDEN');
      expect((await refused('companies.needs.create', { companyId, role: 'Magazziniere', positions: 1, instrumentCode: 'tirocinio' }, token)).code).toBe('FORBIDDEN');
      expect((await ok('companies.get', { id: companyId }, token)).company.name).toBe('Sola lettura S.r.l.');
      expect((await ok('companies.list', {}, token)).total).toBeGreaterThan(0);
    }
    expect((await rowCounts())).toEqual(before);
  });
});

describe('contacts', () => {
  it('adds, edits and removes a contact, one audit row each', async () => {
    const { companyId } = await ok('companies.create', company('Referenti S.r.l.', vat(5001)), coordinator);
    const audit = (await rowCounts()).audit;
    const added = await ok('companies.contacts.add', { companyId, name: 'Paola Ferri', role: 'Responsabile del personale', phone: '347 1234567', email: 'P.Ferri@Referenti.it' }, operator);
    expect(added).toMatchObject({ companyId, name: 'Paola Ferri', email: 'p.ferri@referenti.it' });
    const edited = await ok('companies.contacts.update', { id: added.id, name: 'Paola Ferri', role: 'Direttrice del personale', phone: null, email: null }, operator);
    expect(edited).toMatchObject({ role: 'Direttrice del personale', phone: null });
    expect((await ok('companies.get', { id: companyId }, reader)).contacts).toEqual([edited]);
    await ok('companies.contacts.remove', { id: added.id }, operator);
    expect((await ok('companies.get', { id: companyId }, reader)).contacts).toEqual([]);
    expect((await rowCounts()).audit).toBe(audit + 3);
    const actions = (await sqlAll(t.core.store, "SELECT action FROM audit_log WHERE entity = 'referente_azienda' AND entity_id = ? ORDER BY id", String(added.id)));
    expect(actions).toEqual([{ action: 'crea' }, { action: 'modifica' }, { action: 'elimina' }]);
  });

  it('refuses a contact without a name, with a bad phone, or for a missing company; nothing written', async () => {
    const { companyId } = await ok('companies.create', company('Referenti due S.r.l.', vat(5002)), coordinator);
    const before = (await rowCounts());
    expect((await refused('companies.contacts.add', { companyId, name: '  ' }, operator)).fields?.name).toBe('Nome del referente: campo obbligatorio');
    expect((await refused('companies.contacts.add', { companyId, name: 'Luca Bassi', phone: 'chiamare in ufficio' }, operator)).fields?.phone).toMatch(/telefono/);
    expect((await refused('companies.contacts.add', { companyId: 999_999, name: 'Luca Bassi' }, operator)).code).toBe('NOT_FOUND');
    expect((await refused('companies.contacts.remove', { id: 999_999 }, operator)).code).toBe('NOT_FOUND');
    expect((await rowCounts())).toEqual(before);
  });
});

describe('Board di imprese', () => {
  it('is «Board» while a period is open today, «Collaboratrice» after it ends', async () => {
    const { companyId } = await ok('companies.create', company('Periodi S.r.l.', vat(6001)), coordinator);
    const past = await ok('companies.board.add', { companyId, since: '2018-03-01', until: '2019-12-31' }, coordinator);
    expect(past).toMatchObject({ status: 'collaboratrice', since: null, periods: [{ since: '2018-03-01', until: '2019-12-31', current: false }] });

    const open = await ok('companies.board.add', { companyId, since: '2021-01-15' }, coordinator);
    expect(open.status).toBe('board');
    expect(open.since).toBe('2021-01-15');
    expect(open.periods.map((p) => [p.since, p.current])).toEqual([
      ['2021-01-15', true],
      ['2018-03-01', false],
    ]);

    // the exit is recorded on the open period; until is the last day in the Board (inclusive)
    const current = open.periods[0]!;
    expect((await ok('companies.board.update', { id: current.id, since: '2021-01-15', until: todayIso() }, coordinator)).status).toBe('board');
    const left = await ok('companies.board.update', { id: current.id, since: '2021-01-15', until: daysFromToday(-1) }, coordinator);
    expect(left.status).toBe('collaboratrice');
    expect((await ok('companies.list', { filter: { search: 'Periodi S.r.l.', board: 'collaboratrice' } }, reader)).total).toBe(1);

    const removed = await ok('companies.board.remove', { id: current.id }, coordinator);
    expect(removed.periods).toHaveLength(1);
    const actions = (await sqlAll(t.core.store, "SELECT action FROM audit_log WHERE entity = 'periodo_board' AND entity_id = ? ORDER BY id", String(current.id)));
    expect(actions).toEqual([{ action: 'crea' }, { action: 'modifica' }, { action: 'modifica' }, { action: 'elimina' }]);
  });

  it('refuses overlapping periods, an exit before the entry and a future entry; nothing written', async () => {
    const { companyId } = await ok('companies.create', company('Sovrapposti S.r.l.', vat(6101)), coordinator);
    await ok('companies.board.add', { companyId, since: '2019-01-01', until: '2020-06-30' }, coordinator);
    const open = await ok('companies.board.add', { companyId, since: '2022-01-01' }, coordinator);
    const { companyId: newcomer } = await ok('companies.create', company('Futuro S.r.l.', vat(6102)), coordinator);
    const before = (await rowCounts());
    const overlap = await refused('companies.board.add', { companyId, since: '2020-06-30', until: '2020-12-31' }, coordinator);
    expect(overlap.code).toBe('CONFLICT');
    expect(overlap.message).toBe('Il periodo si sovrappone a quello già registrato dal 01/01/2019 al 30/06/2020');
    const afterOpen = await refused('companies.board.add', { companyId, since: '2023-05-01', until: '2023-06-01' }, coordinator);
    expect(afterOpen.message).toMatch(/dal 01\/01\/2022, ancora in corso/);
    const stretch = await refused('companies.board.update', { id: open.periods[0]!.id, since: '2020-01-01', until: null }, coordinator);
    expect(stretch.code).toBe('CONFLICT');
    const backwards = await refused('companies.board.add', { companyId, since: '2021-05-01', until: '2021-04-01' }, coordinator);
    expect(backwards.fields?.until).toBe('La data di uscita non può essere prima della data di ingresso');
    const future = await refused('companies.board.add', { companyId: newcomer, since: daysFromToday(5) }, coordinator);
    expect(future.fields?.since).toMatch(/futuro/);
    expect((await rowCounts())).toEqual(before);
  });
});
