import type BetterSqlite3 from 'better-sqlite3';
import type { Store } from '../../db/connection';

/**
 * A named benchmark: `run` measures the app's own code path (services through kysely), on either
 * engine; `floor`, where one applies, computes the same result with raw better-sqlite3 statements,
 * the fastest this can be on SQLite (not measured on PostgreSQL).
 */
export interface Benchmark {
  name: string;
  runs?: number;
  /** False for work measured in child processes, where a warm-up run only doubles the time. */
  warmUp?: false;
  run: (env: BenchEnv) => unknown;
  floor?: (env: SqliteBenchEnv) => unknown;
}
export interface BenchEnv {
  /** The database: a SQLite file or a postgres:// URL. */
  location: string;
  store: Store;
  /** The raw SQLite handle; null on PostgreSQL. */
  raw: BetterSqlite3.Database | null;
}
export type SqliteBenchEnv = BenchEnv & { raw: BetterSqlite3.Database };
export interface BenchResult {
  name: string;
  median_ms: number;
  runs: number;
  floor_ms?: number;
}
