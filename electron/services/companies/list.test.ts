import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStore } from '../../../db/seed/store';
import type { CompaniesFilter, CompanyInput, CompanySortColumn } from '../../contract/companies';
import type { Input, MethodName } from '../../contract/index';
import { todayIso } from '../../domain/dates';
import { partitaIvaCheckDigit } from '../../domain/partitaIva';
import { callOk } from '../../testing/calls';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { classifyCompanySearch } from './list';
import { sqlOne } from '../../testing/sql';

const vat = (n: number) => {
  const first10 = String(n).padStart(10, '0');
  return first10 + String(partitaIvaCheckDigit(first10));
};

describe('classifyCompanySearch', () => {
  it('reads digits as the start of a partita IVA and anything else as a name fragment', () => {
    expect(classifyCompanySearch('  ')).toEqual({ kind: 'all' });
    expect(classifyCompanySearch('0074 311')).toEqual({ kind: 'vat', prefix: '0074311' });
    expect(classifyCompanySearch('IT00743110157')).toEqual({ kind: 'vat', prefix: '00743110157' });
    expect(classifyCompanySearch('Caffè dell’Arco')).toEqual({ kind: 'name', key: 'caffedellarco' });
    expect(classifyCompanySearch('& .')).toEqual({ kind: 'nothing' });
  });
});

describe('companies.list and companies.search on a small fixture', () => {
  let t: TempCore;
  beforeAll(async () => {
    t = await tempCore();
  });
  let coordinator = '';
  let reader = '';
  const id: Record<string, number> = {};
  const ok = <M extends MethodName>(method: M, input: Input<M>, token: string) => callOk(t.core, method, input, token);
  const names = async (filter: CompaniesFilter, sort?: { column: CompanySortColumn; direction: 'asc' | 'desc' }) =>
    (await ok('companies.list', { filter, ...(sort && { sort }) }, reader)).rows.map((r) => r.name);

  beforeAll(async () => {
    const admin = await setupAdmin(t.core);
    coordinator = await loginAs(t.core, admin, 'coordinatore');
    reader = await loginAs(t.core, admin, 'sola_lettura');
    const add = async (key: string, input: CompanyInput & { boardSince?: string }) => {
      id[key] = (await ok('companies.create', input, coordinator)).companyId;
    };
    // Bologna (BOL), Casalecchio (RLS), Imola (IMO), Ferrara (outside)
    await add('caffe', { name: 'Caffè dell’Arco S.n.c.', vatNumber: vat(1_000_001), seatIstat: '037006', atecoSection: 'I', sizeBand: 'micro' });
    await add('trasporti', { name: 'Trasporti Rossi S.r.l.', vatNumber: vat(2_000_001), seatIstat: '037011', atecoSection: 'H', sizeBand: 'media', boardSince: '2019-04-01' });
    await add('logistica', { name: 'Rossi Logistica S.p.A.', vatNumber: vat(2_000_002), seatIstat: '037006', atecoSection: 'H', sizeBand: 'grande', boardSince: '2018-01-10' });
    await add('pulizie', { name: 'Pulizie Imolesi Soc. coop.', vatNumber: vat(3_000_001), seatIstat: '037032', atecoSection: 'N', sizeBand: 'piccola' });
    await add('estense', { name: 'Autotrasporti Estensi S.r.l.', vatNumber: vat(4_000_001), outsideMetro: true, seatCity: 'Ferrara', atecoSection: 'H' });
    // a former Board member
    const former = await ok('companies.board.add', { companyId: id.pulizie!, since: '2018-01-01', until: '2020-12-31' }, coordinator);
    expect(former.status).toBe('collaboratrice');
    // needs: two open at Trasporti Rossi, one in progress at Pulizie, a closed one at Caffè
    for (const role of ['Autista', 'Magazziniere']) await ok('companies.needs.create', { companyId: id.trasporti!, role, positions: 1, instrumentCode: 'inserimento' }, coordinator);
    const cleaning = await ok('companies.needs.create', { companyId: id.pulizie!, role: 'Addetta alle pulizie', positions: 2, instrumentCode: 'tirocinio' }, coordinator);
    await ok('companies.needs.setStatus', { id: cleaning.id, status: 'in_corso' }, coordinator);
    const barista = await ok('companies.needs.create', { companyId: id.caffe!, role: 'Barista', positions: 1, instrumentCode: 'tirocinio' }, coordinator);
    await ok('companies.needs.setStatus', { id: barista.id, status: 'chiuso' }, coordinator);
  });
  afterAll(() => t.cleanup());

  it('lists every company by name, with the row data', async () => {
    const page = await ok('companies.list', {}, reader);
    expect(page.total).toBe(5);
    expect(page.rows.map((r) => r.name)).toEqual(['Autotrasporti Estensi S.r.l.', 'Caffè dell’Arco S.n.c.', 'Pulizie Imolesi Soc. coop.', 'Rossi Logistica S.p.A.', 'Trasporti Rossi S.r.l.']);
    expect(page.rows.find((r) => r.id === id.trasporti)).toEqual({
      id: id.trasporti,
      name: 'Trasporti Rossi S.r.l.',
      vatNumber: vat(2_000_001),
      seatCity: 'Casalecchio di Reno',
      district: 'Reno, Lavino e Samoggia',
      atecoSection: 'H',
      atecoName: expect.stringMatching(/^Trasporto e magazzinaggio/),
      sizeBand: 'media',
      board: true,
      openNeeds: 2,
    });
    expect(page.rows.find((r) => r.id === id.pulizie)).toMatchObject({ board: false, openNeeds: 1, district: 'Imola' });
    expect(page.rows.find((r) => r.id === id.estense)).toMatchObject({ seatCity: 'Ferrara', district: null, sizeBand: null });
  });

  it('searches a fragment anywhere in the name, ignoring accents and punctuation, or the start of the partita IVA', async () => {
    expect(await names({ search: 'rossi' })).toEqual(['Rossi Logistica S.p.A.', 'Trasporti Rossi S.r.l.']);
    expect(await names({ search: 'trasporti' })).toEqual(['Autotrasporti Estensi S.r.l.', 'Trasporti Rossi S.r.l.']);
    expect(await names({ search: 'caffe dell arco' })).toEqual(['Caffè dell’Arco S.n.c.']);
    expect(await names({ search: vat(2_000_001).slice(0, 6) })).toEqual(['Rossi Logistica S.p.A.', 'Trasporti Rossi S.r.l.']);
    expect(await names({ search: vat(2_000_002) })).toEqual(['Rossi Logistica S.p.A.']);
    expect(await names({ search: 'zzz' })).toEqual([]);
  });

  it('filters by Board status, ATECO section, size, comune, district and open needs, combined', async () => {
    expect(await names({ board: 'board' })).toEqual(['Rossi Logistica S.p.A.', 'Trasporti Rossi S.r.l.']);
    expect(await names({ board: 'collaboratrice' })).toEqual(['Autotrasporti Estensi S.r.l.', 'Caffè dell’Arco S.n.c.', 'Pulizie Imolesi Soc. coop.']);
    expect(await names({ atecoSections: ['H'] })).toEqual(['Autotrasporti Estensi S.r.l.', 'Rossi Logistica S.p.A.', 'Trasporti Rossi S.r.l.']);
    expect(await names({ sizes: ['micro', 'piccola'] })).toEqual(['Caffè dell’Arco S.n.c.', 'Pulizie Imolesi Soc. coop.']);
    expect(await names({ comuni: ['037006'] })).toEqual(['Caffè dell’Arco S.n.c.', 'Rossi Logistica S.p.A.']);
    expect(await names({ districts: ['RLS', 'IMO'] })).toEqual(['Pulizie Imolesi Soc. coop.', 'Trasporti Rossi S.r.l.']);
    // open or in progress; the closed need of Caffè does not count
    expect(await names({ withOpenNeeds: true })).toEqual(['Pulizie Imolesi Soc. coop.', 'Trasporti Rossi S.r.l.']);
    expect(await names({ atecoSections: ['H'], board: 'board', districts: ['BOL'] })).toEqual(['Rossi Logistica S.p.A.']);
    expect(await names({ search: 'rossi', withOpenNeeds: true })).toEqual(['Trasporti Rossi S.r.l.']);
  });

  it('sorts by each column, ties by name, and pages', async () => {
    expect(await names({}, { column: 'name', direction: 'desc' })).toEqual(['Trasporti Rossi S.r.l.', 'Rossi Logistica S.p.A.', 'Pulizie Imolesi Soc. coop.', 'Caffè dell’Arco S.n.c.', 'Autotrasporti Estensi S.r.l.']);
    expect(await names({}, { column: 'openNeeds', direction: 'desc' })).toEqual(['Trasporti Rossi S.r.l.', 'Pulizie Imolesi Soc. coop.', 'Autotrasporti Estensi S.r.l.', 'Caffè dell’Arco S.n.c.', 'Rossi Logistica S.p.A.']);
    expect(await names({}, { column: 'board', direction: 'desc' })).toEqual(['Rossi Logistica S.p.A.', 'Trasporti Rossi S.r.l.', 'Autotrasporti Estensi S.r.l.', 'Caffè dell’Arco S.n.c.', 'Pulizie Imolesi Soc. coop.']);
    // no size sorts first ascending
    expect(await names({}, { column: 'size', direction: 'asc' })).toEqual(['Autotrasporti Estensi S.r.l.', 'Caffè dell’Arco S.n.c.', 'Pulizie Imolesi Soc. coop.', 'Trasporti Rossi S.r.l.', 'Rossi Logistica S.p.A.']);
    expect(await names({}, { column: 'comune', direction: 'asc' })).toEqual(['Caffè dell’Arco S.n.c.', 'Rossi Logistica S.p.A.', 'Trasporti Rossi S.r.l.', 'Autotrasporti Estensi S.r.l.', 'Pulizie Imolesi Soc. coop.']);
    expect(await names({}, { column: 'ateco', direction: 'desc' })).toEqual(['Pulizie Imolesi Soc. coop.', 'Caffè dell’Arco S.n.c.', 'Autotrasporti Estensi S.r.l.', 'Rossi Logistica S.p.A.', 'Trasporti Rossi S.r.l.']);

    const first = await ok('companies.list', { pageSize: 10, page: 1 }, reader);
    const beyond = await ok('companies.list', { pageSize: 10, page: 2 }, reader);
    expect(first.rows).toHaveLength(5);
    expect(beyond).toEqual({ rows: [], total: 5 });
  });

  it('companies.search: names starting with the text first, then those containing it; digits search the partita IVA', async () => {
    const hits = await ok('companies.search', { text: 'Rossi' }, reader);
    expect(hits.map((h) => h.name)).toEqual(['Rossi Logistica S.p.A.', 'Trasporti Rossi S.r.l.']);
    expect(hits[0]).toEqual({ id: id.logistica, name: 'Rossi Logistica S.p.A.', vatNumber: vat(2_000_002), seatCity: 'Bologna', board: true });
    expect((await ok('companies.search', { text: 'tras', limit: 1 }, reader)).map((h) => h.name)).toEqual(['Trasporti Rossi S.r.l.']);
    expect((await ok('companies.search', { text: vat(3_000_001).slice(0, 7) }, reader)).map((h) => h.name)).toEqual(['Pulizie Imolesi Soc. coop.']);
    expect(await ok('companies.search', { text: '' }, reader)).toEqual([]);
  });
});

describe('companies.list on the demo data', () => {
  let t: TempCore;
  beforeAll(async () => {
    t = await tempCore();
  });
  let reader = '';
  const independent = async (condition: string, ...params: unknown[]) => ((await sqlOne(t.core.store, `SELECT count(*) AS n FROM companies c WHERE ${condition}`, ...params)) as { n: number }).n;

  beforeAll(async () => {
    const admin = await setupAdmin(t.core);
    reader = await loginAs(t.core, admin, 'sola_lettura');
    await seedStore(t.core.store, { scale: 'demo', seed: 7 });
  });
  afterAll(() => t.cleanup());

  it('counts Board members, collaborating companies and companies with open needs as an independent query does', async () => {
    const today = todayIso();
    const total = (filter: CompaniesFilter) => ok(filter).then((p) => p.total);
    const ok = async (filter: CompaniesFilter) => callOk(t.core, 'companies.list', { filter, pageSize: 10 }, reader);
    const board = (await independent(`(SELECT count(*) FROM board_memberships b WHERE b.company_id = c.id AND b.since <= ? AND coalesce(b.until, '9999-12-31') >= ?) > 0`, today, today));
    expect(board).toBeGreaterThan(0);
    expect(await total({ board: 'board' })).toBe(board);
    expect(await total({ board: 'collaboratrice' })).toBe((await independent('1 = 1')) - board);
    const open = (await independent(`c.id IN (SELECT company_id FROM needs WHERE status = 'aperto' OR status = 'in_corso')`));
    expect(open).toBeGreaterThan(0);
    expect(await total({ withOpenNeeds: true })).toBe(open);
    const page = await ok({ withOpenNeeds: true });
    for (const row of page.rows) {
      const expected = (await sqlOne(t.core.store, `SELECT count(*) AS n FROM needs WHERE company_id = ? AND status IN ('aperto', 'in_corso')`, row.id)) as { n: number };
      expect(row.openNeeds).toBe(expected.n);
    }
  });
});
