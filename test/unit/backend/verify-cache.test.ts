import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { AuthPort, User } from '../../../functions/auth/user.ts';
import { withVerifyCache } from '../../../functions/auth/verify-cache.ts';

const key = new TextEncoder().encode('test-only-secret-test-only-secret');
const token = (sub: string, expSeconds: number) =>
  new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setExpirationTime(expSeconds).sign(key);

/** A verifier that accepts tokens whose subject starts with "ok" and counts how often it is asked. */
function counting(): AuthPort & { calls: number } {
  const port = {
    calls: 0,
    async verify(t: string): Promise<User | undefined> {
      port.calls++;
      const sub = JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString()).sub as string;
      return sub.startsWith('ok') ? { id: sub, name: sub, roles: ['learner'] } : undefined;
    },
  };
  return port;
}

describe('verified-token cache', () => {
  it('checks a good token once and reuses the verdict', async () => {
    const inner = counting();
    let now = 1_000_000_000_000;
    const auth = withVerifyCache(inner, { now: () => now });
    const t = await token('ok-1', now / 1000 + 3600);
    expect((await auth.verify(t))?.id).toBe('ok-1');
    now += 1000;
    expect((await auth.verify(t))?.id).toBe('ok-1');
    expect(inner.calls).toBe(1);
  });

  it('asks again once the token has expired or the verdict is too old', async () => {
    const inner = counting();
    let now = 1_000_000_000_000;
    const auth = withVerifyCache(inner, { now: () => now, maxAgeMs: 60_000 });
    const short = await token('ok-short', now / 1000 + 10);
    await auth.verify(short);
    now += 11_000;
    await auth.verify(short);
    expect(inner.calls).toBe(2);
    const long = await token('ok-long', now / 1000 + 3600);
    await auth.verify(long);
    now += 61_000;
    await auth.verify(long);
    expect(inner.calls).toBe(4);
  });

  it('never remembers a refusal', async () => {
    const inner = counting();
    const auth = withVerifyCache(inner);
    const bad = await token('forged', Date.now() / 1000 + 3600);
    expect(await auth.verify(bad)).toBeUndefined();
    expect(await auth.verify(bad)).toBeUndefined();
    expect(inner.calls).toBe(2);
  });

  it('keeps at most maxEntries verdicts', async () => {
    const inner = counting();
    const auth = withVerifyCache(inner, { maxEntries: 2 });
    const [a, b, c] = await Promise.all(['ok-a', 'ok-b', 'ok-c'].map((s) => token(s, Date.now() / 1000 + 3600)));
    for (const t of [a, b, c, a]) await auth.verify(t);
    expect(inner.calls).toBe(4);
  });
});
