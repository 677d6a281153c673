import { ulid } from 'ulid';
import { createCognitoAuth } from '../auth/cognito.ts';
import type { AuthPort } from '../auth/user.ts';
import { createDocumentClient } from '../adapters/dynamo/store.ts';
import { configFromEnv } from '../config.ts';
import { ltiRuntime } from '../lti/runtime.ts';
import { ltiSessions, withLtiSessions } from '../lti/session.ts';
import { loadToolKey, parseToolKeySource } from '../lti/tool-key.ts';
import type { AppDeps } from '../http/deps.ts';
import type { Directory } from '../ports/directory.ts';
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

/**
 * The roster import's directory is the user pool sessions come from (without one, imports answer 409). The Cognito
 * client loads with the first import, not at every cold start.
 */
function awsDirectory(): { directory?: Directory } {
  const userPoolId = process.env.USER_POOL_ID;
  if (!userPoolId) return {};
  let loaded: Promise<Directory> | undefined;
  const load = () =>
    (loaded ??= import('../adapters/directory/cognito.ts').then((m) => m.createCognitoDirectory(userPoolId)));
  return {
    directory: {
      findByEmail: async (email) => (await load()).findByEmail(email),
      ensureLearner: async (entry) => (await load()).ensureLearner(entry),
    },
  };
}

let cached: Promise<AppDeps> | undefined;

/** The HTTP app's deployed dependencies, built once per Lambda container from the environment the stack sets. */
export function awsDeps(): Promise<AppDeps> {
  cached ??= (async () => {
    const store = awsStore();
    // Parsing the content tree (YAML, markdown) is only the fallback when no course.json was bundled.
    const course =
      readCourseSnapshot() ?? (await (await import('../adapters/course-fs.ts')).loadCourse(requiredEnv('CONTENT_DIR')));
    const clock = () => new Date();
    const ids = () => ulid();
    const config = { ...configFromEnv(), mode: 'aws' as const };
    // LTI only where the stack gave the tool key (cdk/constructs/lti.ts). Cognito knows no LTI user, so a launched
    // user's session is signed by the tool key and accepted beside Cognito's tokens.
    const toolKey = process.env.LTI_TOOL_KEY
      ? await loadToolKey(parseToolKeySource(process.env.LTI_TOOL_KEY, process.env))
      : undefined;
    const sessions = toolKey && ltiSessions(toolKey, clock);
    const lti =
      toolKey && sessions
        ? ltiRuntime({
            doc: createDocumentClient(),
            tableName: requiredEnv('TABLE_NAME'),
            store,
            course,
            clock,
            ids,
            toolKey,
            ...(config.siteOrigin ? { baseUrl: config.siteOrigin } : {}),
            startSession: (user) => sessions.issue(user),
            secureCookies: true,
          })
        : undefined;
    return {
      store,
      queue: awsQueue(),
      regrades: awsRegradeQueue(),
      course,
      auth: sessions ? withLtiSessions(awsAuth(), sessions) : awsAuth(),
      clock,
      ids,
      config,
      ...awsDirectory(),
      ...(lti ? { lti: lti.routes, onGraded: lti.onGraded } : {}),
    };
  })();
  return cached;
}
