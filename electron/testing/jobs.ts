import fs from 'node:fs';
import type { AppCore } from '../api/core';
import type { JobEvent, JobStarted } from '../contract/jobs';
import type { Input, MethodName } from '../contract/index';
import { jobsOf } from '../jobs/runner';
import { callOk } from './calls';

type FileMethod = { [M in MethodName]: Input<M> extends never ? never : M }[MethodName];

/**
 * Calls a method that starts a file job, as the UI does, waits for the job and reads its file back
 * (the bytes a host would deliver); a failed job fails the test with its Italian message.
 */
export async function jobFile<M extends FileMethod>(core: AppCore, method: M, input: Input<M>, token: string): Promise<{ fileName: string; bytes: Buffer; end: JobEvent }> {
  const started = (await callOk(core, method, input, token)) as unknown as JobStarted;
  const runner = jobsOf(core.store);
  const end = await runner.whenEnded(started.jobId);
  if (end.state !== 'done') throw new Error(`${method}: ${end.state} ${end.error?.message ?? ''}`);
  const file = runner.take(started.jobId);
  if (!file) throw new Error(`${method}: file non disponibile`);
  try {
    return { fileName: file.fileName, bytes: fs.readFileSync(file.path), end };
  } finally {
    file.release();
  }
}
