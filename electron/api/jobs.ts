import type { jobsContract } from '../contract/jobs';
import { jobsOf } from '../jobs/runner';
import type { AreaHandlers } from './handlers';

export const jobsHandlers: AreaHandlers<keyof typeof jobsContract> = {
  'jobs.cancel': async (ctx, input) => ({ cancelled: jobsOf(ctx.store).cancel(input.jobId, ctx.caller.userId) }),
};
