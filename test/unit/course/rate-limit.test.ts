import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { judgeSlidingWindow, rateWindow, windowFloor } from '../../../core/course/rate-limit.ts';

describe('fixed rate window (validation requests)', () => {
  it('cuts time into fixed windows and says how long until the next', () => {
    const w = rateWindow(new Date('2026-01-01T00:00:42.500Z'), 60);
    expect(w.windowStart).toBe('2026-01-01T00:00:00.000Z');
    expect(w.resetAt.toISOString()).toBe('2026-01-01T00:01:00.000Z');
    expect(w.retryAfterSeconds).toBe(18);
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
      }),
    );
  });
});

describe('sliding window over stored submissions', () => {
  const T0 = Date.parse('2026-01-01T00:00:00.000Z');
  const at = (seconds: number) => new Date(T0 + seconds * 1000);
  const rule = { limit: 3, windowSeconds: 60 };
  /** Newest first, as the store returns them. */
  const times = (...seconds: number[]) => seconds.map(at).reverse();

  it('counts an event while it is younger than the window: the floor is one millisecond after now − window', () => {
    expect(windowFloor(at(60), 60).toISOString()).toBe('2026-01-01T00:00:00.001Z');
  });

  it('allows up to the limit, then waits until the oldest that fills the window leaves it', () => {
    expect(judgeSlidingWindow(at(30), rule, times(0, 10))).toEqual({ allowed: true });
    expect(judgeSlidingWindow(at(30), rule, times(0, 10, 20))).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(judgeSlidingWindow(at(59.5), rule, times(0, 10, 20))).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('slides: the slot frees exactly one window after the oldest, and the next wait is the next oldest', () => {
    expect(judgeSlidingWindow(at(59.999), rule, times(0, 10, 20)).allowed).toBe(false);
    expect(judgeSlidingWindow(at(60), rule, times(0, 10, 20))).toEqual({ allowed: true });
    expect(judgeSlidingWindow(at(61), rule, times(10, 20, 60))).toEqual({ allowed: false, retryAfterSeconds: 9 });
  });

  it('ignores events older than the window and reads only the limit newest, in any order given', () => {
    expect(judgeSlidingWindow(at(100), rule, times(0, 10, 20, 50))).toEqual({ allowed: true });
    // Over the limit (a race let one extra in): the slot frees when the limit-th newest leaves.
    expect(judgeSlidingWindow(at(30), rule, [at(0), at(25), at(5), at(20)])).toEqual({ allowed: false, retryAfterSeconds: 35 });
  });

  it('never refuses below the limit, always refuses at it, and the wait ends exactly when a slot frees', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 3600 }),
        fc.array(fc.integer({ min: 0, max: 7_200_000 }), { maxLength: 15 }),
        fc.integer({ min: 0, max: 7_200_000 }),
        (limit, windowSeconds, offsets, nowOffset) => {
          const now = new Date(T0 + nowOffset);
          const events = offsets.filter((o) => o <= nowOffset).map((o) => new Date(T0 + o));
          const inWindow = events.filter((t) => t.getTime() > now.getTime() - windowSeconds * 1000).length;
          const d = judgeSlidingWindow(now, { limit, windowSeconds }, events);
          expect(d.allowed).toBe(inWindow < limit);
          if (d.allowed) return;
          expect(d.retryAfterSeconds).toBeGreaterThanOrEqual(1);
          expect(d.retryAfterSeconds).toBeLessThanOrEqual(windowSeconds);
          const later = new Date(now.getTime() + d.retryAfterSeconds * 1000);
          const earlier = new Date(now.getTime() + (d.retryAfterSeconds - 1) * 1000);
          expect(judgeSlidingWindow(later, { limit, windowSeconds }, events).allowed).toBe(true);
          if (d.retryAfterSeconds > 1) expect(judgeSlidingWindow(earlier, { limit, windowSeconds }, events).allowed).toBe(false);
        },
      ),
    );
  });
});
