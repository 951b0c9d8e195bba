import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import Cursor from 'pg-cursor';
import type { DB } from '../../db/schema';
import { openSqlite } from '../../db/connection';
import { isPostgresLocation } from '../../db/location';
import { openPool } from '../../db/postgres/pool';
import { AppError, type ApiErrorBody } from '../contract/errors';
import { JOB_FAILED } from '../contract/jobs';
import { TASKS, type TaskEnv, type TaskName, type TaskResult } from './tasks';

/**
 * A job's thread (see runner.ts): runs one task on its own read-only connection to the database,
 * writes the task's file and posts progress, then the result or the error, to the runner.
 */

export interface WorkerData {
  task: TaskName;
  input: unknown;
  /** The database: a SQLite file or a postgres:// URL. */
  location: string;
  out: string;
}
export type FromWorker =
  | { type: 'progress'; done: number; total: number; label: string }
  | { type: 'done'; result: TaskResult }
  | { type: 'error'; error: ApiErrorBody };

/** Progress more often than this would only load the channel and the screen. */
const PROGRESS_EVERY_MS = 100;

/** The worker's own read-only connection (a small pool of its own on PostgreSQL). */
function openReader(location: string): Kysely<DB> {
  if (isPostgresLocation(location)) return new Kysely<DB>({ dialect: new PostgresDialect({ pool: openPool(location, 2), cursor: Cursor }) });
  let raw;
  try {
    raw = openSqlite(location, { readonly: true });
  } catch {
    throw new AppError('INTERNAL', 'Il database non è leggibile: impossibile preparare il file');
  }
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
}

async function run(data: WorkerData): Promise<TaskResult> {
  const db = openReader(data.location);
  const out = fs.createWriteStream(data.out, { mode: 0o600 });
  const closed = new Promise<void>((resolve, reject) => out.once('close', () => resolve()).once('error', reject));
  let last = 0;
  let lastLabel = '';
  const env: TaskEnv = {
    location: data.location,
    db,
    out,
    progress: (done, total, label) => {
      const now = Date.now();
      if (label === lastLabel && done < total && now - last < PROGRESS_EVERY_MS) return;
      last = now;
      lastLabel = label;
      parentPort?.postMessage({ type: 'progress', done, total, label } satisfies FromWorker);
    },
  };
  try {
    const task = TASKS[data.task]() as (env: TaskEnv, input: unknown) => Promise<TaskResult>;
    const result = await task(env, data.input);
    out.end();
    await closed;
    return result;
  } finally {
    out.destroy();
    await db.destroy();
  }
}

run(workerData as WorkerData).then(
  (result) => parentPort?.postMessage({ type: 'done', result } satisfies FromWorker),
  (error: unknown) => {
    if (!(error instanceof AppError)) console.error('[ixl] errore nel lavoro in background:', error);
    const body: ApiErrorBody =
      error instanceof AppError ? error.toBody() : { code: 'INTERNAL', message: JOB_FAILED };
    parentPort?.postMessage({ type: 'error', error: body } satisfies FromWorker);
  },
);
