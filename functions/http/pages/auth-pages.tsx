import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { DEMO_USERS } from '../../auth/local-issuer.ts';
import type { AppDeps } from '../deps.ts';
import { cognitoTokenEndpoint } from '../../auth/cognito-tokens.ts';
import { REFRESH_COOKIE, SESSION_COOKIE, SESSION_SECONDS, sessionCookieOptions } from '../middleware/auth.ts';
import type { ClientAssets } from '../../web/asset-manifest.ts';
import { isHttps, pageContext, safeNext, type PageC, type PageEnv } from './context.ts';
import { LANG_COOKIE } from './i18n.ts';
import { Layout } from './layout.tsx';

/** The PKCE verifier, state and return path of a login in progress, for the callback to check. */
const OAUTH_COOKIE = 'virtlab_oauth';
/** The refresh token's cookie lives as long as the app client's refresh token validity (cdk/constructs/identity.ts). */
const REFRESH_SECONDS = 30 * 24 * 3600;

const cookieOptions = (c: PageC, maxAge: number) => sessionCookieOptions(isHttps(c), maxAge);
const endpointOf = (cognito: { domain: string; clientId: string }) =>
  cognitoTokenEndpoint({ domain: cognito.domain, clientId: cognito.clientId });

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return { verifier, challenge: b64url(digest) };
}

/** On the public origin when one is configured (behind CloudFront the Host header is the API's), else the request's. */
const callbackUrl = (c: PageC, siteOrigin: string | undefined): string => {
  if (siteOrigin) return `${siteOrigin}/auth/callback`;
  const url = new URL(c.req.url);
  const proto = isHttps(c) ? 'https:' : url.protocol;
  return `${proto}//${c.req.header('host') ?? url.host}/auth/callback`;
};

/**
 * Login and logout. Locally: a picker of the demo users that sets the session cookie. On AWS: the Cognito hosted UI
 * with the OAuth 2 authorization-code flow and PKCE; the callback exchanges the code for tokens and keeps the ID
 * token in the same HttpOnly cookie the API accepts.
 */
export function authPages(app: Hono<PageEnv>, deps: AppDeps, assets: () => Promise<ClientAssets>): void {
  app.get('/login', async (c) => {
    const ctx = await pageContext(c, deps, assets);
    const { t } = ctx;
    const next = safeNext(c.req.query('next'));
    const failed = c.req.query('error') !== undefined;
    return c.html(
      <Layout ctx={ctx} title={t.loginTitle} section="login">
        <div class="card login">
          <h1>{t.loginTitle}</h1>
          {failed ? (
            <p class="notice bad" role="alert">
              {t.loginFailed}
            </p>
          ) : null}
          {deps.config.mode === 'local' ? (
            <form method="post" action="/auth/local">
              <p>{t.loginIntro}</p>
              <input type="hidden" name="next" value={next} />
              <fieldset class="user-choices">
                <legend>{t.loginUser}</legend>
                {DEMO_USERS.map((u, i) => (
                  <label class="user-choice">
                    <input type="radio" name="username" value={u.id} checked={i === 0} />
                    <span>
                      <strong>{u.id}</strong> · {u.name} ·{' '}
                      {u.roles.map((r) => (r === 'teacher' ? t.roleTeacher : t.roleLearner)).join(', ')}
                    </span>
                  </label>
                ))}
              </fieldset>
              <button type="submit" class="primary">
                {t.loginSubmit}
              </button>
            </form>
          ) : (
            <a class="button" href={`/auth/login?next=${encodeURIComponent(next)}`}>
              {t.loginHosted}
            </a>
          )}
        </div>
      </Layout>,
    );
  });

  app.post('/auth/local', async (c) => {
    if (deps.config.mode !== 'local' || !deps.auth.issueLocalToken) return c.notFound();
    const form = await c.req.parseBody();
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    const token = typeof form.username === 'string' ? await deps.auth.issueLocalToken(form.username) : undefined;
    if (!token) return c.redirect(`/login?error=1&next=${encodeURIComponent(next)}`, 303);
    setCookie(c, SESSION_COOKIE, token, cookieOptions(c, SESSION_SECONDS));
    return c.redirect(next, 303);
  });

  app.get('/auth/login', async (c) => {
    const cognito = deps.config.cognito;
    if (!cognito) return c.redirect('/login', 302);
    const { verifier, challenge } = await pkcePair();
    const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
    const next = safeNext(c.req.query('next'));
    setCookie(c, OAUTH_COOKIE, JSON.stringify({ state, verifier, next }), cookieOptions(c, 600));
    const url = new URL('/oauth2/authorize', cognito.domain);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: cognito.clientId,
      redirect_uri: callbackUrl(c, deps.config.siteOrigin),
      scope: 'openid email profile',
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    return c.redirect(url.toString(), 302);
  });

  app.get('/auth/callback', async (c) => {
    const cognito = deps.config.cognito;
    if (!cognito) return c.notFound();
    let pending: { state?: string; verifier?: string; next?: string };
    try {
      pending = JSON.parse(getCookie(c, OAUTH_COOKIE) ?? '{}');
    } catch {
      pending = {};
    }
    deleteCookie(c, OAUTH_COOKIE, { path: '/' });
    const code = c.req.query('code');
    if (!code || !pending.verifier || !pending.state || c.req.query('state') !== pending.state)
      return c.redirect('/login?error=state', 302);
    const tokens = await endpointOf(cognito).exchangeCode({
      code,
      redirectUri: callbackUrl(c, deps.config.siteOrigin),
      verifier: pending.verifier,
    });
    // The token is verified like any other before it is trusted: a bad exchange is a failed login, not a session.
    if (!tokens || !(await deps.auth.verify(tokens.idToken))) return c.redirect('/login?error=exchange', 302);
    setCookie(c, SESSION_COOKIE, tokens.idToken, cookieOptions(c, Math.min(tokens.expiresInSeconds, SESSION_SECONDS)));
    // Kept server-side only (HttpOnly): the auth middleware renews the ID token with it when it expires.
    if (tokens.refreshToken) setCookie(c, REFRESH_COOKIE, tokens.refreshToken, cookieOptions(c, REFRESH_SECONDS));
    return c.redirect(safeNext(pending.next), 302);
  });

  app.post('/auth/logout', async (c) => {
    const refreshToken = getCookie(c, REFRESH_COOKIE);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
    deleteCookie(c, REFRESH_COOKIE, { path: '/', secure: isHttps(c) });
    const cognito = deps.config.cognito;
    if (!cognito) return c.redirect('/', 303);
    if (refreshToken) await endpointOf(cognito).revoke(refreshToken);
    const url = new URL('/logout', cognito.domain);
    url.search = new URLSearchParams({
      client_id: cognito.clientId,
      logout_uri: new URL('/', callbackUrl(c, deps.config.siteOrigin)).toString(),
    }).toString();
    return c.redirect(url.toString(), 303);
  });

  app.get('/lang/:lang', (c) => {
    const lang = c.req.param('lang') === 'en' ? 'en' : 'ko';
    setCookie(c, LANG_COOKIE, lang, { path: '/', sameSite: 'Lax', secure: isHttps(c), maxAge: 365 * 24 * 3600 });
    const next = new URL(safeNext(c.req.query('next')), 'http://x');
    next.searchParams.delete('lang');
    return c.redirect(next.pathname + next.search, 303);
  });
}
