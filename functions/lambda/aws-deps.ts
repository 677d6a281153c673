import { ulid } from 'ulid';
import { createCognitoAuth } from '../auth/cognito.ts';
import type { AuthPort } from '../auth/user.ts';
import { configFromEnv } from '../config.ts';
import type { AppDeps } from '../http/deps.ts';
import { awsQueue, awsRegradeQueue } from './aws-queue.ts';
import { awsStore } from './aws-store.ts';
import { readCourseSnapshot } from './course-snapshot.ts';
import { requiredEnv } from './required-env.ts';

/** Without a user pool configured nobody can sign in (never a silent bypass). */
function awsAuth(): AuthPort {
  const userPoolId = process.env.USER_POOL_ID;
  const clientId = process.env.USER_POOL_CLIENT_ID;
  const domain = process.env.COGNITO_DOMAIN;
  return userPoolId && clientId
    ? createCognitoAuth({ userPoolId, clientId, ...(domain ? { domain } : {}) })
    : { verify: async () => undefined };
}

let cached: Promise<AppDeps> | undefined;

/** The HTTP app's deployed dependencies, built once per Lambda container from the environment the stack sets. */
export function awsDeps(): Promise<AppDeps> {
  cached ??= (async () => ({
    store: awsStore(),
    queue: awsQueue(),
    regrades: awsRegradeQueue(),
    // Parsing the content tree (YAML, markdown) is only the fallback when no course.json was bundled.
    course:
      readCourseSnapshot() ?? (await (await import('../adapters/course-fs.ts')).loadCourse(requiredEnv('CONTENT_DIR'))),
    auth: awsAuth(),
    clock: () => new Date(),
    ids: () => ulid(),
    config: { ...configFromEnv(), mode: 'aws' as const },
  }))();
  return cached;
}
