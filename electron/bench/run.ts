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
import type { Benchmark, BenchEnv, BenchResult } from './types';

/**
 * `npm run bench -- [--db FILE] [--only PREFIX] [--skip PREFIX]… [--runs N]`: runs the named benchmarks on an xl database
 * (seeded once into .data/bench-xl.sqlite when no --db is given), prints a table and writes
 * bench-results.json. Each area adds its benchmarks to this list.
 */
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

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, only: { type: 'string' }, skip: { type: 'string', multiple: true }, runs: { type: 'string' } } });
  const file = path.resolve(values.db ?? '.data/bench-xl.sqlite');
  if (!values.db) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    ensureXlDatabase(file);
  }
  const store = await Store.open(file);
  const env: BenchEnv = { file, store, raw: store.raw };
  const skipped = values.skip ?? [];
  const selected = BENCHMARKS.filter((b) => (!values.only || b.name.startsWith(values.only)) && !skipped.some((prefix) => b.name.startsWith(prefix)));
  const results: BenchResult[] = [];
  for (const bench of selected) {
    const runs = values.runs ? Number(values.runs) : (bench.runs ?? 15);
    const result: BenchResult = { name: bench.name, median_ms: round(await median(() => bench.run(env), runs, bench.warmUp !== false)), runs };
    if (bench.floor) result.floor_ms = round(await median(() => bench.floor!(env), runs, bench.warmUp !== false));
    results.push(result);
  }
  await store.close();
  console.table(results.map((r) => ({ benchmark: r.name, 'mediana (ms)': r.median_ms, 'minimo raw (ms)': r.floor_ms ?? '—', esecuzioni: r.runs })));
  fs.writeFileSync('bench-results.json', JSON.stringify(results, null, 2) + '\n');
  console.log('Risultati in bench-results.json');
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
