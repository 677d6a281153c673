import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createPlatformKeys } from '../../../functions/lti/platform-keys.ts';
import { loadToolKey, parseToolKeySource } from '../../../functions/lti/tool-key.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('tool key', () => {
  it('is generated once under file:<dir>, kept 0600, and read back with the same kid', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lti-key-'));
    dirs.push(dir);
    const first = await loadToolKey(parseToolKeySource(`file:${dir}`, {}));
    const again = await loadToolKey({ kind: 'file', dir });
    expect(again.kid).toBe(first.kid);
    expect((await stat(join(dir, 'tool-key.json'))).mode & 0o777).toBe(0o600);
    expect(first.publicJwk.d).toBeUndefined();
  });

  it('reads env:<VAR> and refuses an unknown source or an empty variable', () => {
    expect(parseToolKeySource('env:K', { K: '{}' })).toEqual({ kind: 'jwk', json: '{}' });
    expect(() => parseToolKeySource('env:K', {})).toThrow(/empty/);
    expect(() => parseToolKeySource('s3:x', {})).toThrow(/file:/);
  });
});

describe('platform keys cache', () => {
  it('caches a JWKS, is bounded, and refetches once for an unknown kid', async () => {
    let now = 0;
    const fetched: string[] = [];
    const k1 = await generateKeyPair('RS256');
    const k2 = await generateKeyPair('RS256');
    let keys = [{ ...(await exportJWK(k1.publicKey)), kid: 'k1' }];
    const keysCache = createPlatformKeys({
      clock: () => new Date(now),
      maxEntries: 2,
      fetch: (url) => {
        fetched.push(url);
        return Promise.resolve(new Response(JSON.stringify({ keys })));
      },
    });
    const sign = (key: CryptoKey, kid: string) =>
      new SignJWT({ a: 1 }).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
    expect(await keysCache.verify(await sign(k1.privateKey, 'k1'), 'https://a/jwks')).toMatchObject({ a: 1 });
    await keysCache.verify(await sign(k1.privateKey, 'k1'), 'https://a/jwks');
    expect(fetched).toEqual(['https://a/jwks']);
    // Rotation: a new kid refetches (once the minimum refresh interval has passed).
    keys = [...keys, { ...(await exportJWK(k2.publicKey)), kid: 'k2' }];
    now += 31_000;
    await keysCache.verify(await sign(k2.privateKey, 'k2'), 'https://a/jwks');
    expect(fetched).toHaveLength(2);
    // A forged kid right after does not trigger another fetch.
    await expect(keysCache.verify(await sign(k2.privateKey, 'k9'), 'https://a/jwks')).rejects.toThrow();
    expect(fetched).toHaveLength(2);
    for (const u of ['https://b/jwks', 'https://c/jwks']) await keysCache.verify(await sign(k1.privateKey, 'k1'), u);
    expect(keysCache.size()).toBe(2);
  });
});
