/**
 * The table and the queue: all the grader and the sweeper need besides the labs. Kept apart from the API's
 * dependencies (aws-deps.ts) so those functions do not bundle Cognito, the lesson loaders or markdown rendering.
 */
import { createDocumentClient, createDynamoStore } from '../adapters/dynamo/store.ts';
import { createSqsQueue } from '../adapters/queue/sqs-queue.ts';
import type { Queue } from '../ports/queue.ts';
import type { Store } from '../ports/store.ts';

/** A variable the stack always sets; missing means a broken deployment, so fail the cold start loudly. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

export const awsStore = (): Store => createDynamoStore(createDocumentClient(), requiredEnv('TABLE_NAME'));
export const awsQueue = (): Queue => createSqsQueue(requiredEnv('QUEUE_URL'));
