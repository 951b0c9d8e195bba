import type BetterSqlite3 from 'better-sqlite3';
import { companiesFilter, type CompaniesFilter } from '../contract/companies';
import { listCompanies, searchCompanies, type CompaniesSort } from '../services/companies/list';
import { serviceContext } from '../services/context';
import type { Benchmark, BenchEnv } from './types';

/** A realistic fragment to type: four letters from the middle of the commonest word start among company names. */
const fragmentCache = new WeakMap<BetterSqlite3.Database, string>();
function fragment(raw: BetterSqlite3.Database): string {
  let found = fragmentCache.get(raw);
  if (!found) {
    const row = raw.prepare('SELECT substr(name_key, 3, 4) AS k FROM companies GROUP BY k ORDER BY count(*) DESC LIMIT 1').get() as { k: string };
    found = row.k;
    fragmentCache.set(raw, found);
  }
  return found;
}

const page = (env: BenchEnv, filter: CompaniesFilter, sort: CompaniesSort = { column: 'name', direction: 'asc' }) =>
  listCompanies(serviceContext(env.store), { filter: companiesFilter.parse(filter), sort, page: 1, pageSize: 50 });

export const companiesBenchmarks: Benchmark[] = [
  {
    name: 'companies.search',
    run: (env) => searchCompanies(serviceContext(env.store), { text: fragment(env.raw), limit: 10 }),
  },
  {
    name: 'companies.page.filtered',
    // Board members of the transport and logistics section in the Bologna district, with open needs, most open needs first
    run: (env) => page(env, { board: 'board', atecoSections: ['H', 'N'], districts: ['BOL'], withOpenNeeds: true }, { column: 'openNeeds', direction: 'desc' }),
  },
  {
    name: 'companies.page.search',
    run: (env) => page(env, { search: fragment(env.raw) }),
  },
  {
    name: 'companies.page.sort-board',
    run: (env) => page(env, {}, { column: 'board', direction: 'desc' }),
  },
];
