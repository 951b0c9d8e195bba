import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStore } from '../../db/seed/store';
import type { JobEvent, JobStarted } from '../contract/jobs';
import { jobsOf } from '../jobs/runner';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../testing/tempDb';
import { contentDisposition, startWebHost, type WebHost } from './server';
import { sqlOne } from '../testing/sql';
import { EventStream } from '../testing/sse';

const SECRET = 'segreto-di-prova';

/** The web host's side of jobs: progress as Server-Sent Events, the file as a streamed download. */
describe('web host: events and downloads', { timeout: 180_000 }, () => {
  let t: TempCore;
  beforeAll(async () => {
    t = await tempCore();
  });
  let host: WebHost;
  let finance = '';

  beforeAll(async () => {
    const admin = await setupAdmin(t.core);
    finance = await loginAs(t.core, admin, 'finanza');
    await seedStore(t.core.store, { scale: 'demo', seed: 7 });
    host = await startWebHost({ core: t.core, port: 0, secret: SECRET, staticDir: null });
  });
  afterAll(async () => {
    await host.close();
    await t.cleanup();
  });

  async function start(method: string, input: unknown): Promise<JobStarted> {
    const res = await fetch(`${host.url}rpc/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${SECRET}`, 'X-IXL-Session': finance },
      body: JSON.stringify(input),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { result: JobStarted }).result;
  }

  /** Reads /events until `until` holds for the events received; returns them all. */
  async function readEvents(until: (events: JobEvent[]) => boolean, onOpen?: () => Promise<void>): Promise<JobEvent[]> {
    const stream = new EventStream<JobEvent>(`${host.url}events?token=${SECRET}`, ['job']);
    try {
      const res = await stream.response;
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      await onOpen?.();
      return await stream.until(until);
    } finally {
      await stream.close();
    }
  }

  it('streams the progress of a job in order as Server-Sent Events, then serves its file once with the Italian name', async () => {
    let job: JobStarted | null = null;
    const events = await readEvents(
      (all) => all.some((e) => e.jobId === job?.jobId && e.state !== 'running'),
      async () => {
        job = await start('budget.export.ledger', { filter: {} });
      },
    );
    const started = job as unknown as JobStarted;
    const mine = events.filter((e) => e.jobId === started.jobId);
    const end = mine.at(-1) as JobEvent;
    const rows = ((await sqlOne(t.core.store, 'SELECT (SELECT count(*) FROM commitments) + (SELECT count(*) FROM payments) AS n')) as { n: number }).n;
    expect(end).toMatchObject({ state: 'done', rows, done: rows, total: rows });
    expect(mine.slice(0, -1).every((e) => e.state === 'running')).toBe(true);
    for (let i = 1; i < mine.length; i++) expect(mine[i]!.done).toBeGreaterThanOrEqual(mine[i - 1]!.done);

    expect((await fetch(`${host.url}download/${started.jobId}`)).status).toBe(401);
    expect((await fetch(`${host.url}download/${started.jobId}?token=sbagliato`)).status).toBe(401);
    const res = await fetch(`${host.url}download/${started.jobId}?token=${SECRET}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${started.fileName}"; filename*=UTF-8''${started.fileName}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    const workbook = new ExcelJS.Workbook();
    // exceljs declares its own Buffer type, which Node's no longer matches
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Movimenti') as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBe(rows + 2);
    expect(sheet.getRow(rows + 2).getCell(1).value).toBe('Totale');

    const again = await fetch(`${host.url}download/${started.jobId}?token=${SECRET}`);
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'File non trovato: esportare di nuovo' } });
  });

  it('tells a client that connects late how a job ended', async () => {
    const job = await start('budget.export.overview', {});
    await expect.poll(() => jobsOf(t.core.store).status(job.jobId)?.state, { timeout: 60_000 }).toBe('done');
    const events = await readEvents((all) => all.some((e) => e.jobId === job.jobId && e.state === 'done'));
    expect(events.find((e) => e.jobId === job.jobId)).toMatchObject({ state: 'done', rows: expect.any(Number) });
    expect((await fetch(`${host.url}events`)).status).toBe(401);
  });

  it('names the file for any browser: an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('persone-2026-12-04.xlsx')).toBe(`attachment; filename="persone-2026-12-04.xlsx"; filename*=UTF-8''persone-2026-12-04.xlsx`);
    expect(contentDisposition('attività «più».pdf')).toBe(`attachment; filename="attivita _piu_.pdf"; filename*=UTF-8''attivit%C3%A0%20%C2%ABpi%C3%B9%C2%BB.pdf`);
  });
});
