import { z } from 'zod';
import type { ApiErrorBody } from './errors';
import { method } from './define';
import { ANY_ROLE } from './roles';

/**
 * Long work (exports, report files, later imports) runs as a job in a worker thread: the method that
 * asks for it answers at once with the job's id, progress arrives as events (IPC in Electron,
 * Server-Sent Events in the web host) and the file is delivered by the host (save dialog in Electron,
 * a streamed GET /download/<jobId> in the browser).
 */

/** What a method that starts a job returns. */
export interface JobStarted {
  jobId: string;
  /** The Italian file name the result will be saved as. */
  fileName: string;
}

/** A job that failed for a reason the user cannot act on (the details go to the log). */
export const JOB_FAILED = 'Errore interno: l’operazione non è stata eseguita. Riprovare; se si ripete, contattare l’assistenza.';

export type JobState = 'running' | 'done' | 'error' | 'cancelled';

/** One progress event; the last one of a job has a state other than 'running'. */
export interface JobEvent {
  jobId: string;
  done: number;
  total: number;
  label: string;
  state: JobState;
  /** With state 'done': the rows written (0 for documents). */
  rows?: number;
  /** With state 'error': the Italian error, as any API error. */
  error?: ApiErrorBody;
}

export function isJobEvent(x: unknown): x is JobEvent {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as Record<string, unknown>;
  return (
    typeof e.jobId === 'string' &&
    typeof e.done === 'number' &&
    typeof e.total === 'number' &&
    typeof e.label === 'string' &&
    (e.state === 'running' || e.state === 'done' || e.state === 'error' || e.state === 'cancelled')
  );
}

export const jobId = z.string().regex(/^[0-9a-f-]{36}$/, 'Identificativo dell’operazione non valido');

export const jobsContract = {
  'jobs.cancel': method<{ cancelled: boolean }>()({
    summary: 'Annulla un’operazione lunga in corso (esportazione, file del report): il file parziale è eliminato.',
    input: z.object({ jobId }).strict(),
    roles: ANY_ROLE,
  }),
};
