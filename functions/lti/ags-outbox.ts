import { SignJWT } from 'jose';
import { AGS, CLIENT_ASSERTION_TYPE } from '../../core/lti/claims.ts';
import { nextAttempt, scoreFor, DEFAULT_RETRY, type RetryPolicy } from '../../core/lti/ags.ts';
import { countingGrade } from '../../core/course/best-grade.ts';
import type { GradeRecorded } from '../ports/grade-events.ts';
import type { LtiOutboxRecord, LtiPlatform, LtiStore } from '../ports/lti-store.ts';
import type { Store } from '../ports/store.ts';
import type { FetchLike } from './platform-keys.ts';
import { TOOL_ALG, type ToolKey } from './tool-key.ts';

export interface OutboxDeps {
  lti: LtiStore;
  clock: () => Date;
  ids: () => string;
  toolKey: ToolKey;
  fetch: FetchLike;
  /** In [0, 1]; Math.random in production, fixed in tests. */
  jitter?: () => number;
  retry?: RetryPolicy;
}

/** virtlab's scores are out of 100 (core/course/submission.ts: after the late policy, 0–100). */
const MAX_SCORE = 100;

/**
 * Grade recorded → one outbox record, when the learner launched this lab from an LMS that granted the score
 * scope. The score posted is the one that counts now (core/course/best-grade.ts: an override, else the best
 * attempt in this course), so a lower later attempt never lowers the LMS's grade and an override replaces it.
 * Nothing is posted here: the worker does that, so a slow or failing LMS never holds up grading.
 */
export async function enqueueScore(
  deps: Pick<OutboxDeps, 'lti' | 'clock' | 'ids'> & { store: Pick<Store, 'listLearnerSubmissions'> },
  e: GradeRecorded,
) {
  if (!e.courseId) return undefined;
  const link = await deps.lti.getGradeLink(e.courseId, e.labId, e.learnerId);
  if (!link) return undefined;
  const attempts = await deps.store.listLearnerSubmissions(e.learnerId, e.labId);
  const counting = countingGrade(attempts.filter((s) => s.courseId === e.courseId));
  if (!counting) return undefined;
  const record: LtiOutboxRecord = {
    id: deps.ids(),
    courseId: e.courseId,
    labId: e.labId,
    learnerId: e.learnerId,
    issuer: link.issuer,
    clientId: link.clientId,
    lineItemUrl: link.lineItemUrl,
    score: scoreFor({ ltiUserId: link.ltiSub, score: counting.score, maxScore: MAX_SCORE, at: e.at }),
    attempts: 0,
    dueAt: deps.clock().toISOString(),
    state: 'pending',
    createdAt: deps.clock().toISOString(),
  };
  await deps.lti.putOutbox(record);
  return record;
}

/** AGS §3.4: the scores endpoint is the line item URL with `/scores` appended to its path (query kept). */
export function scoresUrl(lineItemUrl: string): string {
  const u = new URL(lineItemUrl);
  u.pathname = `${u.pathname.replace(/\/$/, '')}/scores`;
  return u.toString();
}

/**
 * SF §4.1 (and RFC 7523 §2.2): an access token by the client-credentials grant, authenticated by a JWT client
 * assertion signed with the tool key (iss = sub = client_id, aud = the token endpoint, a unique jti).
 */
export async function accessToken(
  deps: Pick<OutboxDeps, 'clock' | 'ids' | 'toolKey' | 'fetch'>,
  platform: LtiPlatform,
  scopes: string[],
): Promise<string> {
  const now = Math.floor(deps.clock().getTime() / 1000);
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: TOOL_ALG, kid: deps.toolKey.kid, typ: 'JWT' })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.tokenUrl)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .setJti(deps.ids())
    .sign(deps.toolKey.privateKey);
  const res = await deps.fetch(platform.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: assertion,
      scope: scopes.join(' '),
    }).toString(),
  });
  if (!res.ok) throw new Error(`token endpoint: HTTP ${res.status}`);
  const body = (await res.json()) as { access_token?: unknown };
  if (typeof body.access_token !== 'string') throw new Error('token endpoint: no access_token');
  return body.access_token;
}

export interface OutboxRun {
  sent: number;
  retried: number;
  dead: number;
}

/**
 * The worker: posts every due score. A failure reschedules with exponential backoff (core/lti/ags.ts); after
 * `retry.maxAttempts` attempts the record is dead-lettered (state `dead`, kept with its last error for a teacher
 * or operator). Each outcome is one conditional write on the attempt count, so two workers never double-count.
 */
export async function postDueScores(deps: OutboxDeps, limit = 25): Promise<OutboxRun> {
  const run: OutboxRun = { sent: 0, retried: 0, dead: 0 };
  const now = deps.clock();
  const due = await deps.lti.listDueOutbox(now.toISOString(), limit);
  const tokens = new Map<string, Promise<string>>();
  for (const r of due) {
    const attempts = r.attempts + 1;
    try {
      const platform = await deps.lti.getPlatform(r.issuer, r.clientId);
      if (!platform) throw new Error('platform no longer registered');
      const key = `${r.issuer}\n${r.clientId}`;
      if (!tokens.has(key)) tokens.set(key, accessToken(deps, platform, [AGS.scopeScore]));
      const token = await tokens.get(key)!;
      const res = await deps.fetch(scoresUrl(r.lineItemUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': AGS.scoreMediaType },
        body: JSON.stringify(r.score),
      });
      if (!res.ok) throw new Error(`score post: HTTP ${res.status}`);
      await deps.lti.recordAttempt(r.id, { state: 'sent', attempts });
      run.sent++;
    } catch (err) {
      tokens.delete(`${r.issuer}\n${r.clientId}`);
      const next = nextAttempt(attempts, deps.clock(), (deps.jitter ?? Math.random)(), deps.retry ?? DEFAULT_RETRY);
      const error = (err as Error).message.slice(0, 500);
      if (next.dead) {
        await deps.lti.recordAttempt(r.id, { state: 'dead', attempts, error });
        run.dead++;
      } else {
        await deps.lti.recordAttempt(r.id, { state: 'pending', attempts, dueAt: next.at.toISOString(), error });
        run.retried++;
      }
    }
  }
  return run;
}
