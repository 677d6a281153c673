/** The submissions queue, on its own for the same reason as aws-store.ts: only the API and the sweeper publish. */
import { createSqsQueue } from '../adapters/queue/sqs-queue.ts';
import type { Queue } from '../ports/queue.ts';
import { requiredEnv } from './required-env.ts';

export const awsQueue = (): Queue => createSqsQueue(requiredEnv('QUEUE_URL'));
