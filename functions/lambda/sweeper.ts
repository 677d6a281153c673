import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger } from '../observability/logger.ts';
import { METRIC, SWEEPER_SERVICE, newMetrics } from '../observability/metrics.ts';
import { sweep } from '../grading/sweep.ts';
import { queueOnDemand } from './queue-on-demand.ts';
import { requiredEnv } from './required-env.ts';
import { staleQuery } from './stale-query.ts';

const QUEUED_TOO_LONG_SECONDS = Number(process.env.SWEEP_QUEUED_SECONDS) || 120;
const metrics = newMetrics(process.env.POWERTOOLS_SERVICE_NAME ?? SWEEPER_SERVICE);

/**
 * The table through one signed Query (stale-query.ts), not the SDK's DynamoDB client: a sweep only reads the
 * StatusIndex. The credentials are the execution role's, which Lambda puts in the environment, as the SDK reads them.
 */
const listStale = staleQuery({
  tableName: requiredEnv('TABLE_NAME'),
  region: requiredEnv('AWS_REGION'),
  endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB ?? process.env.AWS_ENDPOINT_URL,
  credentials: () => ({
    accessKeyId: requiredEnv('AWS_ACCESS_KEY_ID'),
    secretAccessKey: requiredEnv('AWS_SECRET_ACCESS_KEY'),
    sessionToken: process.env.AWS_SESSION_TOKEN,
  }),
});
// Read at once: a sweeper deployed without its queue fails at its cold start, not at its first republish.
const queueUrl = requiredEnv('QUEUE_URL');
const deps = {
  store: { listStale },
  queue: queueOnDemand(() => import('../adapters/queue/sqs-queue.ts').then((m) => m.createSqsQueue(queueUrl))),
  clock: () => new Date(),
};

/** Scheduled: re-publish submissions left queued too long, or whose grader's lease ran out. */
export const handler = async (): Promise<{ republished: number }> => {
  const republished = await sweep(deps, { queuedOlderThanSeconds: QUEUED_TOO_LONG_SECONDS });
  logger.info('sweep done', { republished });
  // Zero too: a flat line on the dashboard says the sweeper runs and finds nothing, a gap that it does not run.
  metrics.addMetric(METRIC.sweeperRequeues, MetricUnit.Count, republished);
  metrics.publishStoredMetrics();
  return { republished };
};
