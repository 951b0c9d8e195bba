import Database from 'better-sqlite3';
import { Store } from '../../db/connection';
import { dashboardCounts } from '../services/dashboard/dashboard';
import { serviceContext } from '../services/context';
import type { Benchmark } from './types';

export const foundationBenchmarks: Benchmark[] = [
  {
    name: 'db.open',
    run: async ({ location }) => {
      const store = await Store.open(location);
      await store.close();
    },
    floor: ({ location }) => new Database(location, { readonly: true }).close(),
  },
  {
    name: 'dashboard.counts',
    run: ({ store }) => dashboardCounts(serviceContext(store)),
    floor: ({ raw }) => {
      const today = new Date().toISOString().slice(0, 10);
      return [
        'SELECT (SELECT count(*) FROM people) - (SELECT count(*) FROM people WHERE merged_into_id IS NOT NULL)',
        'SELECT status, count(*) FROM cases GROUP BY status',
        'SELECT count(*) FROM companies',
        `SELECT count(DISTINCT company_id) FROM board_memberships WHERE since <= '${today}' AND (until IS NULL OR until >= '${today}')`,
        "SELECT count(*) FROM needs WHERE status IN ('aperto', 'in_corso')",
        "SELECT count(*) FROM interventions WHERE status = 'attivo'",
        "SELECT count(*) FROM interventions WHERE instrument_code = 'inserimento' AND status IN ('attivo', 'concluso')",
        "SELECT count(*) FROM pacts WHERE status IN ('bozza', 'stampato')",
        'SELECT count(*), sum(amount_cents) FROM funds',
        'SELECT sum(amount_cents) FROM allocations',
        'SELECT sum(amount_cents) FROM commitments',
        'SELECT sum(amount_cents) FROM payments',
      ].map((sql) => raw.prepare(sql).all());
    },
  },
];
