import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { User } from '../../auth/user.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { withVerifyCache } from '../../auth/verify-cache.ts';
import { errors } from '../errors.ts';

/** The pages keep the same JWT in this cookie (HttpOnly, SameSite=Lax) that API clients send as a bearer token. */
export const SESSION_COOKIE = 'virtlab_session';
/** The session's refresh token (HttpOnly, on AWS only): the ID token is renewed with it server-side when it expires. */
export const REFRESH_COOKIE = 'virtlab_refresh';
/** The longest a session cookie lives, whatever the token's own lifetime. */
export const SESSION_SECONDS = 12 * 3600;

/** The session cookies' attributes: never readable by scripts, sent on same-site navigations. */
export const sessionCookieOptions = (secure: boolean, maxAge: number) => ({
  httpOnly: true,
  sameSite: 'Lax' as const,
  secure,
  path: '/',
  maxAge,
});

/** Whether a request came over HTTPS (directly or behind API Gateway/CloudFront), for the cookies' Secure flag. */
export const isHttpsRequest = (url: string, forwardedProto: string | undefined) =>
  new URL(url).protocol === 'https:' || forwardedProto === 'https';

/**
 * Sets `c.get('user')` from `Authorization: Bearer <jwt>` or the session cookie; undefined when neither verifies.
 * It never rejects: routes decide with `requireUser`; the services check roles.
 */
export function authenticate(deps: Pick<AppDeps, 'auth'>): MiddlewareHandler<AppEnv> {
  const auth = withVerifyCache(deps.auth);
  return async (c, next) => {
    const header = c.req.header('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookies = !bearer && cookieAllowed(c.req.method, c.req.header('sec-fetch-site'));
    const token = bearer ?? (cookies ? getCookie(c, SESSION_COOKIE) : undefined);
    let user = token ? await auth.verify(token) : undefined;
    // A browser session whose ID token expired is renewed with its refresh token, so the page or the editor's
    // submit goes on instead of sending the learner to sign in (a bearer client refreshes its own tokens).
    const refreshToken = cookies && !user ? getCookie(c, REFRESH_COOKIE) : undefined;
    if (refreshToken && auth.refresh) {
      const fresh = await auth.refresh(refreshToken);
      user = fresh ? await auth.verify(fresh.idToken) : undefined;
      if (fresh && user) {
        const secure = isHttpsRequest(c.req.url, c.req.header('x-forwarded-proto'));
        setCookie(
          c,
          SESSION_COOKIE,
          fresh.idToken,
          sessionCookieOptions(secure, Math.min(fresh.expiresInSeconds, SESSION_SECONDS)),
        );
      }
    }
    c.set('user', user);
    await next();
  };
}

/**
 * The session cookie is SameSite=Lax already; as a second guard, a browser's cross-site request that changes
 * something does not get to use it (clients without Fetch Metadata, like curl, are unaffected).
 */
export function cookieAllowed(method: string, fetchSite: string | undefined): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return true;
  return fetchSite === undefined || fetchSite === 'same-origin' || fetchSite === 'none';
}

export function requireUser(user: User | undefined): User {
  if (!user) throw errors.unauthenticated();
  return user;
}
