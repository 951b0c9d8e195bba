import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { ledgerTask, overviewTask } from '../services/budget/export';
import { peopleTask } from '../services/people/export';
import { reportExcelTask, reportPdfTask } from '../services/reports/files';

/**
 * Every kind of job, by name: the function a worker thread runs (worker.ts). Each writes one file to
 * `env.out`, reports progress and returns what it wrote. Each area keeps its task beside its service.
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
  'budget.ledger': ledgerTask,
  'budget.overview': overviewTask,
  'people.list': peopleTask,
  'reports.excel': reportExcelTask,
  'reports.pdf': reportPdfTask,
};
export type TaskName = keyof typeof TASKS;
export type TaskInput<K extends TaskName> = Parameters<(typeof TASKS)[K]>[1];
