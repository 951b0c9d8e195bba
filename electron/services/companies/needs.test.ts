import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompanyInput } from '../../contract/companies';
import type { Input, MethodName } from '../../contract/index';
import { partitaIvaCheckDigit } from '../../domain/partitaIva';
import { callOk, callRefused } from '../../testing/calls';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { sqlAll, sqlOne } from '../../testing/sql';

let t: TempCore;
let coordinator: string;
let operator: string;
let finance: string;
let logistics: number;
let care: number;

const count = async (sql: string, ...params: unknown[]) => ((await sqlOne(t.core.store, sql, ...params)) as { n: number }).n;
const ok = <M extends MethodName>(method: M, input: Input<M>, token: string) => callOk(t.core, method, input, token);
const refused = <M extends MethodName>(method: M, input: Input<M>, token: string) => callRefused(t.core, method, input, token);
const rowCounts = async () => ({
  needs: (await count('SELECT count(*) n FROM needs')),
  skills: (await count('SELECT count(*) n FROM need_skills')),
  audit: (await count('SELECT count(*) n FROM audit_log')),
});
const vat = (n: number) => {
  const first10 = String(n).padStart(10, '0');
  return first10 + String(partitaIvaCheckDigit(first10));
};
const company = (name: string, n: number, extra: Partial<CompanyInput> = {}): CompanyInput => ({ name, vatNumber: vat(n), seatIstat: '037006', ...extra });

beforeAll(async () => {
  t = await tempCore();
  const admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore');
  operator = await loginAs(t.core, admin, 'operatore');
  finance = await loginAs(t.core, admin, 'finanza');
  logistics = (await ok('companies.create', company('Interporto Logistica S.p.A.', 11, { atecoSection: 'H' }), coordinator)).companyId;
  care = (await ok('companies.create', company('Cooperativa sociale Aurora Soc. coop.', 12, { atecoSection: 'Q', seatIstat: '037032' }), coordinator)).companyId;
});
afterAll(async () => {
  await t.cleanup();
});

describe('companies.needs.create and update', () => {
  it('creates an open need with its skills (repeats dropped), the instrument and district names, and one audit row', async () => {
    const before = (await rowCounts());
    const need = await ok(
      'companies.needs.create',
      {
        companyId: logistics,
        role: 'Magazziniere',
        positions: 4,
        instrumentCode: 'tirocinio',
        periodFrom: '2025-02-01',
        periodTo: '2025-07-31',
        requirements: 'Disponibilità su turni; patentino per carrello elevatore',
        skills: ['carrello elevatore', 'logistica di magazzino', 'Carrello elevatore'],
        districtCode: 'BOL',
      },
      operator,
    );
    expect(need).toMatchObject({
      companyId: logistics,
      companyName: 'Interporto Logistica S.p.A.',
      role: 'Magazziniere',
      positions: 4,
      instrumentName: 'Tirocinio formativo o stage',
      districtName: 'Città di Bologna',
      status: 'aperto',
      skills: ['carrello elevatore', 'logistica di magazzino'],
      interventions: 0,
    });
    expect((await rowCounts())).toEqual({ needs: before.needs + 1, skills: before.skills + 2, audit: before.audit + 1 });
    expect(await ok('companies.needs.get', { id: need.id }, finance)).toEqual(need);
    const audit = (await sqlOne(t.core.store, "SELECT action, after_json FROM audit_log WHERE entity = 'fabbisogno' AND entity_id = ?", String(need.id))) as { action: string; after_json: string };
    expect(audit.action).toBe('crea');
    expect(JSON.parse(audit.after_json)).toMatchObject({ companyId: logistics, positions: 4, skills: ['carrello elevatore', 'logistica di magazzino'], status: 'aperto' });
  });

  it('refuses bad input with a message per field and writes nothing', async () => {
    const before = (await rowCounts());
    const base = { companyId: logistics, role: 'Autista', positions: 1, instrumentCode: 'inserimento' };
    expect((await refused('companies.needs.create', { ...base, positions: 0 }, operator)).fields?.positions).toBe('Almeno un posto');
    expect((await refused('companies.needs.create', { ...base, role: '' }, operator)).fields?.role).toBe('Mansione: campo obbligatorio');
    expect((await refused('companies.needs.create', { ...base, instrumentCode: 'vacanza' }, operator)).fields?.instrumentCode).toBe('Strumento non presente nell’elenco');
    expect((await refused('companies.needs.create', { ...base, districtCode: 'XXX' }, operator)).fields?.districtCode).toBe('Distretto non presente nell’elenco');
    expect((await refused('companies.needs.create', { ...base, periodFrom: '2025-05-01', periodTo: '2025-04-01' }, operator)).fields?.periodTo).toBe(
      'La fine del periodo non può essere prima dell’inizio',
    );
    expect((await refused('companies.needs.create', { ...base, companyId: 999_999 }, operator)).code).toBe('NOT_FOUND');
    expect((await rowCounts())).toEqual(before);
  });

  it('update replaces fields and skills and audits before and after', async () => {
    const need = await ok('companies.needs.create', { companyId: care, role: 'OSS', positions: 2, instrumentCode: 'inserimento', skills: ['assistenza anziani'], districtCode: 'IMO' }, operator);
    const updated = await ok(
      'companies.needs.update',
      { id: need.id, version: need.version, role: 'Operatore socio-sanitario', positions: 3, instrumentCode: 'inserimento', skills: ['assistenza anziani', 'qualifica OSS'], districtCode: 'IMO' },
      operator,
    );
    expect(updated).toMatchObject({ role: 'Operatore socio-sanitario', positions: 3, skills: ['assistenza anziani', 'qualifica OSS'], status: 'aperto' });
    const audit = (await sqlOne(t.core.store, "SELECT before_json, after_json FROM audit_log WHERE entity = 'fabbisogno' AND entity_id = ? AND action = 'modifica'", String(need.id))) as {
      before_json: string;
      after_json: string;
    };
    expect(JSON.parse(audit.before_json)).toMatchObject({ role: 'OSS', positions: 2, skills: ['assistenza anziani'] });
    expect(JSON.parse(audit.after_json)).toMatchObject({ role: 'Operatore socio-sanitario', positions: 3, skills: ['assistenza anziani', 'qualifica OSS'] });
  });
});

describe('companies.needs.setStatus', () => {
  it('moves along the allowed transitions and refuses the others; a closed need must be reopened before editing', async () => {
    const need = await ok('companies.needs.create', { companyId: logistics, role: 'Carrellista', positions: 1, instrumentCode: 'tirocinio' }, coordinator);
    expect((await ok('companies.needs.setStatus', { id: need.id, status: 'in_corso' }, operator)).status).toBe('in_corso');
    expect((await ok('companies.needs.setStatus', { id: need.id, status: 'chiuso' }, operator)).status).toBe('chiuso');

    const before = (await rowCounts());
    const cancel = await refused('companies.needs.setStatus', { id: need.id, status: 'annullato' }, operator);
    expect(cancel.code).toBe('CONFLICT');
    expect(cancel.message).toBe('Un fabbisogno «chiuso» non può passare a «annullato»');
    const again = await refused('companies.needs.setStatus', { id: need.id, status: 'chiuso' }, operator);
    expect(again.message).toBe('Il fabbisogno è già «chiuso»');
    const edit = await refused('companies.needs.update', { id: need.id, version: need.version, role: 'Carrellista', positions: 2, instrumentCode: 'tirocinio' }, operator);
    expect(edit.code).toBe('CONFLICT');
    expect(edit.message).toMatch(/riaprirlo/);
    expect((await refused('companies.needs.setStatus', { id: need.id, status: 'sospeso' as 'aperto' }, operator)).code).toBe('VALIDATION');
    expect((await rowCounts())).toEqual(before);

    expect((await ok('companies.needs.setStatus', { id: need.id, status: 'aperto' }, operator)).status).toBe('aperto');
    expect((await ok('companies.needs.setStatus', { id: need.id, status: 'annullato' }, operator)).status).toBe('annullato');
    const audits = (await sqlAll(t.core.store, "SELECT before_json, after_json FROM audit_log WHERE entity = 'fabbisogno' AND entity_id = ? AND action = 'stato' ORDER BY id", String(need.id))) as {
      before_json: string;
      after_json: string;
    }[];
    expect(audits.map((a) => [JSON.parse(a.before_json).status, JSON.parse(a.after_json).status])).toEqual([
      ['aperto', 'in_corso'],
      ['in_corso', 'chiuso'],
      ['chiuso', 'aperto'],
      ['aperto', 'annullato'],
    ]);
  });
});

describe('companies.needs.listOpen', () => {
  it('lists open and in-progress needs of every company, filtered by instrument, district and text', async () => {
    // a fresh pair of companies, so that the expected lists are exact
    const a = (await ok('companies.create', company('Supermercati Emiliani S.r.l.', 21, { atecoSection: 'G' }), coordinator)).companyId;
    const b = (await ok('companies.create', company('Pulizie Industriali Savena S.r.l.', 22, { atecoSection: 'N', seatIstat: '037054' }), coordinator)).companyId;
    const cashier = await ok('companies.needs.create', { companyId: a, role: 'Cassiera', positions: 2, instrumentCode: 'tirocinio', districtCode: 'BOL', skills: ['cassa'] }, coordinator);
    const shelves = await ok('companies.needs.create', { companyId: a, role: 'Scaffalista', positions: 1, instrumentCode: 'inserimento', districtCode: 'BOL', requirements: 'Turni anche la domenica' }, coordinator);
    const cleaner = await ok('companies.needs.create', { companyId: b, role: 'Addetto alle pulizie', positions: 3, instrumentCode: 'tirocinio', districtCode: 'SLS', skills: ['pulizie industriali'] }, coordinator);
    const closed = await ok('companies.needs.create', { companyId: b, role: 'Caposquadra', positions: 1, instrumentCode: 'inserimento', districtCode: 'SLS' }, coordinator);
    await ok('companies.needs.setStatus', { id: closed.id, status: 'chiuso' }, coordinator);
    await ok('companies.needs.setStatus', { id: shelves.id, status: 'in_corso' }, coordinator);

    const ids = async (filter: Input<'companies.needs.listOpen'>['filter']) => {
      const forA = await ok('companies.needs.listOpen', { filter: { ...filter, companyId: a } }, finance);
      const forB = await ok('companies.needs.listOpen', { filter: { ...filter, companyId: b } }, finance);
      return [...forA.rows, ...forB.rows].map((r) => r.id).sort((x, y) => x - y);
    };
    expect(await ids({})).toEqual([cashier.id, shelves.id, cleaner.id]);
    expect(await ids({ instrumentCodes: ['tirocinio'] })).toEqual([cashier.id, cleaner.id]);
    expect(await ids({ districtCodes: ['SLS'] })).toEqual([cleaner.id]);
    // words in the role, the requirements, a skill, the company's name
    expect(await ids({ text: 'cassa' })).toEqual([cashier.id]);
    expect(await ids({ text: 'domenica' })).toEqual([shelves.id]);
    expect(await ids({ text: 'savena pulizie' })).toEqual([cleaner.id]);
    expect(await ids({ text: 'emiliani' })).toEqual([cashier.id, shelves.id]);
    expect(await ids({ text: '100%' })).toEqual([]);

    const all = await ok('companies.needs.listOpen', { filter: { text: 'Emiliani' }, pageSize: 10 }, finance);
    expect(all.total).toBe(2);
    // newest first
    expect(all.rows.map((r) => r.id)).toEqual([shelves.id, cashier.id]);
    expect(all.rows[1]).toMatchObject({ companyName: 'Supermercati Emiliani S.r.l.', skills: ['cassa'], instrumentCode: 'tirocinio', status: 'aperto' });
  });
});
