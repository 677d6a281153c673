import { decodeJwt } from 'jose';
import type { AuthPort, User } from './user.ts';

export interface VerifyCacheOptions {
  /** Tokens remembered at once (oldest dropped first). */
  maxEntries?: number;
  /** Longest a verdict is reused, whatever the token's own expiry. */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * Remembers which tokens verified, so a browser polling its result or a page load of several requests pays for
 * one signature check, not one per request. A token is immutable, so its verdict only changes with time: an entry
 * is reused until the token's `exp` or `maxAgeMs`, whichever is first. Failures are not remembered.
 */
export function withVerifyCache(auth: AuthPort, options: VerifyCacheOptions = {}): AuthPort {
  const { maxEntries = 10_000, maxAgeMs = 5 * 60_000, now = Date.now } = options;
  const verdicts = new Map<string, { user: User; until: number }>();
  return {
    ...auth,
    async verify(token) {
      const known = verdicts.get(token);
      if (known && known.until > now()) return known.user;
      if (known) verdicts.delete(token);
      const user = await auth.verify(token);
      if (!user) return undefined;
      const exp = decodeJwt(token).exp;
      const until = Math.min(now() + maxAgeMs, exp === undefined ? Infinity : exp * 1000);
      if (verdicts.size >= maxEntries) verdicts.delete(verdicts.keys().next().value!);
      verdicts.set(token, { user, until });
      return user;
    },
  };
}
