import { useCallback, useRef, useState } from 'react';
import type { JobEvent, JobStarted } from '../../../electron/contract/jobs';
import { ApiError, call } from './client';
import { askWhereToSave, downloadJobFile, onJobEvent } from './transport';

/** What a finished file job gives back: where the file went (a path in Electron, the file name in the browser) and the rows written. */
export interface JobOutcome {
  where: string;
  rows: number | undefined;
}

/**
 * A long job that produces a file (export, report file), the same in Electron and in the browser:
 * start it through the API, follow its progress events, then deliver the file (Electron: the save
 * dialog shown while it runs; browser: a streamed download). `run` resolves to the outcome, or null
 * when the user cancelled; it throws an ApiError with the Italian message when the job fails.
 */
export function useJob() {
  const [progress, setProgress] = useState<JobEvent | null>(null);
  const current = useRef<string | null>(null);

  const run = useCallback(async (start: () => Promise<JobStarted>): Promise<JobOutcome | null> => {
    let jobId: string | null = null;
    const early: JobEvent[] = [];
    let settle: (event: JobEvent) => void = () => undefined;
    const ended = new Promise<JobEvent>((resolve) => (settle = resolve));
    const handle = (event: JobEvent) => {
      setProgress(event);
      if (event.state !== 'running') settle(event);
    };
    // subscribed before starting: a short job may end before the API's answer arrives
    const off = onJobEvent((event) => {
      if (jobId === null) early.push(event);
      else if (event.jobId === jobId) handle(event);
    });
    setProgress({ jobId: '', done: 0, total: 0, label: 'Avvio…', state: 'running' });
    try {
      const job = await start();
      jobId = job.jobId;
      current.current = jobId;
      early.filter((e) => e.jobId === job.jobId).forEach(handle);
      const saving = askWhereToSave(job);
      // its failure is reported through the job's own end, read below
      saving?.catch(() => undefined);
      const end = await ended;
      if (end.state === 'error') throw new ApiError(end.error?.code ?? 'INTERNAL', end.error?.message ?? end.label);
      if (end.state === 'cancelled') return null;
      const where = saving ? await saving : downloadJobFile(job);
      return where ? { where, rows: end.rows } : null;
    } finally {
      off();
      current.current = null;
      setProgress(null);
    }
  }, []);

  /** Stops the running job (its partial file is removed); `run` then resolves to null. */
  const cancel = useCallback(() => {
    if (current.current) void call('jobs.cancel', { jobId: current.current }).catch(() => undefined);
  }, []);

  return { progress, running: progress !== null, run, cancel };
}
