import { describe, expect, it } from 'vitest';
import { pollDelayMs, retryAfterMs } from '../../../functions/web/client.ts';

describe('waiting for a grade', () => {
  it('asks again soon at first, then backs off to once a second', () => {
    const delays = Array.from({ length: 8 }, (_, asked) => pollDelayMs(asked));
    expect(delays).toEqual([50, 100, 200, 400, 800, 1000, 1000, 1000]);
    // Under the old fixed 500 ms, a grade ready after 120 ms was seen at 500 ms; now after 50 + 100 = 150 ms.
    expect(delays[0] + delays[1]).toBeLessThan(500);
    // Ninety seconds of waiting stay under a hundred requests.
    let waited = 0;
    let asked = 0;
    while (waited < 90_000) waited += pollDelayMs(asked++);
    expect(asked).toBeLessThan(100);
  });

  it('backs off further for a longer job when given a ceiling (a regrade: up to five seconds)', () => {
    const delays = Array.from({ length: 9 }, (_, asked) => pollDelayMs(asked, undefined, 5_000));
    expect(delays).toEqual([50, 100, 200, 400, 800, 1600, 3200, 5000, 5000]);
  });

  it('never asks sooner than a Retry-After says, and backs off as usual without one', () => {
    expect(pollDelayMs(0, 3000)).toBe(3000);
    expect(pollDelayMs(6, 200)).toBe(1000);
    expect(pollDelayMs(2, undefined)).toBe(200);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-12-05T05:00:00Z');
  it('reads delay-seconds and HTTP dates, capped at a minute', () => {
    expect(retryAfterMs('1', now)).toBe(1000);
    expect(retryAfterMs(' 30 ', now)).toBe(30_000);
    expect(retryAfterMs('3600', now)).toBe(60_000);
    expect(retryAfterMs('Sat, 05 Dec 2026 05:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Sat, 05 Dec 2026 04:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    for (const bad of [null, undefined, '', 'soon', '-3']) expect(retryAfterMs(bad, now)).toBeUndefined();
  });
});
