import { describe, it, expect } from 'vitest';
import {
  REGRADE_REQUEST_STATES,
  RegradeAnswerSchema,
  RegradeAskSchema,
  applyRegradeEvent,
  whyNoRegradeRequest,
  type RegradeRequest,
} from '../../../core/course/regrade-request.ts';
import type { Submission } from '../../../core/course/submission.ts';

const open: RegradeRequest = {
  submissionId: 'S1',
  courseId: 'C1',
  labId: 'lab',
  learnerId: 'l1',
  state: 'open',
  message: 'why?',
  askedAt: '2026-01-01T00:00:00.000Z',
};
const by = { by: 't1', role: 'ta' as const, at: '2026-01-02T00:00:00.000Z', reply: 'ok' };

describe('regrade request state machine', () => {
  it('open is answered once: accept keeps the score, reject has none', () => {
    expect(applyRegradeEvent(open, { kind: 'accept', ...by, score: 80 })).toMatchObject({
      state: 'accepted',
      answer: { by: 't1', role: 'ta', score: 80, reply: 'ok' },
    });
    const rejected = applyRegradeEvent(open, { kind: 'reject', ...by })!;
    expect(rejected.state).toBe('rejected');
    expect(rejected.answer!.score).toBeUndefined();
  });

  it('an answered request handles no event', () => {
    for (const state of REGRADE_REQUEST_STATES.filter((s) => s !== 'open')) {
      expect(applyRegradeEvent({ ...open, state }, { kind: 'reject', ...by })).toBeUndefined();
      expect(applyRegradeEvent({ ...open, state }, { kind: 'accept', ...by, score: 1 })).toBeUndefined();
    }
  });
});

describe('who may ask', () => {
  const sub = { id: 'S1', learnerId: 'l1', labId: 'lab', courseId: 'C1', status: 'graded' } as Submission;
  it('the learner, on a graded submission made in a course', () => {
    expect(whyNoRegradeRequest(sub, 'l1')).toBeUndefined();
    expect(whyNoRegradeRequest(sub, 'l2')?.reason).toBe('forbidden');
    expect(whyNoRegradeRequest({ ...sub, courseId: undefined }, 'l1')?.reason).toBe('forbidden');
    expect(whyNoRegradeRequest({ ...sub, status: 'queued' }, 'l1')?.reason).toBe('not_graded');
    expect(whyNoRegradeRequest({ ...sub, status: 'failed' }, 'l1')?.text.ko).toContain('채점');
  });
});

describe('bodies', () => {
  it('trims, bounds, and tells an accept from a reject', () => {
    expect(RegradeAskSchema.parse({ message: '  hi ' }).message).toBe('hi');
    expect(RegradeAskSchema.safeParse({ message: 'x'.repeat(1001) }).success).toBe(false);
    expect(RegradeAnswerSchema.safeParse({ decision: 'accept', reply: 'x' }).success).toBe(false);
    expect(RegradeAnswerSchema.safeParse({ decision: 'reject', reply: 'x' }).success).toBe(true);
    expect(RegradeAnswerSchema.safeParse({ decision: 'accept', score: 50.5, reply: 'x' }).success).toBe(false);
  });
});
