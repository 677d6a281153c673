import { ulid } from 'ulid';
import { createCognitoAuth } from '../auth/cognito.ts';
import type { AuthPort } from '../auth/user.ts';
import { loadCourse } from '../adapters/course-fs.ts';
import { createDocumentClient, createDynamoStore } from '../adapters/dynamo/store.ts';
import { createSqsQueue } from '../adapters/queue/sqs-queue.ts';
import { configFromEnv } from '../http/config.ts';
import type { AppDeps } from '../http/deps.ts';
import type { Queue } from '../ports/queue.ts';
import type { Store } from '../ports/store.ts';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

/** The table and the queue: all the grader and the sweeper need besides the labs. */
export const awsStore = (): Store => createDynamoStore(createDocumentClient(), required('TABLE_NAME'));
export const awsQueue = (): Queue => createSqsQueue(required('QUEUE_URL'));

/** Without a user pool configured nobody can sign in (never a silent bypass). */
function awsAuth(): AuthPort {
  const userPoolId = process.env.USER_POOL_ID;
  const clientId = process.env.USER_POOL_CLIENT_ID;
  return userPoolId && clientId ? createCognitoAuth({ userPoolId, clientId }) : { verify: async () => undefined };
}

let cached: Promise<AppDeps> | undefined;

/** The deployed dependencies, built once per Lambda container from the environment the stack sets. */
export function awsDeps(): Promise<AppDeps> {
  cached ??= (async () => ({
    store: awsStore(),
    queue: awsQueue(),
    course: await loadCourse(required('CONTENT_DIR')),
    auth: awsAuth(),
    clock: () => new Date(),
    ids: () => ulid(),
    config: { ...configFromEnv(), mode: 'aws' as const },
  }))();
  return cached;
}
