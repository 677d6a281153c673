import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../functions/auth/user.ts';
import { DEMO_USERS } from '../../functions/auth/local-issuer.ts';
import type { LocalStack } from '../../functions/local/server.ts';
import { deletePlatform, listPlatforms } from '../../functions/lti/platforms.ts';
import { DomainError } from '../../functions/service/errors.ts';
import { call, startStack, tokenFor } from './helpers/stack.ts';

/**
 * A teacher's LMS registrations listed and deleted: the use cases and the store on dynalite, then the /teach/lti page
 * (the list, the confirmation, the CSRF check, the deletion) through the app.
 */
const TEACHER2: User = { id: 'teacher2', name: 'Teacher Two', roles: ['teacher'] };
const teacher1: User = DEMO_USERS.find((u) => u.id === 'teacher1')!;
const learner1: User = DEMO_USERS.find((u) => u.id === 'learner1')!;

let stack: LocalStack;
const tokens: Record<string, string> = {};

const registration = (issuer: string, clientId = 'client-1') => ({
  issuer,
  clientId,
  deploymentIds: ['dep-1', 'dep-2'],
  jwksUrl: `${issuer}/jwks`,
  authUrl: `${issuer}/auth`,
  tokenUrl: `${issuer}/token`,
});

beforeAll(async () => {
  stack = await startStack({ users: [...DEMO_USERS, TEACHER2] });
  for (const u of ['teacher1', 'teacher2', 'learner1']) tokens[u] = await tokenFor(stack, u);
}, 60_000);
afterAll(() => stack?.stop());

const register = (user: string, body: ReturnType<typeof registration>) =>
  call(stack, 'POST', '/lti/platforms', { token: tokens[user], json: body });
const lti = () => stack.deps.lti!;
const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return (err as DomainError).code;
};

describe('LTI platform registrations: list and delete (service and store)', () => {
  const A = 'https://lms-a.test';
  const B = 'https://lms-b.test';

  it('lists only the caller’s own registrations; learners get none', async () => {
    expect((await register('teacher1', registration(A))).status).toBe(201);
    expect((await register('teacher2', registration(B))).status).toBe(201);
    const mine = await listPlatforms(lti(), teacher1);
    expect(mine.map((p) => [p.issuer, p.clientId, p.ownerId, p.deploymentIds])).toEqual([
      [A, 'client-1', 'teacher1', ['dep-1', 'dep-2']],
    ]);
    expect(mine[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await listPlatforms(lti(), TEACHER2)).map((p) => p.issuer)).toEqual([B]);
    expect(await refusal(listPlatforms(lti(), learner1))).toBe('forbidden');
  });

  it('the owner deletes one: gone for launches and lists, audited in its courses, only re-registered by them', async () => {
    // A course made from one of A's contexts, as a launch makes it.
    const courseId = ulid();
    const now = new Date().toISOString();
    await stack.deps.store.createCourse({
      id: courseId,
      title: 'LMS A',
      teacherId: 'teacher1',
      joinCode: 'LTIA0001',
      createdAt: now,
    });
    await stack.deps.store.enroll({ courseId, userId: 'teacher1', role: 'teacher', joinedAt: now });
    expect(await lti().lti.linkContext(A, 'client-1', 'ctx-a', courseId)).toBe(courseId);

    // Someone else's registration is a missing one to them; nothing changes.
    expect(await refusal(deletePlatform(lti(), TEACHER2, { issuer: A, clientId: 'client-1' }))).toBe('not_found');
    expect(await lti().lti.getPlatform(A, 'client-1')).toBeDefined();

    const removed = await deletePlatform(lti(), teacher1, { issuer: A, clientId: 'client-1' });
    expect(removed).toMatchObject({ issuer: A, clientId: 'client-1', ownerId: 'teacher1' });
    expect(await lti().lti.getPlatform(A, 'client-1')).toBeUndefined();
    expect(await lti().lti.listPlatformsByIssuer(A)).toEqual([]);
    expect(await listPlatforms(lti(), teacher1)).toEqual([]);
    expect(await refusal(deletePlatform(lti(), teacher1, { issuer: A, clientId: 'client-1' }))).toBe('not_found');

    // A login from the deleted LMS is refused like an unknown one.
    const q = new URLSearchParams({
      iss: A,
      client_id: 'client-1',
      login_hint: 'x',
      target_link_uri: `${stack.url}/lti/launch`,
    });
    const login = await fetch(`${stack.url}/lti/login?${q}`, { redirect: 'manual' });
    expect(login.status).toBe(400);
    expect(await login.text()).toContain('unknown_platform');

    const audit = await call(stack, 'GET', `/api/courses/${courseId}/audit`, { token: tokens.teacher1 });
    expect(audit.body.records).toEqual([
      expect.objectContaining({
        action: 'lti-platform.delete',
        actorId: 'teacher1',
        actorRole: 'owner',
        target: `lti-platform:${A}#client-1`,
        before: { issuer: A, clientId: 'client-1', deploymentIds: ['dep-1', 'dep-2'] },
      }),
    ]);

    // The pair stays its owner's: another teacher cannot take it over (its user and context links go with it).
    const taken = await register('teacher2', registration(A));
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('platform_exists');
    expect((await register('teacher1', registration(A))).status).toBe(201);
    expect((await listPlatforms(lti(), teacher1)).map((p) => p.issuer)).toEqual([A]);
    expect(await lti().lti.linkContext(A, 'client-1', 'ctx-a', 'another-id')).toBe(courseId);
  });
});

describe('the /teach/lti page: list and delete', () => {
  const C = 'https://lms-c.test';
  const page = async (user: string, path = '/teach/lti?lang=en') =>
    call(stack, 'GET', path, { headers: { cookie: `virtlab_session=${tokens[user]}`, accept: 'text/html' } });
  /** The browser's form post: this site's origin unless told otherwise; redirects are not followed. */
  const postForm = (user: string, fields: Record<string, string>, origin = stack.url) =>
    fetch(`${stack.url}/teach/lti/platforms/delete?lang=en`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: `virtlab_session=${tokens[user]}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        origin,
      },
      body: new URLSearchParams(fields).toString(),
    });

  it('lists the teacher’s registrations with a delete form; asks first, refuses another site, then deletes', async () => {
    expect((await register('teacher1', registration(C, 'client-c'))).status).toBe(201);
    const listed = await page('teacher1');
    expect(listed.status).toBe(200);
    expect(listed.text).toContain('data-testid="lti-platforms"');
    expect(listed.text).toContain(`<code>${C}</code>`);
    expect(listed.text).toContain('<code>client-c</code>');
    expect(listed.text).toContain('<td>dep-1, dep-2</td>');
    expect(listed.text).toMatch(/<time datetime="\d{4}-[^"]+">[^<]+<\/time><\/td><td>teacher1<\/td>/);
    expect(listed.text).toContain('action="/teach/lti/platforms/delete"');
    expect(listed.text).toContain(`name="issuer" value="${C}"`);
    // teacher2's registration is not theirs to see.
    expect(listed.text).not.toContain('https://lms-b.test');

    const key = { issuer: C, clientId: 'client-c' };
    const ask = await postForm('teacher1', key);
    expect(ask.status).toBe(200);
    const confirm = await ask.text();
    expect(confirm).toContain('<h1>Delete an LMS registration</h1>');
    expect(confirm).toContain('Launches from this LMS will be refused');
    expect(confirm).toContain('name="confirm" value="yes"');
    expect(await lti().lti.getPlatform(C, 'client-c')).toBeDefined();

    const forged = await postForm('teacher1', { ...key, confirm: 'yes' }, 'https://evil.test');
    expect(forged.status).toBe(403);
    const other = await postForm('teacher2', { ...key, confirm: 'yes' });
    expect(other.status).toBe(404);
    expect(await other.text()).toContain('No such LMS registration.');
    expect(await lti().lti.getPlatform(C, 'client-c')).toBeDefined();

    const done = await postForm('teacher1', { ...key, confirm: 'yes' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/teach/lti?deleted');
    expect(await lti().lti.getPlatform(C, 'client-c')).toBeUndefined();
    const after = await page('teacher1', '/teach/lti?deleted&lang=en');
    expect(after.text).toContain('The LMS registration was deleted.');
    expect(after.text).not.toContain(`<code>${C}</code>`);
  });

  it('refuses a form without the registration’s key in both languages, and learners', async () => {
    const bad = await postForm('teacher1', { issuer: '', confirm: 'yes' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('The issuer and client ID of the registration are required.');
    const ko = await fetch(`${stack.url}/teach/lti/platforms/delete`, {
      method: 'POST',
      headers: {
        cookie: `virtlab_session=${tokens.teacher1}`,
        'content-type': 'application/x-www-form-urlencoded',
        origin: stack.url,
      },
      body: 'clientId=x',
    });
    expect(await ko.text()).toContain('삭제할 등록의 issuer와 client ID가 필요합니다.');
    expect((await postForm('learner1', { issuer: 'https://lms-a.test', clientId: 'client-1' })).status).toBe(403);
  });
});
