import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../../db/connection';
import { ledgerFilter } from '../contract/budget';
import { commitmentInput } from '../contract/budget';
import { serviceContext } from '../services/context';
import { createCommitmentStep } from '../services/budget/commitments';
import { writeLedgerXlsx } from '../services/budget/export';
import { drilldown } from '../services/budget/ledger';
import { budgetOverview } from '../services/budget/overview';
import { sqlOne } from '../testing/sql';
import type { Benchmark } from './types';

/**
 * Bilancio (issue #5) on the xl database (1,000,000 ledger rows):
 * - budget.overview: every fund × year × line with totals, burn rate and run-out (< 100 ms);
 * - budget.drilldown: page 1 of 50 rows behind the biggest fund's figure, commitments and payments (< 50 ms);
 *   budget.drilldown.all / .page20: the whole ledger, and a deeper page of the same fund;
 * - budget.commit: a commitment with its checks, in a transaction rolled back (< 10 ms);
 * - budget.ledger-xlsx: the whole ledger streamed to an .xlsx file, in a child process that reports
 *   its peak RSS (< 30 s, < 400 MB).
 */

interface Inputs {
  fundId: number;
  allocationId: number;
}
const inputsCache = new WeakMap<Store, Inputs>();
async function inputs(store: Store): Promise<Inputs> {
  let found = inputsCache.get(store);
  if (!found) {
    const fund = await sqlOne<{ id: number }>(store, 'SELECT a.fund_id AS id FROM allocations a JOIN allocation_totals t ON t.allocation_id = a.id GROUP BY a.fund_id ORDER BY sum(t.commitment_rows + t.payment_rows) DESC, a.fund_id LIMIT 1');
    const allocation = await sqlOne<{ id: number }>(store, 'SELECT allocation_id AS id FROM allocation_totals ORDER BY commitment_rows DESC, allocation_id LIMIT 1');
    found = { fundId: fund!.id, allocationId: allocation!.id };
    inputsCache.set(store, found);
  }
  return found;
}

class Rollback extends Error {}

const CHILD_FLAG = '--budget-ledger-xlsx-child';

/** Runs the ledger export in a child process; returns its own timing and peak RSS. */
function ledgerXlsxInChild(file: string): { ms: number; cpuMs: number; rows: number; peakRssMb: number; bytes: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-bench-xlsx-'));
  try {
    const out = path.join(dir, 'movimenti.xlsx');
    const child = spawnSync(process.execPath, [require.resolve('tsx/cli'), __filename, CHILD_FLAG, file, out], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`export non riuscito: ${child.stderr}`);
    const line = child.stdout.trim().split('\n').pop() ?? '{}';
    return { ...(JSON.parse(line) as { ms: number; cpuMs: number; rows: number; peakRssMb: number }), bytes: fs.statSync(out).size };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const budgetBenchmarks: Benchmark[] = [
  {
    name: 'budget.overview',
    run: ({ store }) => budgetOverview(serviceContext(store)),
  },
  {
    name: 'budget.drilldown',
    run: async ({ store }) => drilldown(serviceContext(store), { filter: ledgerFilter.parse({ fundId: (await inputs(store)).fundId }), page: 1, pageSize: 50 }),
  },
  {
    name: 'budget.drilldown.allocation',
    run: async ({ store }) => drilldown(serviceContext(store), { filter: ledgerFilter.parse({ allocationId: (await inputs(store)).allocationId, kind: 'liquidazioni' }), page: 1, pageSize: 50 }),
  },
  {
    name: 'budget.drilldown.all',
    run: ({ store }) => drilldown(serviceContext(store), { filter: ledgerFilter.parse({}), page: 1, pageSize: 50 }),
  },
  {
    name: 'budget.drilldown.page20',
    run: async ({ store }) => drilldown(serviceContext(store), { filter: ledgerFilter.parse({ fundId: (await inputs(store)).fundId }), page: 20, pageSize: 50 }),
  },
  {
    name: 'budget.commit',
    run: async ({ store }) => {
      const input = commitmentInput.parse({
        target: { allocationId: (await inputs(store)).allocationId },
        amount: { mode: 'tirocinio', months: 6, monthlyIndemnityCents: 45_000 },
        committedOn: '2024-12-31',
        actNumber: 'DD/2024/9999',
        description: 'Indennità di tirocinio (benchmark)',
        overrideReason: 'Benchmark: deroga per misurare il caso peggiore',
      });
      try {
        await store.db.transaction().execute(async (trx) => {
          await createCommitmentStep(trx, serviceContext(store), input);
          throw new Rollback();
        });
      } catch (error) {
        if (!(error instanceof Rollback)) throw error;
      }
    },
  },
  {
    name: 'budget.ledger-xlsx',
    runs: 1,
    warmUp: false,
    run: ({ location }) => {
      const r = ledgerXlsxInChild(location);
      console.log(
        `budget.ledger-xlsx: ${r.rows} righe in ${(r.ms / 1000).toFixed(1)} s (CPU ${(r.cpuMs / 1000).toFixed(1)} s), picco RSS ${r.peakRssMb} MB, file ${(r.bytes / 1e6).toFixed(1)} MB`,
      );
    },
  },
];

async function child(file: string, out: string): Promise<void> {
  const store = await Store.open(file);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const stream = fs.createWriteStream(out);
  const closed = new Promise<void>((resolve, reject) => stream.once('close', () => resolve()).once('error', reject));
  const { rows } = await writeLedgerXlsx(file, store.db, ledgerFilter.parse({}), stream);
  stream.end();
  await closed;
  const ms = Math.round(performance.now() - started);
  const used = process.cpuUsage(cpu);
  const cpuMs = Math.round((used.user + used.system) / 1000);
  await store.close();
  // maxRSS: the peak resident set of this process, in kilobytes
  console.log(JSON.stringify({ ms, cpuMs, rows, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

if (process.argv[2] === CHILD_FLAG) {
  child(process.argv[3] ?? '', process.argv[4] ?? '').catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
