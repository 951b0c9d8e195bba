import type BetterSqlite3 from 'better-sqlite3';
import { pactFilter, type PactFilter } from '../contract/pacts';
import { renderPactPdf } from '../services/pacts/pactPdf';
import { listPacts } from '../services/pacts/pacts';
import { serviceContext } from '../services/context';
import { pactPdfData } from '../services/pacts/lifecycle';
import type { Benchmark, BenchEnv } from './types';

/** A pact from the middle of the bench database (read once), with the company it belongs to. */
const chosen = new WeakMap<BetterSqlite3.Database, { id: number; companyId: number; surname: string }>();
function pact(raw: BetterSqlite3.Database) {
  let found = chosen.get(raw);
  if (!found) {
    const row = raw.prepare('SELECT id, company_id AS companyId, substr(person_last_name, 1, 4) AS surname FROM pacts WHERE id >= (SELECT max(id) / 2 FROM pacts) ORDER BY id LIMIT 1').get() as
      | { id: number; companyId: number; surname: string }
      | undefined;
    if (!row) throw new Error('Il database dei benchmark non ha patti');
    found = row;
    chosen.set(raw, found);
  }
  return found;
}

const list = (env: BenchEnv, filter: PactFilter) => listPacts(serviceContext(env.store), { filter: pactFilter.parse(filter), page: 1, pageSize: 50 });

export const pactsBenchmarks: Benchmark[] = [
  {
    // the data of one pact and its A4 PDF (DejaVu embedded), as pacts.pdf makes it (without the audit row)
    name: 'patto.pdf',
    run: async (env) => renderPactPdf(await pactPdfData(env.store.db, pact(env.raw).id)),
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
    run: (env) => list(env, { view: 'tutti', companyId: pact(env.raw).companyId }),
  },
  {
    name: 'patti.elenco.ricerca',
    run: (env) => list(env, { view: 'tutti', search: pact(env.raw).surname }),
  },
];
