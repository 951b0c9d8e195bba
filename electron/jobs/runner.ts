import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import { AppError, type ApiErrorBody } from '../contract/errors';
import { JOB_FAILED, type JobEvent, type JobStarted } from '../contract/jobs';
import type { TaskInput, TaskName, TaskResult } from './tasks';
import type { FromWorker, WorkerData } from './worker';

/**
 * Runs long work (exports, report files) in worker threads, so the host's event loop (IPC, HTTP)
 * stays free. Each job writes its file into a private folder of this runner; hosts subscribe to the
 * progress events and, when a job is done, take its file (`take`): the web host streams it as a
 * download, Electron moves it where the user chose. Undelivered files are removed after a while and
 * when the runner closes; a cancelled or failed job leaves no file behind.
 */

/** A finished file nobody fetched is removed after this long. */
const KEEP_MS = 15 * 60 * 1000;

export interface JobOptions {
  fileName: string;
  mimeType: string;
  /** The user who started it: only they may cancel it. */
  owner: number | null;
  /** Runs when the file is complete, before the job is reported done (the audit row); a failure fails the job. */
  beforeDone?: (result: TaskResult) => Promise<void>;
}

interface Job {
  id: string;
  options: JobOptions;
  dir: string;
  file: string;
  worker: Worker | null;
  last: JobEvent;
  /** The worker has posted its result: its exit is expected. */
  completing?: boolean;
  expiry?: NodeJS.Timeout;
}

/** The worker's entry point: compiled JavaScript in the built app; TypeScript (through tsx) in tests and `npm run` scripts. */
function startWorker(data: WorkerData): Worker {
  const ext = path.extname(__filename);
  const entry = path.join(__dirname, `worker${ext}`);
  if (ext === '.ts') {
    const boot = `require('tsx/cjs/api').register(); require(${JSON.stringify(entry)});`;
    return new Worker(boot, { eval: true, workerData: data });
  }
  return new Worker(entry, { workerData: data });
}

export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  private readonly listeners = new Set<(event: JobEvent) => void>();
  private root: string | null;

  /** `folder`: where the jobs' files go (default: a new private folder in the system's temporary folder). */
  constructor(
    private readonly location: string,
    folder: string | null = null,
  ) {
    this.root = folder;
  }

  /** Starts `task` in a worker; returns at once with the job's id. */
  start<K extends TaskName>(task: K, input: TaskInput<K>, options: JobOptions): JobStarted {
    this.root ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-jobs-'));
    fs.mkdirSync(this.root, { recursive: true, mode: 0o700 });
    const id = randomUUID();
    const dir = path.join(this.root, id);
    fs.mkdirSync(dir, { mode: 0o700 });
    const job: Job = { id, options, dir, file: path.join(dir, 'out'), worker: null, last: { jobId: id, done: 0, total: 0, label: 'In attesa…', state: 'running' } };
    this.jobs.set(id, job);
    const worker = startWorker({ task, input, location: this.location, out: job.file });
    job.worker = worker;
    worker.on('message', (message: FromWorker) => {
      if (job.last.state !== 'running') return; // a late message after cancel
      if (message.type === 'progress') this.emit(job, { jobId: id, done: message.done, total: message.total, label: message.label, state: 'running' });
      else if (message.type === 'done') void this.complete(job, message.result);
      else this.finish(job, { state: 'error', error: message.error });
    });
    worker.on('error', (error) => {
      console.error(`[ixl] operazione ${task} non riuscita:`, error);
      this.finish(job, { state: 'error', error: { code: 'INTERNAL', message: JOB_FAILED } });
    });
    worker.on('exit', () => {
      // a worker that ends without saying how (killed, out of memory) failed
      if (job.last.state === 'running' && !job.completing) this.finish(job, { state: 'error', error: { code: 'INTERNAL', message: JOB_FAILED } });
    });
    return { jobId: id, fileName: options.fileName };
  }

  /** Subscribes to every job's events; returns the function that unsubscribes. */
  subscribe(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The last event of every job not yet delivered: a client that connects late starts from there. */
  snapshot(): JobEvent[] {
    return [...this.jobs.values()].map((j) => j.last);
  }

  /** Stops a running job and removes its partial file; false when there is no such running job of this user. */
  cancel(jobId: string, owner: number | null): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.last.state !== 'running' || job.options.owner !== owner) return false;
    this.finish(job, { state: 'cancelled' });
    return true;
  }

  /** The file name and owner of a job the runner knows, or null. */
  info(jobId: string): { fileName: string; owner: number | null } | null {
    const job = this.jobs.get(jobId);
    return job ? { fileName: job.options.fileName, owner: job.options.owner } : null;
  }

  /** A job's current event, or null when the runner does not know it (never started, delivered or expired). */
  status(jobId: string): JobEvent | null {
    return this.jobs.get(jobId)?.last ?? null;
  }

  /** Resolves with the job's final event (at once if it has ended). */
  whenEnded(jobId: string): Promise<JobEvent> {
    const job = this.jobs.get(jobId);
    if (!job) return Promise.reject(new AppError('NOT_FOUND', 'Operazione non trovata o già conclusa'));
    if (job.last.state !== 'running') return Promise.resolve(job.last);
    return new Promise((resolve) => {
      const off = this.subscribe((event) => {
        if (event.jobId === jobId && event.state !== 'running') {
          off();
          resolve(event);
        }
      });
    });
  }

  /**
   * Hands a finished job's file over to a host, which must move or delete it (`path`) when done with
   * it; the runner forgets the job. Null when the job is unknown, still running or failed.
   */
  take(jobId: string): { path: string; fileName: string; mimeType: string; release: () => void } | null {
    const job = this.jobs.get(jobId);
    if (!job || job.last.state !== 'done') return null;
    clearTimeout(job.expiry);
    this.jobs.delete(jobId);
    return { path: job.file, fileName: job.options.fileName, mimeType: job.options.mimeType, release: () => fs.rmSync(job.dir, { recursive: true, force: true }) };
  }

  /**
   * Waits for a job and puts its file at `target` (Electron's save dialog, the CLI's folder): a rename
   * when on the same disk, else a streamed copy. Throws the job's Italian error when it failed.
   */
  async saveTo(jobId: string, target: string): Promise<JobEvent> {
    const end = await this.whenEnded(jobId);
    if (end.state === 'cancelled') throw new AppError('CONFLICT', 'Operazione annullata');
    if (end.state === 'error') throw new AppError(end.error?.code ?? 'INTERNAL', end.error?.message ?? JOB_FAILED);
    const file = this.take(jobId);
    if (!file) throw new AppError('NOT_FOUND', 'Operazione non trovata o già conclusa');
    try {
      await fs.promises.rename(file.path, target).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EXDEV') throw error;
        await pipeline(fs.createReadStream(file.path), fs.createWriteStream(target));
      });
    } finally {
      file.release();
    }
    return end;
  }

  /** Stops every job and removes every file (host shutdown). */
  async close(): Promise<void> {
    for (const job of [...this.jobs.values()]) if (job.last.state === 'running') this.finish(job, { state: 'cancelled' });
    await Promise.all([...this.jobs.values()].map((j) => j.worker?.terminate()));
    for (const job of this.jobs.values()) clearTimeout(job.expiry);
    this.jobs.clear();
    if (this.root) fs.rmSync(this.root, { recursive: true, force: true });
    this.root = null;
  }

  private emit(job: Job, event: JobEvent): void {
    job.last = event;
    for (const listener of this.listeners) listener(event);
  }

  private finish(job: Job, end: { state: 'done'; result: TaskResult } | { state: 'error'; error: ApiErrorBody } | { state: 'cancelled' }): void {
    if (job.last.state !== 'running') return;
    const { total } = job.last;
    if (end.state === 'done') {
      this.emit(job, { jobId: job.id, done: Math.max(total, 1), total: Math.max(total, 1), label: 'Completato', state: 'done', rows: end.result.rows });
      job.expiry = setTimeout(() => this.drop(job), KEEP_MS).unref();
      return;
    }
    // the worker may still be writing: stop it before removing its file
    const stopped = job.worker?.terminate() ?? Promise.resolve(0);
    void stopped.finally(() => fs.rmSync(job.dir, { recursive: true, force: true }));
    // kept a minute without its file, so a client that connects late still learns how it ended
    job.expiry = setTimeout(() => this.drop(job), 60_000).unref();
    if (end.state === 'cancelled') {
      this.emit(job, { ...job.last, label: 'Annullato', state: 'cancelled' });
    } else {
      this.emit(job, { ...job.last, label: end.error.message, state: 'error', error: end.error });
    }
  }

  private async complete(job: Job, result: TaskResult): Promise<void> {
    job.completing = true;
    try {
      await job.options.beforeDone?.(result);
      this.finish(job, { state: 'done', result });
    } catch (error) {
      console.error('[ixl] operazione non conclusa:', error);
      this.finish(job, { state: 'error', error: error instanceof AppError ? error.toBody() : { code: 'INTERNAL', message: JOB_FAILED } });
    }
  }

  private drop(job: Job): void {
    this.jobs.delete(job.id);
    fs.rmSync(job.dir, { recursive: true, force: true });
  }
}

const runners = new WeakMap<object, JobRunner>();

/** The runner of an open database (one per Store, like its sessions): hosts and services share it. */
export function jobsOf(store: { file: string }): JobRunner {
  let runner = runners.get(store);
  if (!runner) {
    runner = new JobRunner(store.file);
    runners.set(store, runner);
  }
  return runner;
}
