import { compactVerify, createLocalJWKSet, errors, type JSONWebKeySet, type JWTPayload } from 'jose';

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * Platforms' public keys (SF §6.3), fetched from their JWKS URLs and cached: at most `maxEntries` platforms, each
 * for `ttlMs`; an unknown `kid` refetches once, no more often than every `minRefreshMs` (key rotation without a
 * fetch per forged token). Responses over 64 KiB or with more than 20 keys are refused.
 */
export function createPlatformKeys(options: {
  fetch: FetchLike;
  clock: () => Date;
  ttlMs?: number;
  minRefreshMs?: number;
  maxEntries?: number;
}) {
  const ttl = options.ttlMs ?? 10 * 60_000;
  const minRefresh = options.minRefreshMs ?? 30_000;
  const max = options.maxEntries ?? 64;
  const cache = new Map<string, { at: number; jwks: JSONWebKeySet }>();

  async function load(url: string): Promise<JSONWebKeySet> {
    const res = await options.fetch(url, { headers: { accept: 'application/json' }, redirect: 'error' });
    if (!res.ok) throw new Error(`JWKS ${url}: HTTP ${res.status}`);
    const text = await res.text();
    if (text.length > 64 * 1024) throw new Error(`JWKS ${url}: too large`);
    const jwks = JSON.parse(text) as JSONWebKeySet;
    if (!Array.isArray(jwks.keys) || jwks.keys.length > 20) throw new Error(`JWKS ${url}: not a key set`);
    cache.delete(url);
    cache.set(url, { at: options.clock().getTime(), jwks });
    while (cache.size > max) cache.delete(cache.keys().next().value!);
    return jwks;
  }

  async function keySet(url: string): Promise<{ jwks: JSONWebKeySet; at: number }> {
    const hit = cache.get(url);
    if (hit && options.clock().getTime() - hit.at < ttl) return hit;
    await load(url);
    return cache.get(url)!;
  }

  return {
    /** Verifies the JWS signature (RS256 only, SF §6.1) and returns the payload; claims are checked by the caller. */
    async verify(token: string, jwksUrl: string): Promise<JWTPayload> {
      const first = await keySet(jwksUrl);
      try {
        return await signedPayload(token, first.jwks);
      } catch (err) {
        const stale = options.clock().getTime() - first.at >= minRefresh;
        if (!(err instanceof errors.JWKSNoMatchingKey) || !stale) throw err;
        const jwks = await load(jwksUrl);
        return await signedPayload(token, jwks);
      }
    },
    size: () => cache.size,
  };
}
/**
 * The JWS signature only (RS256, SF §6.1); exp, iat and the rest are core/lti/launch.ts's, against the injected
 * clock, so that each refusal gets its own reason.
 */
async function signedPayload(token: string, jwks: JSONWebKeySet): Promise<JWTPayload> {
  const { payload } = await compactVerify(token, createLocalJWKSet(jwks), { algorithms: ['RS256'] });
  return JSON.parse(new TextDecoder().decode(payload)) as JWTPayload;
}

export type PlatformKeys = ReturnType<typeof createPlatformKeys>;
