import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * Every kind of job, by name: the function a worker thread runs (worker.ts). Each writes one file to
 * `env.out`, reports progress and returns what it wrote. Each area keeps its task beside its service;
 * a worker loads only its own task's modules (a people export needs neither pdf-lib nor the ledger).
 */

export interface TaskEnv {
  dbFile: string;
  /** A read-only connection of the worker's own. */
  db: Kysely<DB>;
  out: Writable;
  progress: (done: number, total: number, label: string) => void;
}
export interface TaskResult {
  rows: number;
}

export const TASKS = {
  'budget.ledger': async () => (await import('../services/budget/export.js')).ledgerTask,
  'budget.overview': async () => (await import('../services/budget/export.js')).overviewTask,
  'people.list': async () => (await import('../services/people/export.js')).peopleTask,
  'reports.excel': async () => (await import('../services/reports/files.js')).reportExcelTask,
  'reports.pdf': async () => (await import('../services/reports/files.js')).reportPdfTask,
};
export type TaskName = keyof typeof TASKS;
export type TaskInput<K extends TaskName> = Parameters<Awaited<ReturnType<(typeof TASKS)[K]>>>[1];
