/** The submissions queue, on its own for the same reason as aws-store.ts: only the API and the sweeper publish. */
import { createSqsQueue, createSqsRegradeQueue } from '../adapters/queue/sqs-queue.ts';
import type { Queue, RegradeQueue } from '../ports/queue.ts';
import { requiredEnv } from './required-env.ts';

export const awsQueue = (): Queue => createSqsQueue(requiredEnv('QUEUE_URL'));

/**
 * The regrade queue (the API sends a job's first tick, the fan-out worker the next ones). REGRADE_QUEUE_URL is read
 * at the first send, so an API deployed without the regrade fan-out still starts (and only a regrade fails).
 */
export const awsRegradeQueue = (): RegradeQueue => {
  let queue: RegradeQueue | undefined;
  return { sendTick: (tick) => (queue ??= createSqsRegradeQueue(requiredEnv('REGRADE_QUEUE_URL'))).sendTick(tick) };
};
