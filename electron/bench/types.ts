import type BetterSqlite3 from 'better-sqlite3';
import type { Store } from '../../db/connection';

/**
 * A named benchmark: `run` measures the app's own code path (services through kysely); `floor`, where
 * one applies, computes the same result with raw better-sqlite3 statements, the fastest this can be.
 */
export interface Benchmark {
  name: string;
  runs?: number;
  /** False for work measured in child processes, where a warm-up run only doubles the time. */
  warmUp?: false;
  run: (env: BenchEnv) => unknown;
  floor?: (env: BenchEnv) => unknown;
}
export interface BenchEnv {
  file: string;
  store: Store;
  raw: BetterSqlite3.Database;
}
export interface BenchResult {
  name: string;
  median_ms: number;
  runs: number;
  floor_ms?: number;
}
