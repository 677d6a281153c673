import { describe, it, expect } from 'vitest';
import { JOIN_CODE_PATTERN, joinCodeFrom, normalizeJoinCode } from '../../../core/course/join-code.ts';
import { SUBMISSION_STATUSES, canTransition, effectiveScore } from '../../../core/course/submission.ts';

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

  it('prefers the override to the graded score', () => {
    const result = { gradable: true, rawScore: 80, score: 80, penaltyPercent: 0, checks: [], errors: [] };
    expect(effectiveScore({ result })).toBe(80);
    expect(effectiveScore({ result, override: { score: 10, comment: '', by: 't', at: 'x' } })).toBe(10);
  });
});
