import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_USERS } from '../../functions/auth/local-issuer.ts';
import { createApp } from '../../functions/http/app.ts';
import type { LocalStack } from '../../functions/local/server.ts';
import { startPageFixture } from '../unit/pages/page-fixture.ts';
import { startStack } from './helpers/stack.ts';

/**
 * Where the pages send a browser after sign-in, over real HTTP on the local stack (and the hosted-UI routes on the
 * app as Lambda serves it). Every `next` a browser could be tricked into — a tab or CR/LF the URL parser drops, a
 * backslash it reads as a slash, encoded forms, other schemes — ends on this site, never with a 5xx, and a 5xx can
 * never come with a session cookie. A `Location` is judged the way a browser judges it: resolved by the WHATWG URL
 * parser against the page's own URL.
 */

/** Targets an attacker would put in `next` (as the server receives them, after the query or form is decoded). */
const HOSTILE = [
  '/\t/evil.example', // `next=/%09/evil.example`: the browser drops the tab and goes to //evil.example
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '//evil.example',
  '///evil.example',
  '/.//evil.example',
  '/..//evil.example',
  '/%2e%2e//evil.example',
  'https://evil.example/',
  'HTTPS:evil.example',
  '//evil.example@virtlab',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/a\r\nSet-Cookie: pwned=1',
  '/a\r\n\r\n<script>alert(1)</script>',
  '/\u0000x',
  ' //evil.example',
];

/** Kept, as paths of this site (the encoded forms stay encoded: a browser does not decode them into a host). */
const KEPT: Array<[string, string]> = [
  ['/labs/hvm-boot-vtx?lang=en#result', '/labs/hvm-boot-vtx?lang=en#result'],
  ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
  ['/%5Cevil.example', '/%5Cevil.example'],
  ['/%09/evil.example', '/%09/evil.example'],
];

let stack: LocalStack;
beforeAll(async () => {
  stack = await startStack({ users: DEMO_USERS });
});
afterAll(() => stack?.stop());

const onSite = (location: string | null, base: string) => {
  expect(location).not.toBeNull();
  expect(location).not.toMatch(/[\u0000-\u001f\\]/);
  expect(new URL(location!, base).origin).toBe(new URL(base).origin);
};

async function loginWith(next: string, origin = stack.url) {
  return fetch(`${stack.url}/auth/local`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ username: 'learner1', next }).toString(),
  });
}

describe('next after sign-in (local login form)', () => {
  it.each(HOSTILE)('%j → this site’s home, with the session', async (next) => {
    const res = await loginWith(next);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('set-cookie')).toMatch(/virtlab_session=ey/);
  });

  it.each(KEPT)('%j stays the path %j', async (next, path) => {
    const res = await loginWith(next);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(path);
    onSite(res.headers.get('location'), `${stack.url}/auth/local`);
  });

  it('the login page carries only a safe next into its form', async () => {
    for (const next of HOSTILE) {
      const res = await fetch(`${stack.url}/login?next=${encodeURIComponent(next)}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('name="next" value="/"');
    }
  });

  it('the language switch redirects within the site for every form', async () => {
    for (const next of [...HOSTILE, ...KEPT.map(([n]) => n)]) {
      const res = await fetch(`${stack.url}/lang/en?next=${encodeURIComponent(next)}`, { redirect: 'manual' });
      expect(res.status, next).toBe(303);
      onSite(res.headers.get('location'), `${stack.url}/lang/en`);
    }
  });

  it('a form posted from another site is refused with its own code, and no cookie', async () => {
    const res = await loginWith('/', 'http://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('csrf_refused');
    expect(body.error.message).toMatch(/[가-힣]/);
  });
});

describe('next after sign-in (hosted UI, as on AWS)', () => {
  let f: Awaited<ReturnType<typeof startPageFixture>>;
  let app: ReturnType<typeof createApp>;
  const cognito = {
    domain: 'https://virtlab-test.auth.eu-west-1.amazoncognito.com',
    clientId: 'client123',
    userPoolId: 'eu-west-1_abc',
  };
  const site = 'https://virtlab.example';

  beforeAll(async () => {
    f = await startPageFixture();
    app = createApp({ ...f.deps, config: { ...f.deps.config, mode: 'aws', cognito } });
  });
  afterAll(async () => f?.close());
  afterEach(() => vi.unstubAllGlobals());

  /** The callback after a successful code exchange, with a login-in-progress cookie that asks for `next`. */
  async function callbackWith(next: string) {
    const idToken = await f.deps.auth.issueLocalToken!('learner1');
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(JSON.stringify({ id_token: idToken, expires_in: 3600 }), {
          headers: { 'content-type': 'application/json' },
        }),
    );
    const pending = encodeURIComponent(JSON.stringify({ state: 's', verifier: 'v', next }));
    return app.request(`${site}/auth/callback?code=c&state=s`, {
      headers: { host: 'virtlab.example', cookie: `virtlab_oauth=${pending}` },
    });
  }

  it.each(HOSTILE)('the login keeps %j out of its cookie', async (next) => {
    const res = await app.request(`${site}/auth/login?next=${encodeURIComponent(next)}`, {
      headers: { host: 'virtlab.example' },
    });
    expect(res.status).toBe(302);
    const cookie = decodeURIComponent(res.headers.get('set-cookie') ?? '');
    expect(cookie).toContain('"next":"/"');
  });

  it.each(HOSTILE)('the callback sends %j home, with the session', async (next) => {
    const res = await callbackWith(next);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('set-cookie')).toMatch(/virtlab_session=ey/);
  });

  it('the callback keeps a path of the site', async () => {
    const res = await callbackWith('/teach?course=x');
    expect(res.headers.get('location')).toBe('/teach?course=x');
  });
});
