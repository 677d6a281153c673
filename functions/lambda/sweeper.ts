import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger } from '../observability/logger.ts';
import { METRIC, SWEEPER_SERVICE, newMetrics } from '../observability/metrics.ts';
import { sweep } from '../grading/sweep.ts';
import { awsQueue } from './aws-queue.ts';
import { awsStore } from './aws-store.ts';

const QUEUED_TOO_LONG_SECONDS = Number(process.env.SWEEP_QUEUED_SECONDS) || 120;
const metrics = newMetrics(process.env.POWERTOOLS_SERVICE_NAME ?? SWEEPER_SERVICE);
const deps = { store: awsStore(), queue: awsQueue(), clock: () => new Date() };

/** Scheduled: re-publish submissions left queued too long, or whose grader's lease ran out. */
export const handler = async (): Promise<{ republished: number }> => {
  const republished = await sweep(deps, { queuedOlderThanSeconds: QUEUED_TOO_LONG_SECONDS });
  logger.info('sweep done', { republished });
  // Zero too: a flat line on the dashboard says the sweeper runs and finds nothing, a gap that it does not run.
  metrics.addMetric(METRIC.sweeperRequeues, MetricUnit.Count, republished);
  metrics.publishStoredMetrics();
  return { republished };
};
