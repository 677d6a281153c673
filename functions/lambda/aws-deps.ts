import { ulid } from 'ulid';
import { createCognitoAuth } from '../auth/cognito.ts';
import type { AuthPort } from '../auth/user.ts';
import { createDocumentClient } from '../adapters/dynamo/store.ts';
import { configFromEnv } from '../config.ts';
import type { AppDeps } from '../http/deps.ts';
import type { CourseContent } from '../service/deps.ts';
import type { LtiRouteDeps } from '../lti/routes.tsx';
import type { Directory } from '../ports/directory.ts';
import type { OnGraded } from '../ports/grade-events.ts';
import type { RegradeQueue } from '../ports/queue.ts';
import { awsStore } from './aws-store.ts';
import { courseSnapshotOnDemand } from './course-snapshot.ts';
import { queueOnDemand } from './queue-on-demand.ts';
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

/**
 * The queues with their SQS client (and the AWS SDK's query protocol) loaded at the first send: the API publishes on a
 * submission or a regrade, not on the reads most requests are. QUEUE_URL is still read at once, so an API deployed
 * without it fails at its cold start.
 */
function queuesOnDemand(): Pick<AppDeps, 'queue' | 'regrades'> {
  requiredEnv('QUEUE_URL');
  let regrades: Promise<RegradeQueue> | undefined;
  const loadRegrades = () => (regrades ??= import('./aws-queue.ts').then((m) => m.awsRegradeQueue()));
  return {
    queue: queueOnDemand(() => import('./aws-queue.ts').then((m) => m.awsQueue())),
    regrades: { sendTick: async (tick) => (await loadRegrades()).sendTick(tick) },
  };
}

/**
 * The LTI tool, where the stack gave its key (cdk/constructs/lti.ts); its modules (jose, the LTI store) load only
 * then. Cognito knows no LTI user, so a launched user's session is signed by the tool key and accepted beside
 * Cognito's tokens.
 */
async function awsLti(
  keySource: string,
  deps: Pick<AppDeps, 'store' | 'course' | 'clock' | 'ids'> & { siteOrigin?: string },
): Promise<{ routes: LtiRouteDeps; onGraded: OnGraded; withSessions: (auth: AuthPort) => AuthPort }> {
  const [{ loadToolKey, parseToolKeySource }, { ltiSessions, withLtiSessions }, { ltiRuntime }] = await Promise.all([
    import('../lti/tool-key.ts'),
    import('../lti/session.ts'),
    import('../lti/runtime.ts'),
  ]);
  const toolKey = await loadToolKey(parseToolKeySource(keySource, process.env));
  const sessions = ltiSessions(toolKey, deps.clock);
  const { routes, onGraded } = ltiRuntime({
    store: deps.store,
    course: deps.course,
    clock: deps.clock,
    ids: deps.ids,
    doc: createDocumentClient(),
    tableName: requiredEnv('TABLE_NAME'),
    toolKey,
    ...(deps.siteOrigin ? { baseUrl: deps.siteOrigin } : {}),
    startSession: (user) => sessions.issue(user),
    secureCookies: true,
  });
  return { routes, onGraded, withSessions: (auth) => withLtiSessions(auth, sessions) };
}

/** The course parsed from CONTENT_DIR at once: running from source, where no course.json was bundled. */
async function courseFromTree(): Promise<() => CourseContent> {
  const tree = await (await import('../adapters/course-fs.ts')).loadCourse(requiredEnv('CONTENT_DIR'));
  return () => tree;
}

let cached: Promise<AppDeps> | undefined;

/** The HTTP app's deployed dependencies, built once per Lambda container from the environment the stack sets. */
export function awsDeps(): Promise<AppDeps> {
  cached ??= (async () => {
    const store = awsStore();
    // Parsing the content tree (YAML, markdown) is only the fallback when no course.json was bundled.
    const course = courseSnapshotOnDemand() ?? (await courseFromTree());
    const clock = () => new Date();
    const ids = () => ulid();
    const config = { ...configFromEnv(), mode: 'aws' as const };
    const lti = process.env.LTI_TOOL_KEY
      ? await awsLti(process.env.LTI_TOOL_KEY, { store, course: course(), clock, ids, siteOrigin: config.siteOrigin })
      : undefined;
    return {
      store,
      ...queuesOnDemand(),
      // Read by the first request that needs the course, not by every cold start.
      get course() {
        return course();
      },
      auth: lti ? lti.withSessions(awsAuth()) : awsAuth(),
      clock,
      ids,
      config,
      ...awsDirectory(),
      ...(lti ? { lti: lti.routes, onGraded: lti.onGraded } : {}),
    };
  })();
  return cached;
}
