import { SignJWT } from 'jose';
import { AGS, CLIENT_ASSERTION_TYPE } from '../../core/lti/claims.ts';
import { nextAttempt, DEFAULT_RETRY, type RetryPolicy } from '../../core/lti/ags.ts';
import type { LtiPlatform, LtiStore } from '../ports/lti-store.ts';
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
