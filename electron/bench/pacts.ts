import type { Store } from '../../db/connection';
import { pactFilter, type PactFilter } from '../contract/pacts';
import { renderPactPdf } from '../services/pacts/pactPdf';
import { listPacts } from '../services/pacts/pacts';
import { serviceContext } from '../services/context';
import { pactPdfData } from '../services/pacts/lifecycle';
import { sqlOne } from '../testing/sql';
import type { Benchmark, BenchEnv } from './types';

/** A pact from the middle of the bench database (read once), with the company it belongs to. */
const chosen = new WeakMap<Store, { id: number; companyId: number; surname: string }>();
async function pact(store: Store) {
  let found = chosen.get(store);
  if (!found) {
    const row = await sqlOne<{ id: number; companyId: number; surname: string }>(
      store,
      'SELECT id, company_id AS "companyId", substr(person_last_name, 1, 4) AS surname FROM pacts WHERE id >= (SELECT max(id) / 2 FROM pacts) ORDER BY id LIMIT 1',
    );
    if (!row) throw new Error('Il database dei benchmark non ha patti');
    found = row;
    chosen.set(store, found);
  }
  return found;
}

const list = (env: BenchEnv, filter: PactFilter) => listPacts(serviceContext(env.store), { filter: pactFilter.parse(filter), page: 1, pageSize: 50 });

export const pactsBenchmarks: Benchmark[] = [
  {
    // the data of one pact and its A4 PDF (DejaVu embedded), as pacts.pdf makes it (without the audit row)
    name: 'patto.pdf',
    run: async (env) => renderPactPdf(await pactPdfData(env.store.db, (await pact(env.store)).id)),
  },
  {
    name: 'patto.pdf.vuoto',
    run: () => renderPactPdf(null),
  },
  {
    name: 'patti.elenco.da_firmare',
    run: (env) => list(env, { view: 'da_firmare' }),
  },
  {
    name: 'patti.elenco.azienda',
    run: async (env) => list(env, { view: 'tutti', companyId: (await pact(env.store)).companyId }),
  },
  {
    name: 'patti.elenco.ricerca',
    run: async (env) => list(env, { view: 'tutti', search: (await pact(env.store)).surname }),
  },
];
