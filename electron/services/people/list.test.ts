import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStore } from '../../../db/seed/store';
import type { PeopleFilter, PeoplePage, PersonListRow } from '../../contract/people';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../../testing/tempDb';
import { classifySearch } from './list';
import { sqlAll, sqlOne, sqlRun } from '../../testing/sql';

type Core = TempCore;

/**
 * The list's current case and band, computed independently of people.current_case_id and of the
 * list's SQL: window functions over all the cases and assessments.
 */
const INDEPENDENT_LIST = `
  WITH current AS (
    SELECT * FROM (SELECT c.*, row_number() OVER (PARTITION BY c.person_id ORDER BY c.closed_on IS NULL DESC, c.application_date DESC, c.id DESC) AS rn FROM cases c)
    WHERE rn = 1),
  band AS (
    SELECT case_id, band FROM (SELECT a.case_id, a.band, row_number() OVER (PARTITION BY a.case_id ORDER BY a.assessed_on DESC, a.id DESC) AS rn FROM assessments a)
    WHERE rn = 1)
  SELECT count(*) AS n FROM people p
  LEFT JOIN current c ON c.person_id = p.id
  LEFT JOIN band b ON b.case_id = c.id
  LEFT JOIN comuni co ON co.istat_code = p.domicile_istat
  WHERE p.merged_into_id IS NULL AND `;

async function list(core: Core, token: string, input: Record<string, unknown>): Promise<PeoplePage> {
  const outcome = await core.core.call('people.list', input, token);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result as PeoplePage;
}

async function expected(core: Core, condition: string, ...params: unknown[]): Promise<number> {
  return (await sqlOne<{ n: number }>(core.core.store, INDEPENDENT_LIST + condition, ...params))!.n;
}

describe('people.list on the demo data', () => {
  let t: TempCore;
  beforeAll(async () => {
    t = await tempCore();
  });
  let admin = '';
  let readOnly = '';

  beforeAll(async () => {
    admin = await setupAdmin(t.core);
    readOnly = await loginAs(t.core, admin, 'sola_lettura');
    await seedStore(t.core.store, { scale: 'demo', seed: 7 });
  });
  afterAll(() => t.cleanup());

  it('pages: page 2 continues page 1, and the total is every person', async () => {
    const first = await list(t, admin, { pageSize: 10 });
    const second = await list(t, admin, { pageSize: 10, page: 2 });
    const both = await list(t, admin, { pageSize: 20 });
    expect(first.total).toBe((await expected(t, '1 = 1')));
    expect(first.total).toBe(300);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(both.rows.map((r) => r.id));
    expect(new Set(both.rows.map((r) => r.id)).size).toBe(20);
    // the default order: newest application first
    const dates = both.rows.map((r) => r.applicationDate ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
  });

  const referent = async () =>
    ((await sqlOne(t.core.store, 'SELECT referent_user_id AS id FROM cases WHERE referent_user_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1')) as { id: number }).id;

  const caseOf = async (row: PersonListRow) => (await sqlOne(t.core.store, 'SELECT channel_code, referent_user_id FROM cases WHERE id = ?', row.caseId)) as { channel_code: string; referent_user_id: number | null };
  const districtOf = async (row: PersonListRow) =>
    ((await sqlOne(t.core.store, 'SELECT co.district_code AS code FROM people p JOIN comuni co ON co.istat_code = p.domicile_istat WHERE p.id = ?', row.id)) as { code: string }).code;

  // predicates may look rows up in the database: async on every engine
  const filters: [string, () => Promise<PeopleFilter>, () => Promise<[string, ...unknown[]]>, (row: PersonListRow) => Promise<boolean>][] = [
    ['statuses', async () => ({ statuses: ['in_carico', 'in_percorso'] }), async () => ["c.status IN ('in_carico', 'in_percorso')"], async (r) => r.status === 'in_carico' || r.status === 'in_percorso'],
    ['bands', async () => ({ bands: ['fragile', 'forte'] }), async () => ["b.band IN ('fragile', 'forte')"], async (r) => r.band === 'fragile' || r.band === 'forte'],
    ['channels', async () => ({ channels: ['caritas'] }), async () => ["c.channel_code = 'caritas'"], async (r) => (await caseOf(r)).channel_code === 'caritas'],
    ['districts', async () => ({ districts: ['IMO', 'PIE'] }), async () => ["co.district_code IN ('IMO', 'PIE')"], async (r) => ['IMO', 'PIE'].includes((await districtOf(r)))],
    ['referent', async () => ({ referentUserId: (await referent()) }), async () => ['c.referent_user_id = ?', (await referent())], async (r) => (await caseOf(r)).referent_user_id === (await referent())],
    [
      'application dates',
      async () => ({ appliedFrom: '2019-01-01', appliedTo: '2019-12-31' }),
      async () => ["c.application_date BETWEEN '2019-01-01' AND '2019-12-31'"],
      async (r) => r.applicationDate !== null && r.applicationDate >= '2019-01-01' && r.applicationDate <= '2019-12-31',
    ],
    ['without interview', async () => ({ withoutInterview: true }), async () => ['c.id IS NOT NULL AND c.first_interview_date IS NULL AND c.closed_on IS NULL'], async (r) => r.caseId !== null],
    [
      'status, district and search together',
      async () => ({ statuses: ['concluso'], districts: ['BOL'], search: 'b' }),
      async () => ["c.status = 'concluso' AND co.district_code = 'BOL' AND p.name_key LIKE 'b%'"],
      async (r) => r.status === 'concluso' && (await districtOf(r)) === 'BOL' && r.lastName.toLowerCase().startsWith('b'),
    ],
  ];
  for (const [name, filter, condition, holds] of filters) {
    it(`filters by ${name}, with the total of an independent count`, async () => {
      const [sql, ...params] = await condition();
      const want = (await expected(t, sql, ...params));
      expect(want).toBeGreaterThan(0);
      expect(want).toBeLessThan(300);
      const page = await list(t, admin, { filter: await filter(), pageSize: 200 });
      expect(page.total).toBe(want);
      expect(page.rows.length).toBe(Math.min(want, 200));
      for (const row of page.rows) expect(await holds(row)).toBe(true);
    });
  }

  it('sorts by each column both ways, ids breaking ties', async () => {
    const all = async (column: string, direction: 'asc' | 'desc') => {
      const one = await list(t, admin, { sort: { column, direction }, pageSize: 200 });
      const two = await list(t, admin, { sort: { column, direction }, pageSize: 200, page: 2 });
      return [...one.rows, ...two.rows];
    };
    // names sort without case: SQLite's NOCASE folds ASCII letters only, PostgreSQL's nocase collation is ICU's
    const icu = new Intl.Collator('und', { sensitivity: 'accent' });
    const sqlite = t.core.store.engine === 'sqlite';
    const lower = (s: string | null) => (s ?? '').replace(/[A-Z]/g, (c) => c.toLowerCase());
    const text = (x: string, y: string) => (sqlite ? (lower(x) < lower(y) ? -1 : lower(x) > lower(y) ? 1 : 0) : icu.compare(x, y));
    const keys: Record<string, (r: PersonListRow) => (string | number | { text: string })[]> = {
      name: (r) => [{ text: r.lastName }, { text: r.firstName }, r.id],
      birthDate: (r) => [r.birthDate ?? '', r.id],
      applicationDate: (r) => [r.applicationDate ?? '', r.caseId ?? 0, r.id],
      status: (r) => [r.status ?? '', r.applicationDate ?? '', r.caseId ?? 0, r.id],
      statusDate: (r) => [r.statusDate ?? '', r.caseId ?? 0, r.id],
      comune: (r) => [{ text: r.comune ?? '' }, { text: r.lastName }, r.id],
    };
    const compare = (a: (string | number | { text: string })[], b: (string | number | { text: string })[]) => {
      for (let i = 0; i < a.length; i++) {
        const x = a[i]!;
        const y = b[i]!;
        const order = typeof x === 'object' && typeof y === 'object' ? text(x.text, y.text) : x === y ? 0 : x < y ? -1 : 1;
        if (order !== 0) return order;
      }
      return 0;
    };
    for (const [column, key] of Object.entries(keys)) {
      for (const direction of ['asc', 'desc'] as const) {
        const rows = await all(column, direction);
        expect(rows).toHaveLength(300);
        const sorted = [...rows].sort((a, b) => compare(key(a), key(b)) * (direction === 'asc' ? 1 : -1));
        expect(rows.map((r) => r.id), `${column} ${direction}`).toEqual(sorted.map((r) => r.id));
      }
    }
  });

  // pages of 10 walk the sort's index (listPeople's walksSortIndex), pages of 200 collect through the filters' indexes
  it('finds the same rows in small pages as in large ones', async () => {
    const combos: [PeopleFilter, string][] = [
      [{ bands: ['target'] }, "b.band = 'target'"],
      [{ districts: ['IMO', 'PIE'] }, "co.district_code IN ('IMO', 'PIE')"],
      [{ bands: ['target', 'forte'], districts: ['BOL'] }, "b.band IN ('target', 'forte') AND co.district_code = 'BOL'"],
      [{ bands: ['target'], statuses: ['in_percorso', 'concluso'] }, "b.band = 'target' AND c.status IN ('in_percorso', 'concluso')"],
    ];
    for (const [filter, condition] of combos) {
      const total = (await expected(t, condition));
      expect(total).toBeGreaterThan(60);
      for (const column of ['comune', 'status', 'applicationDate', 'name']) {
        for (const direction of ['asc', 'desc'] as const) {
          const pages = async (pageSize: number) => {
            const ids: number[] = [];
            for (let page = 1; ids.length < total; page++) {
              const next = await list(t, admin, { filter, sort: { column, direction }, pageSize, page });
              expect(next.total).toBe(total);
              expect(next.rows.length).toBeGreaterThan(0);
              ids.push(...next.rows.map((r) => r.id));
            }
            return ids;
          };
          expect(await pages(10), `${JSON.stringify(filter)} ${column} ${direction}`).toEqual(await pages(200));
        }
      }
    }
  });

  it('searches by surname prefix, "surname name", codice fiscale (or its start) and phone', async () => {
    const person = (await sqlOne(t.core.store, "SELECT id, last_name, first_name, name_key, tax_code, phone FROM people WHERE phone IS NOT NULL AND tax_code IS NOT NULL AND length(last_name) >= 5 ORDER BY id LIMIT 1")) as {
      id: number;
      last_name: string;
      first_name: string;
      name_key: string;
      tax_code: string;
      phone: string;
    };
    const ids = async (search: string) => (await list(t, admin, { filter: { search }, pageSize: 200 })).rows.map((r) => r.id);

    const prefix = person.name_key.slice(0, 3);
    const bySurname = await list(t, admin, { filter: { search: person.last_name.slice(0, 3).toUpperCase() }, pageSize: 200 });
    expect(bySurname.rows.map((r) => r.id)).toContain(person.id);
    expect(bySurname.total).toBe((await expected(t, 'p.name_key LIKE ?', `${prefix}%`)));
    expect(await ids(`${person.last_name} ${person.first_name.slice(0, 2)}`)).toContain(person.id);

    expect(await ids(person.tax_code.toLowerCase())).toEqual([person.id]);
    const byCodeStart = await ids(person.tax_code.slice(0, 11));
    expect(byCodeStart).toContain(person.id);
    expect(byCodeStart.length).toBe((await expected(t, 'p.tax_code LIKE ?', `${person.tax_code.slice(0, 11)}%`)));

    const digits = person.phone.replace(/\D/g, '');
    expect(await ids(digits.slice(0, 7))).toContain(person.id);
    expect(await ids(`+39 ${person.phone}`)).toEqual([person.id]);
    expect(await ids('123')).toEqual([]);
  });

  it('hides personal data from the read-only role, and does not let it search by codice fiscale', async () => {
    const page = await list(t, readOnly, { pageSize: 50 });
    expect(page.personalDataHidden).toBe(true);
    expect(page.rows).toHaveLength(50);
    for (const row of page.rows) {
      expect(row.taxCode).toBeNull();
      expect(row.phone).toBeNull();
      expect(row.birthDate).toBeNull();
      expect(row.lastName).not.toBe('');
    }
    const code = ((await sqlOne(t.core.store, 'SELECT tax_code FROM people WHERE tax_code IS NOT NULL LIMIT 1')) as { tax_code: string }).tax_code;
    expect((await list(t, readOnly, { filter: { search: code } })).total).toBe(0);
    expect((await list(t, admin, { filter: { search: code } })).total).toBe(1);
    const full = await list(t, admin, { pageSize: 50 });
    expect(full.personalDataHidden).toBe(false);
    expect(full.rows.some((r) => r.taxCode !== null && r.phone !== null)).toBe(true);
  });

  it('refuses to order by birth date to roles that may not see it, in the list and in the export', async () => {
    const finance = await loginAs(t.core, admin, 'finanza');
    const sort = { column: 'birthDate', direction: 'asc' } as const;
    for (const token of [readOnly, finance]) {
      const refused = await t.core.call('people.list', { sort }, token);
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/non vede la data di nascita/) } });
    }
    const exported = await t.core.call('people.export', { sort }, finance);
    expect(exported).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // who sees birth dates orders by them
    const ordered = await list(t, admin, { sort, pageSize: 20 });
    const dates = ordered.rows.map((r) => r.birthDate ?? '');
    expect(dates).toEqual([...dates].sort());
  });
});

describe('people.list membership', () => {
  let t: TempCore;
  beforeAll(async () => {
    t = await tempCore();
  });
  let admin = '';
  beforeAll(async () => {
    admin = await setupAdmin(t.core);
    await seedStore(t.core.store, { scale: 'demo', seed: 3 });
  });
  afterAll(() => t.cleanup());

  it('leaves out people merged into another record', async () => {
    const [keep, merged] = (await sqlAll(t.core.store, 'SELECT id, last_name FROM people ORDER BY id LIMIT 2')) as { id: number; last_name: string }[];
    if (!keep || !merged) throw new Error('dati demo mancanti');
    (await sqlRun(t.core.store, 'UPDATE people SET merged_into_id = ? WHERE id = ?', keep.id, merged.id));
    const page = await list(t, admin, { filter: { search: merged.last_name }, pageSize: 200 });
    expect(page.rows.map((r) => r.id)).not.toContain(merged.id);
    expect((await list(t, admin, {})).total).toBe(299);
    expect((await list(t, admin, { filter: { statuses: ['concluso', 'fuori_target', 'in_carico', 'in_percorso', 'iscritto', 'colloquio_fissato', 'valutato'] } })).total).toBe(299);
  });

  it('shows and filters the band of the latest assessment of the current case', async () => {
    const first = (await sqlOne(t.core.store, "SELECT a.case_id, a.person_id, a.template_id FROM assessments a JOIN people p ON p.current_case_id = a.case_id WHERE a.band = 'target' AND p.merged_into_id IS NULL LIMIT 1")) as { case_id: number; person_id: number; template_id: number };
    (await sqlRun(t.core.store, 
        "INSERT INTO assessments (case_id, person_id, template_id, assessed_on, total_points, band, fragile_above, strong_below, created_at) VALUES (?, ?, ?, '2024-06-01', 35, 'fragile', 30, 11, '2024-06-01T10:00:00Z')", first.case_id, first.person_id, first.template_id));
    const fragile = await list(t, admin, { filter: { bands: ['fragile'] }, pageSize: 200 });
    expect(fragile.rows.find((r) => r.id === first.person_id)).toMatchObject({ band: 'fragile' });
    const target = await list(t, admin, { filter: { bands: ['target'] }, pageSize: 200 });
    expect(target.rows.map((r) => r.id)).not.toContain(first.person_id);
  });

  it('lists a person without any case (last by application date), until a case opens', async () => {
    (await sqlRun(t.core.store, 
        "INSERT INTO people (id, last_name, first_name, name_key, sex, tax_code_missing_reason, created_at, updated_at) VALUES (5000, 'Zanardi', 'Ottavia', 'zanardiottavia', 'F', 'in attesa', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')"));
    const byDate = await list(t, admin, { pageSize: 200, page: 2 });
    expect(byDate.rows.at(-1)).toMatchObject({ id: 5000, caseId: null, status: null });
    expect((await list(t, admin, { filter: { search: 'zanardi ott' } })).rows.map((r) => r.id)).toEqual([5000]);
    expect((await list(t, admin, { filter: { statuses: ['iscritto'] } })).rows.map((r) => r.id)).not.toContain(5000);

    (await sqlRun(t.core.store, 
        "INSERT INTO cases (person_id, channel_code, application_date, status, status_date, created_at, updated_at) VALUES (5000, 'caritas', '2024-12-31', 'iscritto', '2024-12-31', '2024-12-31T09:00:00Z', '2024-12-31T09:00:00Z')"));
    // the newest application (the demo data's last day, the latest case)
    const withCase = await list(t, admin, { filter: { statuses: ['iscritto'] } });
    expect(withCase.rows[0]).toMatchObject({ id: 5000, status: 'iscritto', applicationDate: '2024-12-31', channelName: expect.any(String) });
  });
});

describe('classifySearch', () => {
  it('tells a codice fiscale, a phone number and a name apart', () => {
    expect(classifySearch('  ', true)).toEqual({ kind: 'all' });
    expect(classifySearch('rossi ma', true)).toEqual({ kind: 'name', key: 'rossima' });
    expect(classifySearch("D'Àngelo", true)).toEqual({ kind: 'name', key: 'dangelo' });
    expect(classifySearch('rssmra85t10', true)).toEqual({ kind: 'taxCode', prefix: 'RSSMRA85T10' });
    expect(classifySearch('RSSMRA85T10A562S', true)).toEqual({ kind: 'taxCode', prefix: 'RSSMRA85T10A562S' });
    expect(classifySearch('rssmra', true)).toEqual({ kind: 'nameOrTaxCode', key: 'rssmra', prefix: 'RSSMRA' });
    expect(classifySearch('rossimario', true)).toEqual({ kind: 'name', key: 'rossimario' });
    expect(classifySearch('+39 347 123 4567', true)).toEqual({ kind: 'phone', digits: '3471234567' });
    expect(classifySearch('34712', true)).toEqual({ kind: 'phone', digits: '34712' });
    expect(classifySearch('3471', true)).toEqual({ kind: 'nothing' });
  });

  it('searches only by name for roles that may not see personal data', () => {
    expect(classifySearch('RSSMRA85T10A562S', false)).toEqual({ kind: 'name', key: 'rssmratas' });
    expect(classifySearch('3471234567', false)).toEqual({ kind: 'nothing' });
  });
});
