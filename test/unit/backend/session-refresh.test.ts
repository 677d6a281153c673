import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Hono } from 'hono';
import { SignJWT, generateKeyPair, jwtVerify, type CryptoKey } from 'jose';
import { cognitoTokenEndpoint } from '../../../functions/auth/cognito-tokens.ts';
import type { AuthPort } from '../../../functions/auth/user.ts';
import { createApp } from '../../../functions/http/app.ts';
import type { AppEnv } from '../../../functions/http/deps.ts';
import { startPageFixture } from '../pages/page-fixture.ts';
import { REFRESH_COOKIE, SESSION_COOKIE, authenticate } from '../../../functions/http/middleware/auth.ts';

/**
 * The session kept alive server-side: an expired ID token in the session cookie is renewed with the refresh token
 * cookie at the token endpoint (a local jose-signed token set, the endpoint a fake fetch; no AWS).
 */
const DOMAIN = 'https://virtlab-test.auth.eu-west-1.amazoncognito.com';
let keys: { privateKey: CryptoKey; publicKey: CryptoKey };

const idToken = (sub: string, expiresAt: number) =>
  new SignJWT({ 'cognito:groups': ['learners'] })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject(sub)
    .setAudience('client123')
    .setIssuedAt(expiresAt - 3600)
    .setExpirationTime(expiresAt)
    .sign(keys.privateKey);
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  keys = await generateKeyPair('ES256');
});

/** The endpoint's requests, and an answer per refresh token. */
function fakeEndpoint(answers: Record<string, () => Promise<Response>>) {
  const seen: URLSearchParams[] = [];
  const fetchFake = (async (url: URL | string, init?: RequestInit) => {
    const form = new URLSearchParams(String(init?.body));
    seen.push(form);
    expect(String(url)).toBe(`${DOMAIN}/oauth2/token`);
    return (answers[form.get('refresh_token') ?? ''] ?? (async () => new Response('{}', { status: 400 })))();
  }) as typeof fetch;
  return { seen, fetch: fetchFake };
}

function appWith(fetchFake: typeof fetch) {
  const endpoint = cognitoTokenEndpoint({ domain: DOMAIN, clientId: 'client123', fetch: fetchFake });
  const auth: AuthPort = {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keys.publicKey, { audience: 'client123' });
        return { id: payload.sub!, name: payload.sub!, roles: ['learner'] };
      } catch {
        return undefined;
      }
    },
    refresh: (t) => endpoint.refresh(t),
  };
  const app = new Hono<AppEnv>();
  app.use('*', authenticate({ auth }));
  app.all('/who', (c) => c.json({ user: c.get('user')?.id ?? null }));
  return app;
}

const cookies = (session: string, refresh?: string) =>
  `${SESSION_COOKIE}=${session}` + (refresh ? `; ${REFRESH_COOKIE}=${refresh}` : '');

describe('session refresh', () => {
  it('an expired ID token is renewed with the refresh token: the request is signed in and the cookie replaced', async () => {
    const fresh = await idToken('u1', now() + 3600);
    const endpoint = fakeEndpoint({
      'rt-good': async () => Response.json({ id_token: fresh, expires_in: 3600, token_type: 'Bearer' }),
    });
    const app = appWith(endpoint.fetch);
    const res = await app.request('https://virtlab.example/who', {
      headers: { cookie: cookies(await idToken('u1', now() - 10), 'rt-good') },
    });
    expect(await res.json()).toEqual({ user: 'u1' });
    const set = res.headers.get('set-cookie') ?? '';
    expect(set).toContain(`${SESSION_COOKIE}=${fresh}`);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/Secure/);
    expect(set).toMatch(/Max-Age=3600/);
    expect(endpoint.seen).toHaveLength(1);
    expect(Object.fromEntries(endpoint.seen[0])).toEqual({
      client_id: 'client123',
      grant_type: 'refresh_token',
      refresh_token: 'rt-good',
    });
  });

  it('a valid ID token is used as it is: no call to the endpoint', async () => {
    const endpoint = fakeEndpoint({});
    const res = await appWith(endpoint.fetch).request('/who', {
      headers: { cookie: cookies(await idToken('u2', now() + 600), 'rt-good') },
    });
    expect(await res.json()).toEqual({ user: 'u2' });
    expect(endpoint.seen).toHaveLength(0);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('a refused refresh token, a forged new token or a down endpoint leave the request anonymous, no cookie set', async () => {
    const other = await generateKeyPair('ES256');
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('u1')
      .setAudience('client123')
      .setExpirationTime(now() + 3600)
      .sign(other.privateKey);
    const endpoint = fakeEndpoint({
      'rt-forged': async () => Response.json({ id_token: forged, expires_in: 3600 }),
      'rt-down': () => Promise.reject(new Error('ECONNRESET')),
    });
    const app = appWith(endpoint.fetch);
    const expired = await idToken('u1', now() - 10);
    for (const rt of ['rt-revoked', 'rt-forged', 'rt-down']) {
      const res = await app.request('/who', { headers: { cookie: cookies(expired, rt) } });
      expect(await res.json()).toEqual({ user: null });
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('a bearer token is never refreshed from cookies, nor a cross-site POST', async () => {
    const endpoint = fakeEndpoint({
      'rt-good': async () => Response.json({ id_token: await idToken('u1', now() + 3600), expires_in: 3600 }),
    });
    const app = appWith(endpoint.fetch);
    const expired = await idToken('u1', now() - 10);
    const bearer = await app.request('/who', {
      headers: { authorization: `Bearer ${expired}`, cookie: cookies(expired, 'rt-good') },
    });
    expect(await bearer.json()).toEqual({ user: null });
    const crossSite = await app.request('/who', {
      method: 'POST',
      headers: { cookie: cookies(expired, 'rt-good'), 'sec-fetch-site': 'cross-site' },
    });
    expect(await crossSite.json()).toEqual({ user: null });
    expect(endpoint.seen).toHaveLength(0);
  });
});

describe('the hosted-UI callback and sign-out keep and end the refresh token', () => {
  const cognito = { domain: DOMAIN, clientId: 'client123', userPoolId: 'eu-west-1_abc' };
  let f: Awaited<ReturnType<typeof startPageFixture>>;
  const realFetch = globalThis.fetch;
  const posted: { url: string; form: URLSearchParams }[] = [];

  beforeAll(async () => {
    f = await startPageFixture();
    globalThis.fetch = (async (url: URL | string, init?: RequestInit) => {
      posted.push({ url: String(url), form: new URLSearchParams(String(init?.body)) });
      return String(url).endsWith('/oauth2/token')
        ? Response.json({ id_token: await idToken('u9', now() + 3600), refresh_token: 'rt-new', expires_in: 3600 })
        : new Response(null, { status: 200 });
    }) as typeof fetch;
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await f?.close();
  });

  it('the callback sets the refresh cookie (HttpOnly, 30 days); sign-out clears it and revokes the token', async () => {
    const auth: AuthPort = {
      verify: async (token) =>
        (await jwtVerify(token, keys.publicKey).catch(() => undefined))
          ? { id: 'u9', name: 'u9', roles: ['learner'] }
          : undefined,
    };
    const app = createApp({ ...f.deps, auth, config: { ...f.deps.config, mode: 'aws', cognito } });
    const pending = encodeURIComponent(JSON.stringify({ state: 's1', verifier: 'v1', next: '/' }));
    const res = await app.request('https://virtlab.example/auth/callback?code=c1&state=s1', {
      headers: { cookie: `virtlab_oauth=${pending}`, host: 'virtlab.example' },
    });
    expect(res.status).toBe(302);
    const set = res.headers.getSetCookie();
    const refresh = set.find((c) => c.startsWith(`${REFRESH_COOKIE}=rt-new`));
    expect(refresh).toMatch(/HttpOnly/);
    expect(refresh).toMatch(/Max-Age=2592000/);
    expect(set.some((c) => c.startsWith(`${SESSION_COOKIE}=ey`))).toBe(true);
    expect(posted[0].form.get('grant_type')).toBe('authorization_code');

    const out = await app.request('https://virtlab.example/auth/logout', {
      method: 'POST',
      headers: { origin: 'https://virtlab.example', host: 'virtlab.example', cookie: `${REFRESH_COOKIE}=rt-new` },
    });
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().some((c) => c.startsWith(`${REFRESH_COOKIE}=;`))).toBe(true);
    const revoke = posted.find((p) => p.url === `${DOMAIN}/oauth2/revoke`);
    expect(revoke?.form.get('token')).toBe('rt-new');
    expect(revoke?.form.get('client_id')).toBe('client123');
  });
});
