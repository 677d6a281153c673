import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { User } from '../../auth/user.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { withVerifyCache } from '../../auth/verify-cache.ts';
import { errors } from '../errors.ts';

/** The pages keep the same JWT in this cookie (HttpOnly, SameSite=Lax) that API clients send as a bearer token. */
export const SESSION_COOKIE = 'virtlab_session';

/**
 * Sets `c.get('user')` from `Authorization: Bearer <jwt>` or the session cookie; undefined when neither verifies.
 * It never rejects: routes decide with `requireUser`; the services check roles.
 */
export function authenticate(deps: Pick<AppDeps, 'auth'>): MiddlewareHandler<AppEnv> {
  const auth = withVerifyCache(deps.auth);
  return async (c, next) => {
    const header = c.req.header('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const token =
      bearer ??
      (cookieAllowed(c.req.method, c.req.header('sec-fetch-site')) ? getCookie(c, SESSION_COOKIE) : undefined);
    c.set('user', token ? await auth.verify(token) : undefined);
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
