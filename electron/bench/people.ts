import type BetterSqlite3 from 'better-sqlite3';
import type { Store } from '../../db/connection';
import { peopleFilter, type PeopleFilter } from '../contract/people';
import { DEFAULT_SORT, listPeople, type PeopleSort } from '../services/people/list';
import { serviceContext } from '../services/context';
import { sqlOne } from '../testing/sql';
import type { Benchmark, BenchEnv } from './types';

/** Realistic inputs taken from the bench database: the commonest 5-letter surname start, and a codice fiscale. */
interface Inputs {
  surnamePrefix: string;
  taxCode: string;
}
const inputsCache = new WeakMap<Store, Inputs>();
async function inputs(store: Store): Promise<Inputs> {
  let found = inputsCache.get(store);
  if (!found) {
    const prefix = await sqlOne<{ k: string }>(store, 'SELECT substr(name_key, 1, 5) AS k FROM people GROUP BY k ORDER BY count(*) DESC, k LIMIT 1');
    const code = await sqlOne<{ tax_code: string }>(store, 'SELECT tax_code FROM people WHERE tax_code IS NOT NULL AND id >= (SELECT max(id) / 2 FROM people) ORDER BY id LIMIT 1');
    found = { surnamePrefix: prefix!.k, taxCode: code!.tax_code };
    inputsCache.set(store, found);
  }
  return found;
}

const list = (env: BenchEnv, filter: PeopleFilter, sort: PeopleSort = DEFAULT_SORT) =>
  listPeople(serviceContext(env.store), { filter: peopleFilter.parse(filter), sort, page: 1, pageSize: 50 });

// ---- floors: the same page with raw prepared statements -----------------------------------------

const DISPLAY = `SELECT p.id, p.last_name, p.first_name, p.birth_date, p.tax_code, p.phone, p.email,
    p.domicile_name AS comune, d.name AS district, c.id AS case_id, c.status, c.status_date,
    c.application_date, ch.name AS channel_name, u.full_name AS referent_name, p.current_band AS band
  FROM people p
  LEFT JOIN cases c ON c.id = p.current_case_id
  LEFT JOIN comuni co ON co.istat_code = p.domicile_istat
  LEFT JOIN districts d ON d.code = co.district_code
  LEFT JOIN channels ch ON ch.code = c.channel_code
  LEFT JOIN users u ON u.id = c.referent_user_id
  WHERE p.id IN (SELECT value FROM json_each(?))`;

/** A people search (name or codice fiscale range), newest application first. */
const searchKeys = (range: string) => `
  SELECT p.id AS person_id, c.id AS case_id, c.application_date AS application_date
  FROM cases c JOIN people p ON p.current_case_id = c.id WHERE p.merged_into_id IS NULL AND ${range}
  UNION ALL
  SELECT p.id, NULL, NULL FROM people p WHERE p.current_case_id IS NULL AND p.merged_into_id IS NULL AND ${range}
  ORDER BY application_date DESC, case_id DESC, person_id DESC LIMIT 50`;
const searchCount = (range: string) =>
  `SELECT (SELECT count(*) FROM people p WHERE ${range}) - (SELECT count(*) FROM people p WHERE p.merged_into_id IS NOT NULL AND ${range}) AS n`;

const FILTERED_WHERE = `FROM cases c JOIN people p ON p.current_case_id = c.id
  WHERE p.merged_into_id IS NULL AND c.status = 'in_carico' AND p.domicile_istat IN (SELECT istat_code FROM comuni WHERE district_code = 'BOL')`;

/** Half the people are in the target band: the newest cases, skipping the others (a band implies a case). */
const BAND_KEYS = `SELECT p.id AS person_id FROM cases c JOIN people p ON p.current_case_id = c.id
  WHERE p.merged_into_id IS NULL AND +p.current_band = 'target' ORDER BY c.application_date DESC, c.id DESC LIMIT 50`;
// two index counts: the merged are few
const BAND_COUNT = `SELECT (SELECT count(*) FROM people WHERE current_band = 'target')
  - (SELECT count(*) FROM people WHERE merged_into_id IS NOT NULL AND current_band = 'target') AS n`;
const COMUNE_KEYS = `SELECT p.id AS person_id FROM people p WHERE p.merged_into_id IS NULL
  ORDER BY p.domicile_name, p.last_name COLLATE NOCASE, p.id LIMIT 50`;
const ALL_COUNT = 'SELECT (SELECT count(*) FROM people) - (SELECT count(*) FROM people WHERE merged_into_id IS NOT NULL) AS n';

const FLOOR_SQL = {
  nameKeys: searchKeys('p.name_key >= @lo AND p.name_key < @hi'),
  nameCount: searchCount('p.name_key >= @lo AND p.name_key < @hi'),
  codeKeys: searchKeys('p.tax_code >= @lo AND p.tax_code < @hi'),
  codeCount: searchCount('p.tax_code >= @lo AND p.tax_code < @hi'),
  filteredKeys: `SELECT p.id AS person_id ${FILTERED_WHERE} ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.id LIMIT 50`,
  filteredCount: `SELECT count(*) AS n ${FILTERED_WHERE}`,
  bandKeys: BAND_KEYS,
  bandCount: BAND_COUNT,
  comuneKeys: COMUNE_KEYS,
  allCount: ALL_COUNT,
  display: DISPLAY,
};
type FloorStatements = Record<keyof typeof FLOOR_SQL, BetterSqlite3.Statement>;
const statementsCache = new WeakMap<BetterSqlite3.Database, FloorStatements>();
function statements(raw: BetterSqlite3.Database): FloorStatements {
  let found = statementsCache.get(raw);
  if (!found) {
    found = Object.fromEntries(Object.entries(FLOOR_SQL).map(([key, sql]) => [key, raw.prepare(sql)])) as FloorStatements;
    statementsCache.set(raw, found);
  }
  return found;
}

function floorPage(raw: BetterSqlite3.Database, keys: BetterSqlite3.Statement, count: BetterSqlite3.Statement, params: unknown[]) {
  const ids = (keys.all(...params) as { person_id: number }[]).map((k) => k.person_id);
  const byId = new Map((statements(raw).display.all(JSON.stringify(ids)) as { id: number }[]).map((r) => [r.id, r]));
  return { rows: ids.map((id) => byId.get(id)), total: (count.get(...params) as { n: number }).n };
}

export const peopleBenchmarks: Benchmark[] = [
  {
    name: 'people.search.surname',
    run: async (env) => list(env, { search: (await inputs(env.store)).surnamePrefix }),
    floor: async ({ raw, store }) => {
      const key = (await inputs(store)).surnamePrefix;
      return floorPage(raw, statements(raw).nameKeys, statements(raw).nameCount, [{ lo: key, hi: `${key}{` }]);
    },
  },
  {
    name: 'people.search.cf',
    run: async (env) => list(env, { search: (await inputs(env.store)).taxCode }),
    floor: async ({ raw, store }) => {
      const code = (await inputs(store)).taxCode;
      return floorPage(raw, statements(raw).codeKeys, statements(raw).codeCount, [{ lo: code, hi: `${code}[` }]);
    },
  },
  {
    name: 'people.page.filtered',
    run: (env) => list(env, { statuses: ['in_carico'], districts: ['BOL'] }, { column: 'name', direction: 'asc' }),
    floor: ({ raw }) => floorPage(raw, statements(raw).filteredKeys, statements(raw).filteredCount, []),
  },
  {
    name: 'people.page.band',
    run: (env) => list(env, { bands: ['target'] }),
    floor: ({ raw }) => floorPage(raw, statements(raw).bandKeys, statements(raw).bandCount, []),
  },
  {
    name: 'people.page.sort-comune',
    run: (env) => list(env, {}, { column: 'comune', direction: 'asc' }),
    floor: ({ raw }) => floorPage(raw, statements(raw).comuneKeys, statements(raw).allCount, []),
  },
];
