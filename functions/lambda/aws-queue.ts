/** The submissions queue, on its own for the same reason as aws-store.ts: only the API and the sweeper publish. */
import { createSqsQueue, createSqsRegradeQueue } from '../adapters/queue/sqs-queue.ts';
import type { Queue, RegradeQueue } from '../ports/queue.ts';
import { requiredEnv } from './required-env.ts';

export const awsQueue = (): Queue => createSqsQueue(requiredEnv('QUEUE_URL'));

/** The regrade queue (the API sends a job's first tick, the fan-out worker the next ones). */
export const awsRegradeQueue = (): RegradeQueue => createSqsRegradeQueue(requiredEnv('REGRADE_QUEUE_URL'));
