import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import {
  SignJWT,
  createLocalJWKSet,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type CryptoKey,
  type JWK,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGS, CLAIM, CLIENT_ASSERTION_TYPE, MESSAGE_TYPE, NRPS } from '../../core/lti/claims.ts';
import type { LocalStack } from '../../functions/local/server.ts';
import { postDueScores, type OutboxDeps } from '../../functions/lti/ags-outbox.ts';
import { call, referenceAnswer, startStack, tokenFor, waitFor, waitGraded } from './helpers/stack.ts';

/**
 * LTI 1.3 end to end, through the app as `npm start` and the API Lambda mount it, against an LMS emulator on
 * 127.0.0.1 with its own keys: registration → login → launch → submit → grading → AGS score received; overrides
 * post again; dead letters listed and retried; deep linking; NRPS roster sync; every refused launch.
 */
const CLIENT = 'virtlab-client';
const DEPLOYMENT = 'dep-1';
const LAB = 'sensitive-instructions';
const LEARNER_ROLE = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner';
const INSTRUCTOR_ROLE = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor';

/** The LMS course's members as the emulator first lists them (two pages). */
const MEMBER_PAGES = [
  [
    { user_id: 'u1', name: 'One', roles: [LEARNER_ROLE] },
    { user_id: 'u2', name: 'Two', roles: [INSTRUCTOR_ROLE] },
  ],
  [
    { user_id: 'u3', status: 'Inactive', roles: [LEARNER_ROLE] },
    { user_id: 'lms-user-7', name: 'Kim Learner', roles: [LEARNER_ROLE] },
  ],
];

let now = new Date();
const clock = () => now;

/** The LMS emulator: JWKS, a token endpoint checking the RFC 7523 assertion, scores, memberships. */
interface Emulator {
  key: CryptoKey;
  scores: { auth: string | undefined; type: string | undefined; body: Record<string, unknown> }[];
  failScores: number;
  /** The membership list, one array per page; `endless` links every page to a next one (a list never finished). */
  memberPages: Record<string, unknown>[][];
  endless: boolean;
  server: ServerType;
  origin: string;
}
let lms: Emulator;
let stack: LocalStack;
let TOOL: string;
let LMS: string;
let teacher: string;

async function startEmulator(): Promise<Emulator> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'lms-1', alg: 'RS256', use: 'sig' };
  const app = new Hono();
  const emu = {
    key: privateKey,
    scores: [],
    failScores: 0,
    memberPages: MEMBER_PAGES,
    endless: false,
  } as unknown as Emulator;
  app.get('/jwks', (c) => c.json({ keys: [jwk] }));
  app.post('/token', async (c) => {
    const form = await c.req.parseBody();
    if (form.grant_type !== 'client_credentials' || form.client_assertion_type !== CLIENT_ASSERTION_TYPE)
      return c.json({ error: 'invalid_request' }, 400);
    const jwks = (await (await fetch(`${TOOL}/.well-known/jwks.json`)).json()) as { keys: JWK[] };
    try {
      await jwtVerify(String(form.client_assertion), createLocalJWKSet(jwks), {
        issuer: CLIENT,
        subject: CLIENT,
        audience: `${emu.origin}/token`,
        currentDate: clock(),
      });
    } catch {
      return c.json({ error: 'invalid_client' }, 401);
    }
    return c.json({ access_token: `at-${String(form.scope)}`, token_type: 'Bearer', expires_in: 3600 });
  });
  app.post('/lineitems/1/lineitem/scores', async (c) => {
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
  app.get('/memberships', (c) => {
    if (c.req.header('authorization') !== `Bearer at-${NRPS.scope}`) return c.text('', 401);
    if (c.req.header('accept') !== NRPS.mediaType) return c.text('', 406);
    const page = Number(c.req.query('page') ?? '1');
    if (emu.endless || page < emu.memberPages.length)
      c.header('link', `<${emu.origin}/memberships?page=${page + 1}>; rel="next"`);
    return c.json({
      id: `${emu.origin}/memberships`,
      context: { id: 'ctx-1' },
      members: emu.memberPages[page - 1] ?? emu.memberPages.at(-1),
    });
  });
  await new Promise<void>((done) => {
    emu.server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      emu.origin = `http://127.0.0.1:${info.port}`;
      done();
    });
  });
  return emu;
}

beforeAll(async () => {
  lms = await startEmulator();
  LMS = lms.origin;
  // The outbox timer stays out of the way: each test drains when it means to.
  stack = await startStack({ clock, lti: { outboxEverySeconds: 3600 } });
  TOOL = stack.url;
  teacher = await tokenFor(stack, 'teacher1');
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await new Promise((done) => lms?.server.close(done));
});

const registration = () => ({
  issuer: LMS,
  clientId: CLIENT,
  deploymentIds: [DEPLOYMENT],
  jwksUrl: `${LMS}/jwks`,
  authUrl: `${LMS}/auth`,
  tokenUrl: `${LMS}/token`,
});

/** login → the state and nonce the tool sent to the LMS's auth endpoint. */
async function login(lab = LAB) {
  const q = new URLSearchParams({
    iss: LMS,
    login_hint: 'hint-7',
    target_link_uri: `${TOOL}/lti/launch?lab=${lab}`,
    client_id: CLIENT,
    lti_deployment_id: DEPLOYMENT,
  });
  const res = await fetch(`${TOOL}/lti/login?${q}`, { redirect: 'manual' });
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
    [CLAIM.roles]: [LEARNER_ROLE],
    [CLAIM.resourceLink]: { id: 'rl-1' },
    [CLAIM.context]: { id: 'ctx-1', title: 'Virtualization 101' },
    [CLAIM.agsEndpoint]: {
      scope: [AGS.scopeScore, AGS.scopeLineItem],
      lineitems: `${LMS}/lineitems`,
      lineitem: `${LMS}/lineitems/1/lineitem`,
    },
    [CLAIM.nrps]: { context_memberships_url: `${LMS}/memberships`, service_versions: ['2.0'] },
    ...over,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'lms-1' })
    .sign(key);
}

/** The LMS's form post of the id_token to the tool (the browser's auto-submitted form). */
const postLaunch = (form: Record<string, string>) =>
  fetch(`${TOOL}/lti/launch`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: LMS },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });

/** Launch the learner into the lab: their session token and the course the context became. */
async function launchLearner(lab = LAB) {
  const { state, nonce } = await login(lab);
  const res = await postLaunch({ id_token: await idToken(nonce), state });
  expect(res.status).toBe(303);
  const location = res.headers.get('location')!;
  expect(location).toMatch(new RegExp(`^/labs/${lab}\\?courseId=`));
  const session = /virtlab_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1];
  return { session, courseId: new URL(location, TOOL).searchParams.get('courseId')! };
}

/** Worker deps with the backoff pinned (jitter 1, three attempts) for the retry test. */
const pinnedOutbox = (): OutboxDeps => {
  const d = stack.deps.lti!;
  return {
    lti: d.lti,
    clock,
    ids: stack.deps.ids,
    toolKey: d.toolKey,
    fetch: d.fetch,
    jitter: () => 1,
    retry: { maxAttempts: 3, baseSeconds: 10, capSeconds: 60 },
  };
};

describe('LTI 1.3 through the app, against an LMS emulator', () => {
  it('registers a platform: teachers only, once per issuer and client id, a JSON body only', async () => {
    const learner = await tokenFor(stack, 'learner1');
    expect((await call(stack, 'POST', '/lti/platforms', { token: learner, json: registration() })).status).toBe(403);
    expect((await call(stack, 'POST', '/lti/platforms', { json: registration() })).status).toBe(401);
    const bad = await call(stack, 'POST', '/lti/platforms', {
      token: teacher,
      json: { ...registration(), jwksUrl: 'not a url' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('jwksUrl');
    const form = await call(stack, 'POST', '/lti/platforms', {
      token: teacher,
      raw: new URLSearchParams({ issuer: LMS }).toString(),
      type: 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    // The page's form sends the deployment ids as one text.
    const ok = await call(stack, 'POST', '/lti/platforms', {
      token: teacher,
      json: { ...registration(), deploymentIds: `${DEPLOYMENT}, dep-2` },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ issuer: LMS, deploymentIds: [DEPLOYMENT, 'dep-2'], ownerId: 'teacher1' });
    const again = await call(stack, 'POST', '/lti/platforms', { token: teacher, json: registration() });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('platform_exists');
  });

  it("a teacher's LTI page shows the URLs to paste into the LMS and the registration form", async () => {
    const get = (token: string) =>
      call(stack, 'GET', '/teach/lti', { headers: { cookie: `virtlab_session=${token}`, accept: 'text/html' } });
    const page = await get(teacher);
    expect(page.status).toBe(200);
    for (const url of [`${TOOL}/lti/launch`, `${TOOL}/lti/login`, `${TOOL}/.well-known/jwks.json`])
      expect(page.text).toContain(`<code>${url}</code>`);
    expect(page.text).toContain('data-action-template="/lti/platforms"');
    for (const name of ['issuer', 'clientId', 'deploymentIds', 'jwksUrl', 'authUrl', 'tokenUrl'])
      expect(page.text).toContain(`name="${name}"`);
    expect(page.text).toContain('LMS 연동 (LTI 1.3)');
    expect((await get(await tokenFor(stack, 'learner1'))).status).toBe(403);
  });

  it('serves the tool public key and never the private half', async () => {
    const res = await call(stack, 'GET', '/.well-known/jwks.json');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.body.keys).toHaveLength(1);
    expect(res.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(res.body.keys[0].d).toBeUndefined();
  });

  it('launch → submit → grading → the LMS receives the score; an override and a regrade post again', async () => {
    const { session, courseId } = await launchLearner();
    const learnerId = decodeJwt(session).sub!;
    expect(learnerId).toMatch(/^lti-/);
    // The launch made the LMS context a course owned by the registering teacher, the learner enrolled in it.
    expect((await stack.deps.store.getCourse(courseId))?.teacherId).toBe('teacher1');
    expect((await stack.deps.store.getEnrollment(courseId, learnerId))?.role).toBe('learner');

    // The learner submits with the session the launch set, as the lab page's editor does.
    const submitted = await call(stack, 'POST', `/api/labs/${LAB}/submissions?courseId=${courseId}`, {
      headers: { cookie: `virtlab_session=${session}` },
      text: referenceAnswer(stack, LAB, learnerId),
    });
    expect(submitted.status).toBe(202);
    const graded = await waitGraded(stack, submitted.body.submissionId);
    expect(graded.result?.gradable).toBe(true);

    const before = lms.scores.length;
    await waitFor(async () =>
      (await stack.drainLtiOutbox()).sent > 0 || lms.scores.length > before ? true : undefined,
    );
    const posted = lms.scores.at(-1)!;
    expect(posted.type).toBe(AGS.scoreMediaType);
    expect(posted.auth).toBe(`Bearer at-${AGS.scopeScore}`);
    expect(posted.body).toEqual({
      userId: 'lms-user-7',
      scoreGiven: graded.result!.score,
      scoreMaximum: 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      timestamp: graded.gradedAt,
    });

    // The owner overrides: the score that counts now goes to the LMS.
    const override = await call(stack, 'PUT', `/api/submissions/${graded.id}/override`, {
      token: teacher,
      json: { score: 42, comment: 'late work' },
    });
    expect(override.status).toBe(200);
    expect((await stack.drainLtiOutbox()).sent).toBe(1);
    expect(lms.scores.at(-1)!.body.scoreGiven).toBe(42);

    // A regrade of the lab is one more grade event: the score that counts (the override) is posted again.
    const posts = lms.scores.length;
    const regrade = await call(stack, 'POST', `/api/courses/${courseId}/labs/${LAB}/regrade`, {
      token: teacher,
      json: {},
    });
    expect(regrade.status).toBe(202);
    await waitFor(async () => {
      await stack.drainLtiOutbox();
      return lms.scores.length > posts ? true : undefined;
    });
    expect(lms.scores.at(-1)!.body.scoreGiven).toBe(42);

    // The same LMS user launching again is the same virtlab user.
    const again = await launchLearner();
    expect(decodeJwt(again.session).sub).toBe(learnerId);
    expect(again.courseId).toBe(courseId);
  });

  it('a score the LMS keeps refusing is retried with backoff, dead-lettered, listed for the staff, and resent', async () => {
    const { courseId } = await launchLearner();
    const [sub] = await stack.deps.store.listCourseSubmissions(courseId);
    lms.failScores = 10;
    expect(
      (await call(stack, 'PUT', `/api/submissions/${sub.id}/override`, { token: teacher, json: { score: 77 } })).status,
    ).toBe(200);
    expect(await postDueScores(pinnedOutbox())).toEqual({ sent: 0, retried: 1, dead: 0 });
    expect(await postDueScores(pinnedOutbox())).toEqual({ sent: 0, retried: 0, dead: 0 }); // not due yet
    now = new Date(now.getTime() + 10_000);
    expect(await postDueScores(pinnedOutbox())).toEqual({ sent: 0, retried: 1, dead: 0 });
    now = new Date(now.getTime() + 20_000);
    expect(await postDueScores(pinnedOutbox())).toEqual({ sent: 0, retried: 0, dead: 1 });

    const listed = await call(stack, 'GET', `/api/courses/${courseId}/lti/failed-scores`, { token: teacher });
    expect(listed.status).toBe(200);
    expect(listed.body.scores).toHaveLength(1);
    const dead = listed.body.scores[0];
    expect(dead).toMatchObject({ state: 'dead', attempts: 3, labId: LAB, score: { scoreGiven: 77 } });
    expect(dead.lastError).toContain('503');
    const learner = await tokenFor(stack, 'learner1');
    expect((await call(stack, 'GET', `/api/courses/${courseId}/lti/failed-scores`, { token: learner })).status).toBe(
      403,
    );

    // The teacher's LTI page lists it with a retry button.
    const page = await call(stack, 'GET', `/teach/lti?course=${courseId}&lang=en`, {
      headers: { cookie: `virtlab_session=${teacher}`, accept: 'text/html' },
    });
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="lti-failed"');
    expect(page.text).toContain(`value="${dead.id}"`);
    expect(page.text).toContain(`/api/courses/${courseId}/lti/failed-scores/{id}/retry`);

    lms.failScores = 0;
    const retry = `/api/courses/${courseId}/lti/failed-scores/${dead.id}/retry`;
    expect((await call(stack, 'POST', retry, { token: teacher, json: {} })).status).toBe(200);
    const twice = await call(stack, 'POST', retry, { token: teacher, json: {} });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('not_failed');
    expect(await postDueScores(pinnedOutbox())).toMatchObject({ sent: 1 });
    expect(lms.scores.at(-1)!.body.scoreGiven).toBe(77);
    const after = await call(stack, 'GET', `/api/courses/${courseId}/lti/failed-scores`, { token: teacher });
    expect(after.body.scores).toEqual([]);
  });

  it('NRPS roster sync enrols the active members, instructors as co-teachers, idempotently and audited', async () => {
    const { courseId } = await launchLearner();
    const sync = () => call(stack, 'POST', `/api/courses/${courseId}/lti/roster-sync`, { token: teacher, json: {} });
    const first = await sync();
    expect(first.status).toBe(200);
    // u3 is inactive; lms-user-7 launched already.
    expect(first.body).toEqual({
      members: 3,
      counts: { enrolled: 1, staff: 1, already: 1, skipped: 0 },
      removed: 0,
      truncated: false,
    });
    const roster = await stack.deps.store.listRoster(courseId);
    expect(roster.map((m) => [m.userId === 'teacher1' ? 'owner' : 'lti', m.role]).sort()).toEqual([
      ['lti', 'co-teacher'],
      ['lti', 'learner'],
      ['lti', 'learner'],
      ['owner', 'teacher'],
    ]);
    expect((await sync()).body.counts).toEqual({ enrolled: 0, staff: 0, already: 3, skipped: 0 });
    expect((await stack.deps.store.listRoster(courseId)).length).toBe(4);
    const audit = await call(stack, 'GET', `/api/courses/${courseId}/audit`, { token: teacher });
    expect(audit.body.records[0]).toMatchObject({
      action: 'roster.import',
      actorId: 'teacher1',
      after: { source: 'lti-nrps', members: 3 },
    });
    const learner = await tokenFor(stack, 'learner1');
    expect(
      (await call(stack, 'POST', `/api/courses/${courseId}/lti/roster-sync`, { token: learner, json: {} })).status,
    ).toBe(403);
  });

  it('NRPS roster sync removes the learners LTI enrolled whom the LMS dropped, keeping their work; nobody else', async () => {
    const { courseId } = await launchLearner();
    const sync = () => call(stack, 'POST', `/api/courses/${courseId}/lti/roster-sync`, { token: teacher, json: {} });
    expect((await sync()).status).toBe(200);
    const kim = (await stack.deps.lti!.lti.getUserLink(LMS, 'lms-user-7'))!.userId; // enrolled by their launch
    const one = (await stack.deps.lti!.lti.getUserLink(LMS, 'u1'))!.userId; // enrolled by the sync
    const kimWork = await stack.deps.store.listLearnerSubmissions(kim);
    expect(kimWork.length).toBeGreaterThan(0);

    // learner2 joined by code and is also an LMS user (u6); imported1 came from a roster import.
    const code = (await call(stack, 'POST', `/api/courses/${courseId}/join-code`, { token: teacher })).body.joinCode;
    const learner2 = await tokenFor(stack, 'learner2');
    expect((await call(stack, 'POST', '/api/courses/join', { token: learner2, json: { code } })).status).toBe(200);
    await stack.deps.lti!.lti.linkUser({ issuer: LMS, sub: 'u6', userId: 'learner2', name: 'L2', role: 'learner' });
    const joinedAt = now.toISOString();
    await stack.deps.store.enroll({ courseId, userId: 'imported1', role: 'learner', joinedAt, addedBy: 'teacher1' });

    // The LMS now lists u1 Deleted and u6 Inactive, and no longer lists lms-user-7; u2 (instructor) is still active.
    lms.memberPages = [
      [
        { user_id: 'u1', status: 'Deleted', roles: [LEARNER_ROLE] },
        { user_id: 'u2', name: 'Two', roles: [INSTRUCTOR_ROLE] },
      ],
      [
        { user_id: 'u4', status: 'Inactive', roles: [LEARNER_ROLE] },
        { user_id: 'u6', status: 'Inactive', roles: [LEARNER_ROLE] },
      ],
    ];
    const dropped = await sync();
    expect(dropped.body).toEqual({
      members: 1,
      counts: { enrolled: 0, staff: 0, already: 1, skipped: 0 },
      removed: 2,
      truncated: false,
    });
    const roster = (await stack.deps.store.listRoster(courseId)).map((m) => m.userId);
    expect(roster).not.toContain(kim);
    expect(roster).not.toContain(one);
    for (const kept of ['teacher1', 'learner2', 'imported1']) expect(roster).toContain(kept);
    expect(
      (await stack.deps.store.getEnrollment(courseId, (await stack.deps.lti!.lti.getUserLink(LMS, 'u2'))!.userId))
        ?.role,
    ).toBe('co-teacher');
    expect((await stack.deps.store.listMemberships(kim)).map((m) => m.courseId)).not.toContain(courseId);
    // Nothing is lost: the submissions and the counting grade stay.
    expect(await stack.deps.store.listLearnerSubmissions(kim)).toEqual(kimWork);
    expect(await stack.deps.store.getBest(kim, LAB, courseId)).toBeDefined();

    const audit = await call(stack, 'GET', `/api/courses/${courseId}/audit?action=roster.remove`, { token: teacher });
    const removals = (audit.body.records as { target: string; actorId: string; after: { lmsStatus: string } }[])
      .map((r) => [r.target, r.actorId, r.after.lmsStatus])
      .sort();
    expect(removals).toEqual(
      [
        [`user:${kim}`, 'teacher1', 'absent'],
        [`user:${one}`, 'teacher1', 'Deleted'],
      ].sort(),
    );
    expect((await sync()).body.removed).toBe(0);

    // Back by a launch; then a list never finished (more pages than a sync reads) removes no one absent from it.
    expect((await launchLearner()).courseId).toBe(courseId);
    expect((await stack.deps.store.getEnrollment(courseId, kim))?.addedBy).toBe('lti');
    lms.memberPages = [[{ user_id: 'u2', name: 'Two', roles: [INSTRUCTOR_ROLE] }]];
    lms.endless = true;
    try {
      const partial = await sync();
      expect(partial.status).toBe(200);
      expect(partial.body.removed).toBe(0);
      expect((await stack.deps.store.getEnrollment(courseId, kim))?.role).toBe('learner');
    } finally {
      lms.memberPages = MEMBER_PAGES;
      lms.endless = false;
    }
  });

  it('deep linking: request → lab picker → signed LtiDeepLinkingResponse posted back', async () => {
    const { state, nonce } = await login();
    const token = await idToken(nonce, {
      sub: 'lms-teacher-1',
      [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingRequest,
      [CLAIM.roles]: [INSTRUCTOR_ROLE],
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
    const pick = (body: string) =>
      fetch(`${TOOL}/lti/deep-link`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    const page = await (await pick(`ticket=${ticket}&lab=${LAB}&lab=nope`)).text();
    expect(page).toContain(`action="${LMS}/dl-return"`);
    const jwt = /name="JWT" value="([^"]+)"/.exec(page)![1];
    const jwks = (await call(stack, 'GET', '/.well-known/jwks.json')).body as { keys: JWK[] };
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
      issuer: CLIENT,
      audience: LMS,
      currentDate: now,
    });
    expect(payload[CLAIM.messageType]).toBe('LtiDeepLinkingResponse');
    expect(payload[CLAIM.deploymentId]).toBe(DEPLOYMENT);
    expect(payload[CLAIM.dlData]).toBe('opaque-123');
    const title = stack.deps.course.labs.find((l) => l.id === LAB)!.title;
    expect(payload[CLAIM.contentItems]).toEqual([
      {
        type: 'ltiResourceLink',
        title: `${title.ko} (${title.en})`,
        url: `${TOOL}/lti/launch`,
        custom: { lab_id: LAB },
      },
    ]);
    const forged = await pick(`ticket=${ticket.slice(0, -4)}AAAA&lab=${LAB}`);
    expect(await forged.text()).toContain('bad_ticket');
  });

  const otherKey = async () => (await generateKeyPair('RS256')).privateKey;
  it.each([
    ['a forged signature', 'bad_signature', 401, async (n: string) => idToken(n, {}, await otherKey())],
    ['a wrong audience', 'wrong_audience', 400, (n: string) => idToken(n, { aud: 'someone-else' })],
    ['an expired token', 'expired', 400, (n: string) => idToken(n, { exp: Math.floor(now.getTime() / 1000) - 3600 })],
    ['an unknown deployment', 'unknown_deployment', 400, (n: string) => idToken(n, { [CLAIM.deploymentId]: 'x' })],
    ['a wrong message type', 'wrong_message_type', 400, (n: string) => idToken(n, { [CLAIM.messageType]: 'X' })],
    ['the nonce of another login', 'nonce_mismatch', 400, () => idToken('not-my-nonce')],
  ])('refuses %s with a bilingual page, no session and nothing stored', async (_name, code, status, make) => {
    const { state, nonce } = await login();
    const res = await postLaunch({ id_token: await make(nonce), state });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain(code);
    expect(html).toContain('LMS에서 실행할 수 없습니다');
    expect(html).toContain('This launch from your LMS was refused');
    expect(res.headers.get('set-cookie')).toBeNull();
    // The nonce was not spent: nothing was written for the refused launch.
    expect(await stack.deps.lti!.lti.useNonce(LMS, nonce, new Date(now.getTime() + 1000))).toBe(true);
  });

  it('refuses a replayed launch and an unknown state', async () => {
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
    const q = new URLSearchParams({
      iss: 'https://other.test',
      login_hint: 'x',
      target_link_uri: `${TOOL}/lti/launch`,
    });
    const res = await fetch(`${TOOL}/lti/login?${q}`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('unknown_platform');
  });
});
