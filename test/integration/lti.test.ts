import { Hono } from 'hono';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify, createLocalJWKSet, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM, MESSAGE_TYPE, AGS, CLIENT_ASSERTION_TYPE } from '../../core/lti/claims.ts';
import type { User } from '../../functions/auth/user.ts';
import { createDynamoLtiStore } from '../../functions/adapters/dynamo/lti-store.ts';
import { ensureTable, startDynalite, type LocalDynamo } from '../../functions/adapters/dynamo/local.ts';
import { createDocumentClient, createDynamoStore } from '../../functions/adapters/dynamo/store.ts';
import type { AppEnv } from '../../functions/http/deps.ts';
import { enqueueScore, postDueScores, type OutboxDeps } from '../../functions/lti/ags-outbox.ts';
import { fetchContextMembers } from '../../functions/lti/nrps.ts';
import { createPlatformKeys } from '../../functions/lti/platform-keys.ts';
import { ltiRoutes, type LtiRouteDeps } from '../../functions/lti/routes.tsx';
import { loadToolKey, newPrivateJwk, type ToolKey } from '../../functions/lti/tool-key.ts';
import type { LtiStore } from '../../functions/ports/lti-store.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const LMS = 'https://lms.test';
const TOOL = 'https://tool.test';
const CLIENT = 'virtlab-client';
const DEPLOYMENT = 'dep-1';
const teacher: User = { id: 'teacher1', name: 'T', roles: ['teacher'] };
const learner: User = { id: 'learner1', name: 'L', roles: ['learner'] };

let now = new Date('2026-03-02T10:00:00Z');
const clock = () => now;
let seq = 0;
const ids = () => `ID${String(++seq).padStart(8, '0')}`;

/** The LMS emulator: its own keys, JWKS, token endpoint (checks the RFC 7523 assertion) and score service. */
interface Emulator {
  app: Hono;
  key: CryptoKey;
  scores: { auth: string | undefined; type: string | undefined; body: Record<string, unknown> }[];
  failScores: number;
}
let lms: Emulator;
let toolApp: Hono<AppEnv>;
let toolKey: ToolKey;
let lti: LtiStore;
let dynamo: LocalDynamo;
const sessions: User[] = [];

/** All outbound HTTP goes to the in-test apps: no network. */
const fetchLike = (url: string, init?: RequestInit): Promise<Response> => {
  const u = new URL(url);
  const app = u.origin === LMS ? lms.app : u.origin === TOOL ? toolApp : undefined;
  if (!app) throw new Error(`unexpected fetch ${url}`);
  return Promise.resolve(app.request(u.pathname + u.search, init));
};

async function makeEmulator(): Promise<Emulator> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'lms-1', alg: 'RS256', use: 'sig' };
  const emu: Emulator = { app: new Hono(), key: privateKey, scores: [], failScores: 0 };
  emu.app.get('/jwks', (c) => c.json({ keys: [jwk] }));
  emu.app.post('/token', async (c) => {
    const form = await c.req.parseBody();
    if (form.grant_type !== 'client_credentials' || form.client_assertion_type !== CLIENT_ASSERTION_TYPE)
      return c.json({ error: 'invalid_request' }, 400);
    const jwks = (await (await fetchLike(`${TOOL}/.well-known/jwks.json`)).json()) as { keys: JWK[] };
    try {
      await jwtVerify(String(form.client_assertion), createLocalJWKSet(jwks), {
        issuer: CLIENT,
        subject: CLIENT,
        audience: `${LMS}/token`,
        currentDate: clock(),
      });
    } catch {
      return c.json({ error: 'invalid_client' }, 401);
    }
    return c.json({ access_token: `at-${String(form.scope)}`, token_type: 'Bearer', expires_in: 3600 });
  });
  emu.app.post('/lineitems/1/lineitem/scores', async (c) => {
    if (emu.failScores > 0) {
      emu.failScores--;
      return c.text('busy', 503);
    }
    emu.scores.push({
      auth: c.req.header('authorization'),
      type: c.req.header('content-type'),
      body: await c.req.json(),
    });
    return c.body(null, 204);
  });
  emu.app.get('/memberships', (c) => {
    const page2 = c.req.query('page') === '2';
    if (c.req.header('accept') !== 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json') return c.text('', 406);
    if (!page2) c.header('link', `<${LMS}/memberships?page=2>; rel="next"`);
    return c.json({
      id: `${LMS}/memberships`,
      context: { id: 'ctx-1' },
      members: page2
        ? [{ user_id: 'u3', status: 'Inactive', roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'] }]
        : [
            { user_id: 'u1', name: 'One', roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'] },
            { user_id: 'u2', roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'] },
          ],
    });
  });
  return emu;
}

beforeAll(async () => {
  dynamo = await startDynalite();
  const doc = createDocumentClient({ endpoint: dynamo.endpoint });
  await ensureTable(doc, 'lti-test');
  lti = createDynamoLtiStore(doc, 'lti-test');
  toolKey = await loadToolKey({ kind: 'jwk', json: JSON.stringify(await newPrivateJwk()) });
  lms = await makeEmulator();
  const deps: LtiRouteDeps = {
    lti,
    store: createDynamoStore(doc, 'lti-test'),
    clock,
    ids,
    randomToken: () => `tok${ids()}`,
    toolKey,
    platformKeys: createPlatformKeys({ fetch: fetchLike, clock, maxEntries: 4 }),
    baseUrl: TOOL,
    labIds: ['lab-a', 'lab-b'],
    labs: [
      { id: 'lab-a', title: 'Lab A' },
      { id: 'lab-b', title: 'Lab B' },
    ],
    startSession: (u) => {
      sessions.push(u);
      return Promise.resolve(`session-${u.id}`);
    },
  };
  toolApp = new Hono<AppEnv>();
  toolApp.use('*', async (c, next) => {
    const who = c.req.header('x-test-user');
    c.set('user', who === 'teacher1' ? teacher : who === 'learner1' ? learner : undefined);
    c.set('lang', 'en');
    await next();
  });
  toolApp.route('/', ltiRoutes(deps));
}, 30_000);

afterAll(async () => {
  await dynamo?.close();
});

const registration = {
  issuer: LMS,
  clientId: CLIENT,
  deploymentIds: [DEPLOYMENT],
  jwksUrl: `${LMS}/jwks`,
  authUrl: `${LMS}/auth`,
  tokenUrl: `${LMS}/token`,
};

const register = (user: string, body: unknown = registration) =>
  toolApp.request('/lti/platforms', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test-user': user },
    body: JSON.stringify(body),
  });

/** login → the state and nonce the tool sent to the LMS's auth endpoint. */
async function login(lab = 'lab-a') {
  const q = new URLSearchParams({
    iss: LMS,
    login_hint: 'hint-7',
    target_link_uri: `${TOOL}/lti/launch?lab=${lab}`,
    client_id: CLIENT,
    lti_deployment_id: DEPLOYMENT,
  });
  const res = await toolApp.request(`/lti/login?${q}`);
  expect(res.status).toBe(302);
  const to = new URL(res.headers.get('location')!);
  expect(to.origin + to.pathname).toBe(`${LMS}/auth`);
  const p = to.searchParams;
  expect(
    Object.fromEntries(
      ['scope', 'response_type', 'response_mode', 'prompt', 'client_id', 'redirect_uri', 'login_hint'].map((k) => [
        k,
        p.get(k),
      ]),
    ),
  ).toEqual({
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: CLIENT,
    redirect_uri: `${TOOL}/lti/launch`,
    login_hint: 'hint-7',
  });
  return { state: p.get('state')!, nonce: p.get('nonce')! };
}

function idToken(nonce: string, over: Record<string, unknown> = {}, key: CryptoKey = lms.key) {
  const t = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    iss: LMS,
    aud: CLIENT,
    sub: 'lms-user-7',
    iat: t,
    exp: t + 300,
    nonce,
    name: 'Kim Learner',
    [CLAIM.messageType]: MESSAGE_TYPE.resourceLink,
    [CLAIM.version]: '1.3.0',
    [CLAIM.deploymentId]: DEPLOYMENT,
    [CLAIM.roles]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
    [CLAIM.resourceLink]: { id: 'rl-1' },
    [CLAIM.context]: { id: 'ctx-1', title: 'Virtualization 101' },
    [CLAIM.agsEndpoint]: {
      scope: [AGS.scopeScore, AGS.scopeLineItem],
      lineitems: `${LMS}/lineitems`,
      lineitem: `${LMS}/lineitems/1/lineitem`,
    },
    ...over,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'lms-1' })
    .sign(key);
}

const postLaunch = (form: Record<string, string>) =>
  toolApp.request('/lti/launch', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });

const outboxDeps = (): OutboxDeps => ({
  lti,
  clock,
  ids,
  toolKey,
  fetch: fetchLike,
  jitter: () => 1,
  retry: { maxAttempts: 3, baseSeconds: 10, capSeconds: 60 },
});

describe('LTI 1.3 against an LMS emulator', () => {
  it('registers a platform: teachers only, once per issuer and client id', async () => {
    expect((await register('learner1')).status).toBe(403);
    expect((await register('nobody')).status).toBe(401);
    expect((await register('teacher1', { ...registration, jwksUrl: 'not a url' })).status).toBe(400);
    expect((await register('teacher1')).status).toBe(201);
    expect((await register('teacher1')).status).toBe(409);
  });

  it('serves the tool public key and never the private half', async () => {
    const res = await toolApp.request('/.well-known/jwks.json');
    const body = (await res.json()) as { keys: JWK[] };
    expect(body.keys).toHaveLength(1);
    expect(body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: toolKey.kid });
    expect(body.keys[0].d).toBeUndefined();
  });

  it('login → launch → grade → AGS score post', async () => {
    const { state, nonce } = await login();
    const res = await postLaunch({ id_token: await idToken(nonce), state });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/labs\/lab-a\?courseId=/);
    expect(res.headers.get('set-cookie')).toContain('virtlab_session=session-');
    const user = sessions.at(-1)!;
    expect(user.roles).toEqual(['learner']);
    const courseId = new URL(res.headers.get('location')!, TOOL).searchParams.get('courseId')!;

    // The grade hook: a recorded grade becomes an outbox record, and the worker posts it.
    const rec = await enqueueScore(outboxDeps(), {
      submissionId: 's1',
      learnerId: user.id,
      labId: 'lab-a',
      courseId,
      score: 85,
      at: now,
    });
    expect(rec).toBeDefined();
    expect(await postDueScores(outboxDeps())).toEqual({ sent: 1, retried: 0, dead: 0 });
    const posted = lms.scores.at(-1)!;
    expect(posted.type).toBe('application/vnd.ims.lis.v1.score+json');
    expect(posted.auth).toBe(`Bearer at-${AGS.scopeScore}`);
    expect(posted.body).toEqual({
      userId: 'lms-user-7',
      scoreGiven: 85,
      scoreMaximum: 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      timestamp: now.toISOString(),
    });
    expect((await lti.getOutbox(rec!.id))?.state).toBe('sent');
    // An override re-posts: another grade event, another record.
    await enqueueScore(outboxDeps(), {
      submissionId: 's1',
      learnerId: user.id,
      labId: 'lab-a',
      courseId,
      score: 95,
      at: now,
    });
    expect((await postDueScores(outboxDeps())).sent).toBe(1);
    expect(lms.scores.at(-1)!.body.scoreGiven).toBe(95);

    // The same learner launching again is the same virtlab user.
    const again = await login();
    expect((await postLaunch({ id_token: await idToken(again.nonce), state: again.state })).status).toBe(303);
    expect(sessions.at(-1)!.id).toBe(user.id);
  });

  it('an instructor launch maps to teacher', async () => {
    const { state, nonce } = await login();
    const token = await idToken(nonce, {
      sub: 'lms-teacher-1',
      [CLAIM.roles]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'],
    });
    expect((await postLaunch({ id_token: token, state })).status).toBe(303);
    expect(sessions.at(-1)!.roles).toEqual(['teacher']);
  });

  const otherKey = async () => (await generateKeyPair('RS256')).privateKey;
  it.each([
    ['bad signature', 'bad_signature', 401, async (n: string) => idToken(n, {}, await otherKey())],
    ['wrong aud', 'wrong_audience', 400, (n: string) => idToken(n, { aud: 'someone-else' })],
    ['expired', 'expired', 400, (n: string) => idToken(n, { exp: Math.floor(now.getTime() / 1000) - 3600 })],
    ['unknown deployment', 'unknown_deployment', 400, (n: string) => idToken(n, { [CLAIM.deploymentId]: 'dep-x' })],
    [
      'wrong message type',
      'wrong_message_type',
      400,
      (n: string) => idToken(n, { [CLAIM.messageType]: 'LtiStartProctoring' }),
    ],
    ['nonce of another login', 'nonce_mismatch', 400, (_n: string) => idToken('not-my-nonce')],
  ])('refuses %s with a bilingual page and stores nothing', async (_name, code, status, make) => {
    const { state, nonce } = await login();
    const res = await postLaunch({ id_token: await make(nonce), state });
    expect(res.status).toBe(status);
    const html = await res.text();
    expect(html).toContain(code);
    expect(html).toContain('LMS에서 실행할 수 없습니다');
    expect(html).toContain('was refused');
    expect(res.headers.get('set-cookie')).toBeNull();
    // The nonce was not spent: nothing was written for the refused launch.
    expect(await lti.useNonce(LMS, nonce, new Date(now.getTime() + 1000))).toBe(true);
  });

  it('refuses a reused nonce (a replayed launch) and an unknown state', async () => {
    const { state, nonce } = await login();
    const form = { id_token: await idToken(nonce), state };
    expect((await postLaunch(form)).status).toBe(303);
    const replay = await postLaunch(form);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('nonce_reused');
    const unknown = await postLaunch({ id_token: form.id_token, state: 'made-up' });
    expect(await unknown.text()).toContain('unknown_state');
  });

  it('refuses a login from an unregistered platform', async () => {
    const res = await toolApp.request(
      `/lti/login?${new URLSearchParams({ iss: 'https://other.test', login_hint: 'x', target_link_uri: `${TOOL}/lti/launch` })}`,
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('unknown_platform');
  });

  it('retries a failing score post with backoff, then dead-letters it', async () => {
    const user = sessions.find((u) => u.roles[0] === 'learner')!;
    const { state, nonce } = await login('lab-b');
    const launched = await postLaunch({ id_token: await idToken(nonce), state });
    const courseId = new URL(launched.headers.get('location')!, TOOL).searchParams.get('courseId')!;
    const rec = (await enqueueScore(outboxDeps(), {
      submissionId: 's2',
      learnerId: user.id,
      labId: 'lab-b',
      courseId,
      score: 40,
      at: now,
    }))!;
    lms.failScores = 10;
    expect(await postDueScores(outboxDeps())).toEqual({ sent: 0, retried: 1, dead: 0 });
    let r = (await lti.getOutbox(rec.id))!;
    expect(r.attempts).toBe(1);
    expect(Date.parse(r.dueAt) - now.getTime()).toBe(10_000);
    expect(r.lastError).toContain('503');
    // Not due yet: nothing happens.
    expect(await postDueScores(outboxDeps())).toEqual({ sent: 0, retried: 0, dead: 0 });
    now = new Date(now.getTime() + 10_000);
    expect(await postDueScores(outboxDeps())).toEqual({ sent: 0, retried: 1, dead: 0 });
    r = (await lti.getOutbox(rec.id))!;
    expect(Date.parse(r.dueAt) - now.getTime()).toBe(20_000);
    now = new Date(now.getTime() + 20_000);
    expect(await postDueScores(outboxDeps())).toEqual({ sent: 0, retried: 0, dead: 1 });
    expect((await lti.getOutbox(rec.id))?.state).toBe('dead');
    now = new Date(now.getTime() + 3_600_000);
    expect(await postDueScores(outboxDeps())).toEqual({ sent: 0, retried: 0, dead: 0 });
    lms.failScores = 0;
  });

  it('deep linking: request → lab picker → signed LtiDeepLinkingResponse posted back', async () => {
    const { state, nonce } = await login();
    const token = await idToken(nonce, {
      [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingRequest,
      [CLAIM.roles]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'],
      [CLAIM.resourceLink]: undefined,
      [CLAIM.deepLinkingSettings]: {
        deep_link_return_url: `${LMS}/dl-return`,
        accept_types: ['ltiResourceLink'],
        accept_multiple: true,
        data: 'opaque-123',
      },
    });
    const picker = await postLaunch({ id_token: token, state });
    expect(picker.status).toBe(200);
    const html = await picker.text();
    const ticket = /name="ticket" value="([^"]+)"/.exec(html)![1];
    const res = await toolApp.request('/lti/deep-link', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `ticket=${ticket}&lab=lab-b&lab=nope`,
    });
    const page = await res.text();
    expect(page).toContain(`action="${LMS}/dl-return"`);
    const jwt = /name="JWT" value="([^"]+)"/.exec(page)![1];
    const jwks = (await (await toolApp.request('/.well-known/jwks.json')).json()) as { keys: JWK[] };
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
      issuer: CLIENT,
      audience: LMS,
      currentDate: now,
    });
    expect(payload[CLAIM.messageType]).toBe('LtiDeepLinkingResponse');
    expect(payload[CLAIM.deploymentId]).toBe(DEPLOYMENT);
    expect(payload[CLAIM.dlData]).toBe('opaque-123');
    expect(payload[CLAIM.contentItems]).toEqual([
      { type: 'ltiResourceLink', title: 'Lab B', url: `${TOOL}/lti/launch`, custom: { lab_id: 'lab-b' } },
    ]);
    const forged = await toolApp.request('/lti/deep-link', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `ticket=${ticket.slice(0, -4)}AAAA&lab=lab-b`,
    });
    expect(await forged.text()).toContain('bad_ticket');
  });

  it('NRPS: reads the context members over pages, active only, with their roles', async () => {
    const platform = (await lti.getPlatform(LMS, CLIENT))!;
    const members = await fetchContextMembers(outboxDeps(), platform, `${LMS}/memberships`);
    expect(members).toEqual([
      { sub: 'u1', name: 'One', role: 'learner' },
      { sub: 'u2', role: 'teacher' },
    ]);
  });
});
