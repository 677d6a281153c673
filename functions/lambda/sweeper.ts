import { logger } from '../observability/logger.ts';
import { sweep } from '../grading/sweep.ts';
import { awsQueue } from './aws-queue.ts';
import { awsStore } from './aws-store.ts';

const QUEUED_TOO_LONG_SECONDS = Number(process.env.SWEEP_QUEUED_SECONDS) || 120;
const deps = { store: awsStore(), queue: awsQueue(), clock: () => new Date() };

/** Scheduled: re-publish submissions left queued too long, or whose grader's lease ran out. */
export const handler = async (): Promise<{ republished: number }> => {
  const republished = await sweep(deps, { queuedOlderThanSeconds: QUEUED_TOO_LONG_SECONDS });
  logger.info('sweep done', { republished });
  return { republished };
};
