import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { User } from '../auth/user.ts';
import { createDynamoLtiStore } from '../adapters/dynamo/lti-store.ts';
import type { OnGraded } from '../ports/grade-events.ts';
import type { Store } from '../ports/store.ts';
import type { CourseContent } from '../service/deps.ts';
import type { OutboxDeps } from './ags-outbox.ts';
import { enqueueScore } from './enqueue-score.ts';
import { createPlatformKeys, type FetchLike } from './platform-keys.ts';
import type { LtiRouteDeps } from './routes.tsx';
import type { ToolKey } from './tool-key.ts';

/** Outbound calls to an LMS (keys, tokens, scores, rosters) give up after 10 s: a hung LMS holds nothing up. */
export const boundedFetch: FetchLike = (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });

export interface LtiRuntimeOptions {
  doc: DynamoDBDocumentClient;
  tableName: string;
  store: Store;
  course: CourseContent;
  clock: () => Date;
  ids: () => string;
  toolKey: ToolKey;
  fetch?: FetchLike;
  /** The public origin (SITE_HOST behind CloudFront); absent, each request's. */
  baseUrl?: string;
  startSession?: (user: User) => Promise<string | undefined>;
  secureCookies?: boolean;
}

/**
 * The LTI tool as one process runs it (the local server, the API Lambda, the outbox worker): its routes' deps, the
 * outbox worker's, and the grade listener that feeds the outbox. One LTI store on the app's table.
 */
export function ltiRuntime(o: LtiRuntimeOptions): { routes: LtiRouteDeps; outbox: OutboxDeps; onGraded: OnGraded } {
  const lti = createDynamoLtiStore(o.doc, o.tableName);
  const fetch = o.fetch ?? boundedFetch;
  const routes: LtiRouteDeps = {
    lti,
    store: o.store,
    clock: o.clock,
    ids: o.ids,
    randomToken: () => randomBytes(18).toString('base64url'),
    toolKey: o.toolKey,
    platformKeys: createPlatformKeys({ fetch, clock: o.clock }),
    fetch,
    ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}),
    labIds: o.course.labs.map((l) => l.id),
    labs: o.course.labs.map((l) => ({ id: l.id, title: `${l.title.ko} (${l.title.en})` })),
    ...(o.startSession ? { startSession: o.startSession } : {}),
    ...(o.secureCookies ? { secureCookies: true } : {}),
  };
  const outbox: OutboxDeps = { lti, clock: o.clock, ids: o.ids, toolKey: o.toolKey, fetch };
  const onGraded: OnGraded = (e) => enqueueScore({ lti, store: o.store, clock: o.clock, ids: o.ids }, e);
  return { routes, outbox, onGraded };
}
