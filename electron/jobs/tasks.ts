import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type * as BudgetExport from '../services/budget/export';
import type * as DataCopyFile from '../services/people/dataCopyFile';
import type * as PeopleExport from '../services/people/export';
import type * as ReportFiles from '../services/reports/files';
import type * as AuditExport from '../services/system/auditExport';
import type * as BackupTask from '../services/system/backupTask';

/**
 * Every kind of job, by name: the function a worker thread runs (worker.ts). Each writes one file to
 * `env.out`, reports progress and returns what it wrote. Each area keeps its task beside its service;
 * a worker loads only its own task's modules (a people export needs neither pdf-lib nor the ledger).
 */

export interface TaskEnv {
  /** The database: a SQLite file or a postgres:// URL. */
  location: string;
  /** A read-only connection of the worker's own. */
  db: Kysely<DB>;
  out: Writable;
  progress: (done: number, total: number, label: string) => void;
}
export interface TaskResult {
  rows: number;
}

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand in the worker; require, not import(), so that tsx (tests) and the compiled app resolve it alike */
export const TASKS = {
  'budget.ledger': () => (require('../services/budget/export') as typeof BudgetExport).ledgerTask,
  'budget.overview': () => (require('../services/budget/export') as typeof BudgetExport).overviewTask,
  'people.list': () => (require('../services/people/export') as typeof PeopleExport).peopleTask,
  'people.dataCopy': () => (require('../services/people/dataCopyFile') as typeof DataCopyFile).dataCopyTask,
  'reports.excel': () => (require('../services/reports/files') as typeof ReportFiles).reportExcelTask,
  'reports.pdf': () => (require('../services/reports/files') as typeof ReportFiles).reportPdfTask,
  'system.audit': () => (require('../services/system/auditExport') as typeof AuditExport).auditTask,
  'system.backupCopy': () => (require('../services/system/backupTask') as typeof BackupTask).backupCopyTask,
};
/* eslint-enable @typescript-eslint/no-require-imports */
export type TaskName = keyof typeof TASKS;
export type TaskInput<K extends TaskName> = Parameters<ReturnType<(typeof TASKS)[K]>>[1];
