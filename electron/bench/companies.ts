import type { Store } from '../../db/connection';
import { companiesFilter, type CompaniesFilter } from '../contract/companies';
import { listCompanies, searchCompanies, type CompaniesSort } from '../services/companies/list';
import { serviceContext } from '../services/context';
import { sqlOne } from '../testing/sql';
import type { Benchmark, BenchEnv } from './types';

/** A realistic fragment to type: four letters from the middle of the commonest word start among company names. */
const fragmentCache = new WeakMap<Store, string>();
async function fragment(store: Store): Promise<string> {
  let found = fragmentCache.get(store);
  if (!found) {
    const row = await sqlOne<{ k: string }>(store, 'SELECT substr(name_key, 3, 4) AS k FROM companies GROUP BY k ORDER BY count(*) DESC, k LIMIT 1');
    found = row!.k;
    fragmentCache.set(store, found);
  }
  return found;
}

const page = (env: BenchEnv, filter: CompaniesFilter, sort: CompaniesSort = { column: 'name', direction: 'asc' }) =>
  listCompanies(serviceContext(env.store), { filter: companiesFilter.parse(filter), sort, page: 1, pageSize: 50 });

export const companiesBenchmarks: Benchmark[] = [
  {
    name: 'companies.search',
    run: async (env) => searchCompanies(serviceContext(env.store), { text: await fragment(env.store), limit: 10 }),
  },
  {
    name: 'companies.page.filtered',
    // Board members of the transport and logistics section in the Bologna district, with open needs, most open needs first
    run: (env) => page(env, { board: 'board', atecoSections: ['H', 'N'], districts: ['BOL'], withOpenNeeds: true }, { column: 'openNeeds', direction: 'desc' }),
  },
  {
    name: 'companies.page.search',
    run: async (env) => page(env, { search: await fragment(env.store) }),
  },
  {
    name: 'companies.page.sort-board',
    run: (env) => page(env, {}, { column: 'board', direction: 'desc' }),
  },
];
