import type { JobStarted } from '../contract/jobs';
import { audit, type AuditEntry, type ServiceContext } from '../services/context';
import { jobsOf } from './runner';
import type { TaskInput, TaskName, TaskResult } from './tasks';

/**
 * Starts a job that produces a file for the caller; once the file is complete, and before the job is
 * reported done, writes the audit row (an export takes data out of the app: the row says how much).
 */
export function startFileJob<K extends TaskName>(
  ctx: ServiceContext,
  task: K,
  input: TaskInput<K>,
  file: { fileName: string; mimeType: string },
  audited: (result: TaskResult) => AuditEntry | null,
): JobStarted {
  return jobsOf(ctx.store).start(task, input, {
    ...file,
    owner: ctx.caller.userId,
    beforeDone: async (result) => {
      const entry = audited(result);
      if (entry) await audit(ctx.store.db, ctx, entry);
    },
  });
}
