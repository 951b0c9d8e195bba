import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStore } from '../../db/seed/store';
import { ledgerFilter } from '../contract/budget';
import type { JobEvent } from '../contract/jobs';
import { callOk } from '../testing/calls';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../testing/tempDb';
import { jobsOf, JobRunner } from './runner';
import { sqlOne, sqlRun } from '../testing/sql';

/** The job runner on a real database: a worker thread per job, progress in order, cancel, errors. */
// a worker thread loads the app's modules through tsx here, on a machine that may be busy
describe('job runner', { timeout: 180_000 }, () => {
  let t: TempCore;
  beforeAll(async () => {
    t = await tempCore();
  });
  let runner: JobRunner;
  let folder = '';
  let ledgerRows = 0;

  beforeAll(async () => {
    await seedStore(t.core.store, { scale: 'demo', seed: 7 });
    // a ledger long enough (a second or more to write) to be cancelled while it runs; PostgreSQL's
    // per-row triggers make the insert slow, and its export is slower: fewer rows serve there
    const extra = t.core.store.engine === 'postgres' ? 15_000 : 40_000;
    await sqlRun(
      t.core.store,
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${extra})
      INSERT INTO payments (commitment_id, kind, amount_cents, paid_on, payee, created_at)
      SELECT (SELECT min(commitment_id) FROM commitment_totals), 'liquidazione', 100 + i, '2019-03-01', 'Beneficiario di prova', '2019-03-01T10:00:00Z' FROM n`,
    );
    ledgerRows = ((await sqlOne(t.core.store, 'SELECT (SELECT count(*) FROM commitments) + (SELECT count(*) FROM payments) AS n')) as { n: number }).n;
    folder = path.join(t.dir, 'jobs');
    runner = new JobRunner(t.file, folder);
  });
  afterAll(async () => {
    await runner.close();
    await t.cleanup();
  });

  function eventsOf(jobId: string): { events: JobEvent[]; stop: () => void } {
    const events: JobEvent[] = [];
    const stop = runner.subscribe((e) => {
      if (e.jobId === jobId) events.push(e);
    });
    return { events, stop };
  }

  it('runs the ledger export in a worker, with progress in order, and hands over a complete file', async () => {
    const all: JobEvent[] = [];
    const stop = runner.subscribe((e) => all.push(e));
    const job = runner.start('budget.ledger', { filter: ledgerFilter.parse({}) }, { fileName: 'movimenti.xlsx', mimeType: 'x', owner: 1 });
    const end = await runner.whenEnded(job.jobId);
    stop();
    const events = all.filter((e) => e.jobId === job.jobId);
    expect(end).toMatchObject({ state: 'done', rows: ledgerRows, done: ledgerRows, total: ledgerRows });
    expect(events.at(-1)).toEqual(end);
    const running = events.slice(0, -1);
    expect(running.length).toBeGreaterThan(2);
    expect(running.every((e) => e.state === 'running')).toBe(true);
    for (let i = 1; i < running.length; i++) expect(running[i]!.done).toBeGreaterThanOrEqual(running[i - 1]!.done);
    expect(running.some((e) => e.label === 'Scrittura dei movimenti' && e.total === ledgerRows && e.done > 0 && e.done < ledgerRows)).toBe(true);

    const file = runner.take(job.jobId);
    if (!file) throw new Error('file mancante');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file.path);
    expect(workbook.getWorksheet('Movimenti')?.rowCount).toBe(ledgerRows + 2);
    file.release();
    expect(fs.existsSync(file.path)).toBe(false);
    expect(runner.take(job.jobId)).toBeNull();
  });

  it('cancel stops the worker and removes the partial file; only the owner may cancel', async () => {
    const job = runner.start('budget.ledger', { filter: ledgerFilter.parse({}) }, { fileName: 'movimenti.xlsx', mimeType: 'x', owner: 7 });
    const { events, stop } = eventsOf(job.jobId);
    const dir = path.join(folder, job.jobId);
    // wait until rows are being written, then cancel
    await expect.poll(() => events.some((e) => e.done > 0), { timeout: 60_000, interval: 20 }).toBe(true);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(true);
    expect(runner.cancel(job.jobId, 8)).toBe(false);
    expect(runner.cancel(job.jobId, 7)).toBe(true);
    const end = await runner.whenEnded(job.jobId);
    stop();
    expect(end).toMatchObject({ state: 'cancelled', label: 'Annullato' });
    expect(end.done).toBeLessThan(ledgerRows);
    await expect.poll(() => fs.existsSync(dir), { timeout: 10_000 }).toBe(false);
    expect(runner.take(job.jobId)).toBeNull();
    expect(runner.cancel(job.jobId, 7)).toBe(false);
  });

  it('an error in the worker comes back as an Italian error and leaves no file', async () => {
    const broken = new JobRunner(path.join(t.dir, 'non-esiste.sqlite'), path.join(t.dir, 'jobs-broken'));
    try {
      const job = broken.start('budget.overview', { options: {} }, { fileName: 'quadro.xlsx', mimeType: 'x', owner: null });
      const end = await broken.whenEnded(job.jobId);
      expect(end).toMatchObject({ state: 'error', error: { code: 'INTERNAL', message: 'Il database non è leggibile: impossibile preparare il file' } });
      expect(end.label).toBe('Il database non è leggibile: impossibile preparare il file');
      expect(broken.take(job.jobId)).toBeNull();
      await expect(broken.saveTo(job.jobId, path.join(t.dir, 'quadro.xlsx'))).rejects.toMatchObject({ name: 'AppError', code: 'INTERNAL', message: /non è leggibile/ });
      await expect.poll(() => fs.readdirSync(path.join(t.dir, 'jobs-broken')).length, { timeout: 10_000 }).toBe(0);
    } finally {
      await broken.close();
    }
  });

  it('through the API: the export starts a job, jobs.cancel stops it for its owner only, and the audit row follows the file', async () => {
    const admin = await setupAdmin(t.core);
    const finance = await loginAs(t.core, admin, 'finanza');
    const started = await callOk(t.core, 'budget.export.ledger', { filter: {} }, finance);
    expect(started.fileName).toMatch(/^movimenti-bilancio-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(await callOk(t.core, 'jobs.cancel', { jobId: started.jobId }, admin)).toEqual({ cancelled: false });
    expect(await callOk(t.core, 'jobs.cancel', { jobId: started.jobId }, finance)).toEqual({ cancelled: true });
    expect((await jobsOf(t.core.store).whenEnded(started.jobId)).state).toBe('cancelled');

    const audits = async () => ((await sqlOne(t.core.store, "SELECT count(*) AS n FROM audit_log WHERE action = 'esporta' AND entity = 'quadro_bilancio'")) as { n: number }).n;
    const overview = await callOk(t.core, 'budget.export.overview', {}, finance);
    expect((await jobsOf(t.core.store).whenEnded(overview.jobId)).state).toBe('done');
    expect((await audits())).toBe(1);
  });
});
