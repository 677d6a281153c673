import { describe, it, expect } from 'vitest';
import {
  applyPenalty,
  daysLate,
  effectiveDueAt,
  extendsDeadline,
  judgeLateness,
  LatePolicySchema,
  type Deadline,
} from '../../../core/course/late-policy.ts';

const due = '2026-03-01T00:00:00.000Z';
const at = (iso: string) => new Date(iso);
const deadline = (latePolicy: Deadline['latePolicy']): Deadline => ({
  courseId: 'c',
  labId: 'l',
  dueAt: due,
  latePolicy,
});

describe('late policy', () => {
  it('counts any started day after the deadline as a day', () => {
    expect(daysLate(due, at('2026-02-28T23:59:59.000Z'))).toBe(0);
    expect(daysLate(due, at(due))).toBe(0);
    expect(daysLate(due, at('2026-03-01T00:00:01.000Z'))).toBe(1);
    expect(daysLate(due, at('2026-03-02T00:00:00.000Z'))).toBe(1);
    expect(daysLate(due, at('2026-03-02T00:00:00.001Z'))).toBe(2);
  });

  it('accepts everything without a deadline, and on-time work under any policy', () => {
    expect(judgeLateness(undefined, undefined, at('2030-01-01T00:00:00Z'))).toEqual({ accepted: true });
    expect(judgeLateness(deadline({ kind: 'reject' }), undefined, at('2026-02-01T00:00:00Z'))).toEqual({
      accepted: true,
    });
  });

  it('refuses late work under reject, and beyond maxDaysLate under penalty', () => {
    expect(judgeLateness(deadline({ kind: 'reject' }), undefined, at('2026-03-01T00:00:01Z')).accepted).toBe(false);
    const p = deadline({ kind: 'penalty', penaltyPercentPerDay: 10, maxDaysLate: 2 });
    expect(judgeLateness(p, undefined, at('2026-03-02T12:00:00Z'))).toEqual({
      accepted: true,
      late: { dueAt: due, daysLate: 2, penaltyPercent: 20 },
    });
    expect(judgeLateness(p, undefined, at('2026-03-03T12:00:00Z'))).toMatchObject({ accepted: false, daysLate: 3 });
  });

  it('marks late work under none without a penalty, and caps a penalty at 100%', () => {
    expect(judgeLateness(deadline({ kind: 'none' }), undefined, at('2026-03-05T00:00:00Z'))).toEqual({
      accepted: true,
      late: { dueAt: due, daysLate: 4, penaltyPercent: 0 },
    });
    const p = deadline({ kind: 'penalty', penaltyPercentPerDay: 40 });
    expect(judgeLateness(p, undefined, at('2026-03-04T00:00:00Z'))).toMatchObject({
      late: { daysLate: 3, penaltyPercent: 100 },
    });
  });

  it('uses the learner’s extension instead of the lab’s deadline', () => {
    const ext = { courseId: 'c', labId: 'l', learnerId: 'a', dueAt: '2026-03-10T00:00:00.000Z' };
    const d = deadline({ kind: 'reject' });
    expect(effectiveDueAt(d, ext)).toBe(ext.dueAt);
    expect(judgeLateness(d, ext, at('2026-03-09T00:00:00Z'))).toEqual({ accepted: true });
    expect(judgeLateness(d, ext, at('2026-03-10T00:00:01Z'))).toMatchObject({ accepted: false, dueAt: ext.dueAt });
  });

  it('never lets an extension shorten the learner’s time: a deadline moved past it counts instead', () => {
    const ext = { courseId: 'c', labId: 'l', learnerId: 'a', dueAt: '2026-03-10T00:00:00.000Z' };
    const moved: Deadline = { ...deadline({ kind: 'reject' }), dueAt: '2026-03-20T00:00:00.000Z' };
    expect(effectiveDueAt(moved, ext)).toBe(moved.dueAt);
    expect(judgeLateness(moved, ext, at('2026-03-15T00:00:00Z'))).toEqual({ accepted: true });
    expect(judgeLateness(moved, ext, at('2026-03-20T00:00:01Z'))).toMatchObject({
      accepted: false,
      dueAt: moved.dueAt,
    });
    const none: Deadline = { ...moved, latePolicy: { kind: 'none' } };
    expect(judgeLateness(none, ext, at('2026-03-21T00:00:00Z'))).toMatchObject({
      late: { dueAt: moved.dueAt, daysLate: 1 },
    });
  });

  it('takes an extension only when it ends after the lab’s deadline', () => {
    const d = deadline({ kind: 'reject' });
    expect(extendsDeadline(d, '2026-03-01T00:00:00.001Z')).toBe(true);
    expect(extendsDeadline(d, '2026-03-01T09:00:00+09:00')).toBe(false); // the same moment, written in Seoul time
    expect(extendsDeadline(d, '2026-02-28T00:00:00.000Z')).toBe(false);
  });

  it('applies a penalty as a percentage, rounded to cents, never below zero', () => {
    expect(applyPenalty(80, 25)).toBe(60);
    expect(applyPenalty(33.33, 10)).toBe(30);
    expect(applyPenalty(50, 100)).toBe(0);
  });

  it('validates policies', () => {
    expect(LatePolicySchema.safeParse({ kind: 'penalty', penaltyPercentPerDay: 120 }).success).toBe(false);
    expect(LatePolicySchema.safeParse({ kind: 'later' }).success).toBe(false);
    expect(LatePolicySchema.safeParse({ kind: 'penalty', penaltyPercentPerDay: 5, maxDaysLate: 3 }).success).toBe(true);
  });
});
