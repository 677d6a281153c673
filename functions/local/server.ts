import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { gradeSubmission } from '../../core/grading/grade.ts';
import { createLocalIssuer } from '../auth/local-issuer.ts';
import { createLocalDirectory } from '../adapters/directory/local.ts';
import type { User } from '../auth/user.ts';
import { loadCourse } from '../adapters/course-fs.ts';
import { ensureTable, startDynalite } from '../adapters/dynamo/local.ts';
import { createDocumentClient, createDynamoStore } from '../adapters/dynamo/store.ts';
import { LocalQueue, type LocalQueueOptions } from '../adapters/queue/local-queue.ts';
import { createGraderHandler } from '../grading/sqs-handler.ts';
import { createRegradeFanoutHandler } from '../grading/regrade-fanout.ts';
import type { RegradeTick } from '../../core/course/regrade-job.ts';
import type { GradingDeps } from '../grading/grade-submission.ts';
import { sweep } from '../grading/sweep.ts';
import { createApp } from '../http/app.ts';
import { configFromEnv } from '../config.ts';
import type { AppConfig } from '../config.ts';
import type { AppDeps } from '../http/deps.ts';
import { postDueScores, type OutboxRun } from '../lti/ags-outbox.ts';
import { ltiRuntime } from '../lti/runtime.ts';
import { loadToolKey, newPrivateJwk, parseToolKeySource } from '../lti/tool-key.ts';
import { DEMO_COURSE, seedDemo } from './seed.ts';
import { DataDirInUse, lockDataDir } from './data-lock.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TABLE_NAME = 'virtlab-local';

export interface LocalOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Where dynalite keeps its data (default `.data/dynamo`, or `DATA_DIR` for `npm start`); ignored with `inMemory`. */
  dataDir?: string;
  inMemory?: boolean;
  contentDir?: string;
  config?: Partial<AppConfig>;
  queue?: LocalQueueOptions;
  /** How often the sweeper runs and how old a queued submission must be before it is re-published. */
  sweep?: { everySeconds: number; queuedOlderThanSeconds: number };
  clock?: () => Date;
  /** Who may sign in (default the demo users). */
  users?: readonly User[];
  /** Submissions one regrade tick reads (default REGRADE_PAGE_SIZE). */
  regradePageSize?: number;
  /** Wraps the real grading deps (tests inject faults here). */
  grading?: (deps: GradingDeps) => GradingDeps;
  /** LTI: how often the AGS outbox is drained (default 15 s). The tool key: LTI_TOOL_KEY, in memory with `inMemory`. */
  lti?: { outboxEverySeconds?: number };
}

export interface LocalStack {
  url: string;
  port: number;
  deps: AppDeps;
  queue: LocalQueue;
  /** The regrade ticks' queue, consumed by the fan-out worker. */
  regradeQueue: LocalQueue<RegradeTick>;
  /** The DynamoDB client the store uses (benchmarks count its commands). */
  documentClient: DynamoDBDocumentClient;
  /** Run the sweeper once now; the number of submissions re-published. */
  sweepNow(): Promise<number>;
  /** Post the due AGS scores now (what the timer does). */
  drainLtiOutbox(): Promise<OutboxRun>;
  stop(): Promise<void>;
}

/**
 * The whole platform in one process: dynalite (on disk, so a restart keeps the data), the table, the in-process
 * queue feeding the real grader handler, the sweeper on a timer and the HTTP app on `port`.
 */
export async function startLocal(options: LocalOptions = {}): Promise<LocalStack> {
  const dataDir = options.inMemory ? undefined : resolve(options.dataDir ?? resolve(ROOT, '.data/dynamo'));
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  const dynamo = await startDynalite({ path: dataDir });
  const doc = createDocumentClient({ endpoint: dynamo.endpoint });
  await ensureTable(doc, TABLE_NAME);
  const store = createDynamoStore(doc, TABLE_NAME);
  const base = configFromEnv({ ...process.env, APP_MODE: 'local' });
  const config: AppConfig = {
    ...base,
    ...options.config,
    mode: 'local',
    rateLimits: { ...base.rateLimits, ...options.config?.rateLimits },
  };
  const queue = new LocalQueue({
    visibilityTimeoutMs: 10_000,
    maxReceives: 5,
    batchSize: 10,
    concurrency: 4,
    ...options.queue,
  });
  const regradeQueue = new LocalQueue<RegradeTick>({ visibilityTimeoutMs: 10_000, maxReceives: 5, batchSize: 1 });
  const clock = options.clock ?? (() => new Date());
  // Ids carry the app's clock (a test's clock too): a submission's time is its id's, which the rate limit reads.
  const nextId = monotonicFactory();
  const issuer = await createLocalIssuer({ users: options.users });
  const course = await loadCourse(options.contentDir ?? resolve(ROOT, 'content'));
  const ids = () => nextId(clock().getTime());
  const lti = ltiRuntime({
    doc,
    tableName: TABLE_NAME,
    store,
    course,
    clock,
    ids,
    // A test stack keeps nothing on disk; `npm start` keeps the key beside its data (.data/lti, mode 0600).
    toolKey: await loadToolKey(
      options.inMemory
        ? { kind: 'jwk', json: JSON.stringify(await newPrivateJwk()) }
        : parseToolKeySource(process.env.LTI_TOOL_KEY, process.env),
    ),
    // A launched LMS user signs in like a demo user: the local issuer learns them and signs their session.
    startSession: (user) => {
      issuer.register(user);
      return issuer.issueLocalToken(user.id);
    },
  });
  const deps: AppDeps = {
    store,
    queue,
    regrades: { sendTick: (tick) => regradeQueue.publish(tick) },
    course,
    auth: issuer,
    directory: createLocalDirectory((u) => issuer.register(u), options.users),
    clock,
    ids,
    config,
    lti: lti.routes,
    onGraded: lti.onGraded,
  };
  await seedDemo(store);

  const grading: GradingDeps = {
    store,
    labs: deps.course.labs,
    clock: deps.clock,
    ids: deps.ids,
    leaseSeconds: config.gradingLeaseSeconds,
    grade: gradeSubmission,
    onGraded: lti.onGraded,
  };
  queue.consume(createGraderHandler(options.grading ? options.grading(grading) : grading));
  regradeQueue.consume(
    createRegradeFanoutHandler({ store, queue, regrades: deps.regrades, clock, pageSize: options.regradePageSize }),
  );
  const sweepOptions = options.sweep ?? { everySeconds: 10, queuedOlderThanSeconds: 30 };
  const sweepNow = () => sweep(deps, { queuedOlderThanSeconds: sweepOptions.queuedOlderThanSeconds });
  const sweeper = setInterval(() => void sweepNow().catch(() => undefined), sweepOptions.everySeconds * 1000);
  sweeper.unref();
  const drainLtiOutbox = () => postDueScores(lti.outbox);
  const outboxEvery = (options.lti?.outboxEverySeconds ?? 15) * 1000;
  const outboxTimer = setInterval(() => void drainLtiOutbox().catch(() => undefined), outboxEvery);
  outboxTimer.unref();

  const app = createApp(deps);
  const server = await new Promise<ServerType>((done) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname: '127.0.0.1' }, () => done(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 3000);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    deps,
    queue,
    regradeQueue,
    documentClient: doc,
    sweepNow,
    drainLtiOutbox,
    async stop() {
      clearInterval(sweeper);
      clearInterval(outboxTimer);
      queue.stop();
      regradeQueue.stop();
      await new Promise<void>((done) => server.close(() => done()));
      doc.destroy();
      await dynamo.close();
      unlock();
    },
  };
}

/** What `npm start` prints: every command line can be pasted as it is (no placeholders), in a POSIX shell. */
export function banner(url: string): string {
  const field = (name: string) => `node -pe 'JSON.parse(require("fs").readFileSync(0)).${name}'`;
  return `
virtlab is running at ${url}   (API docs: ${url}/api/docs)

Demo users: learner1, learner2 (learners), teacher1 (teacher). Demo course join code: ${DEMO_COURSE.joinCode}

  TOKEN=$(curl -s -X POST ${url}/api/dev/token -H 'content-type: application/json' -d '{"username":"learner1"}' | ${field('token')})
  curl -s ${url}/api/labs -H "authorization: Bearer $TOKEN"
  SUB=$(curl -s -X POST ${url}/api/labs/hvm-boot-vtx/submissions -H "authorization: Bearer $TOKEN" -H 'content-type: text/yaml' --data-binary @content/examples/server-hvm.yaml | ${field('submissionId')})
  curl -s ${url}/api/submissions/$SUB -H "authorization: Bearer $TOKEN"
`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const stack = await startLocal({ port: Number(process.env.PORT) || 3000, dataDir: process.env.DATA_DIR }).catch(
    (err) => {
      if (!(err instanceof DataDirInUse)) throw err;
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    },
  );
  process.stdout.write(banner(stack.url));
  const shutdown = () => void stack.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
