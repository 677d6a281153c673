import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/http/app.ts';
import { startPageFixture } from './page-fixture.ts';

/** The AWS login: the pages send the browser to the Cognito hosted UI with PKCE and check the state on return. */
let f: Awaited<ReturnType<typeof startPageFixture>>;
let app: ReturnType<typeof createApp>;
const cognito = {
  domain: 'https://virtlab-test.auth.eu-west-1.amazoncognito.com',
  clientId: 'client123',
  userPoolId: 'eu-west-1_abc',
};

beforeAll(async () => {
  f = await startPageFixture();
  app = createApp({ ...f.deps, config: { ...f.deps.config, mode: 'aws', cognito } });
});
afterAll(async () => f?.close());

describe('hosted UI login', () => {
  it('offers the hosted UI instead of the demo users', async () => {
    const html = await (await app.request('/login?next=%2Fteach')).text();
    expect(html).toContain('href="/auth/login?next=%2Fteach"');
    expect(html).not.toContain('value="teacher1"');
    expect(
      (
        await app.request('/auth/local', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
          body: 'username=teacher1',
        })
      ).status,
    ).toBe(404);
  });

  it('redirects to the authorize endpoint with an S256 code challenge and keeps the verifier in an HttpOnly cookie', async () => {
    const res = await app.request('https://virtlab.example/auth/login?next=%2Fteach', {
      headers: { host: 'virtlab.example' },
    });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin + to.pathname).toBe(`${cognito.domain}/oauth2/authorize`);
    expect(to.searchParams.get('client_id')).toBe('client123');
    expect(to.searchParams.get('response_type')).toBe('code');
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(to.searchParams.get('redirect_uri')).toBe('https://virtlab.example/auth/callback');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/virtlab_oauth=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(decodeURIComponent(cookie)).toContain(`"state":"${to.searchParams.get('state')}"`);
  });

  it('refuses a callback whose state does not match, without exchanging the code', async () => {
    const login = await app.request('https://virtlab.example/auth/login', { headers: { host: 'virtlab.example' } });
    const oauthCookie = login.headers.get('set-cookie')!.split(';')[0];
    const res = await app.request('https://virtlab.example/auth/callback?code=abc&state=forged', {
      headers: { cookie: oauthCookie, host: 'virtlab.example' },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?error=state');
    expect(res.headers.get('set-cookie')).not.toMatch(/virtlab_session=ey/);
  });

  it('logs out of the hosted UI too', async () => {
    const res = await app.request('https://virtlab.example/auth/logout', {
      method: 'POST',
      headers: { origin: 'https://virtlab.example', host: 'virtlab.example' },
    });
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin + to.pathname).toBe(`${cognito.domain}/logout`);
    expect(to.searchParams.get('logout_uri')).toBe('https://virtlab.example/');
    expect(res.headers.get('set-cookie')).toMatch(/virtlab_session=;/);
  });

  it('lets forms post to the hosted UI origin and nowhere else', async () => {
    const csp = (await app.request('/login')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`form-action 'self' ${cognito.domain}`);
  });
});
