import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { rateWindow } from '../../../core/course/rate-limit.ts';

describe('fixed rate window', () => {
  it('cuts time into fixed windows and says how long until the next', () => {
    const w = rateWindow(new Date('2026-01-01T00:00:42.500Z'), 60);
    expect(w.windowStart).toBe('2026-01-01T00:00:00.000Z');
    expect(w.resetAt.toISOString()).toBe('2026-01-01T00:01:00.000Z');
    expect(w.retryAfterSeconds).toBe(18);
    // At the very start of a window the wait is the whole window, never one second more.
    expect(rateWindow(new Date('2026-01-01T00:01:00.000Z'), 60).retryAfterSeconds).toBe(60);
    expect(rateWindow(new Date('2026-01-01T00:00:59.999Z'), 60).retryAfterSeconds).toBe(1);
  });

  it('always contains now and waits between 1 and the window length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 1, max: 86400 }), (t, size) => {
        const w = rateWindow(new Date(t), size);
        const start = Date.parse(w.windowStart);
        expect(start).toBeLessThanOrEqual(t);
        expect(w.resetAt.getTime()).toBeGreaterThan(t);
        expect(w.resetAt.getTime() - start).toBe(size * 1000);
        expect(w.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        expect(w.retryAfterSeconds).toBeLessThanOrEqual(size);
        // Retry-After is a promise: the counter's window has ended by then.
        expect(t + w.retryAfterSeconds * 1000).toBeGreaterThanOrEqual(w.resetAt.getTime());
      }),
    );
  });
});
