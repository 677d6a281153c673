import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { rateWindow } from '../../../core/course/rate-limit.ts';
import { JOIN_CODE_PATTERN, joinCodeFrom, normalizeJoinCode } from '../../../core/course/join-code.ts';
import { SUBMISSION_STATUSES, canTransition, isClaimable, effectiveScore } from '../../../core/course/submission.ts';

describe('rate window', () => {
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

describe('join codes', () => {
  it('are deterministic per seed, well-formed, and differ between seeds', () => {
    expect(joinCodeFrom('01ABC')).toBe(joinCodeFrom('01ABC'));
    const codes = new Set(Array.from({ length: 200 }, (_, i) => joinCodeFrom(`seed-${i}`)));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(JOIN_CODE_PATTERN);
  });

  it('normalize what a person types', () => {
    expect(normalizeJoinCode(' xenh-vm26 ')).toBe('XENHVM26');
  });
});

describe('submission status machine', () => {
  it('allows exactly the pipeline’s transitions', () => {
    const allowed = SUBMISSION_STATUSES.flatMap((from) => SUBMISSION_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`));
    expect(allowed.sort()).toEqual(['failed>queued', 'graded>queued', 'grading>failed', 'grading>graded', 'grading>grading', 'queued>grading'].sort());
  });

  it('lets a grader claim queued work, or grading work whose lease ran out', () => {
    const now = new Date('2026-01-01T00:01:00Z');
    expect(isClaimable({ status: 'queued' }, now)).toBe(true);
    expect(isClaimable({ status: 'grading', claim: { token: 't', leaseUntil: '2026-01-01T00:02:00Z' } }, now)).toBe(false);
    expect(isClaimable({ status: 'grading', claim: { token: 't', leaseUntil: '2026-01-01T00:00:59Z' } }, now)).toBe(true);
    expect(isClaimable({ status: 'graded' }, now)).toBe(false);
  });

  it('prefers the override to the graded score', () => {
    const result = { gradable: true, rawScore: 80, score: 80, penaltyPercent: 0, checks: [], errors: [], grade: null };
    expect(effectiveScore({ result })).toBe(80);
    expect(effectiveScore({ result, override: { score: 10, comment: '', by: 't', at: 'x' } })).toBe(10);
  });
});
