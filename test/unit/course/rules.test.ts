import { describe, it, expect } from 'vitest';
import { webcrypto } from 'node:crypto';
import { JOIN_CODE_PATTERN, newJoinCode, normalizeJoinCode } from '../../../core/course/join-code.ts';
import { SUBMISSION_STATUSES, canTransition, effectiveScore } from '../../../core/course/submission.ts';

describe('join codes', () => {
  const crypto = (n: number) => webcrypto.getRandomValues(new Uint8Array(n));

  it('are drawn from the random source alone, well-formed, and differ', () => {
    const codes = new Set(Array.from({ length: 500 }, () => newJoinCode(crypto)));
    expect(codes.size).toBe(500);
    for (const c of codes) expect(c).toMatch(JOIN_CODE_PATTERN);
  });

  it('map bytes to characters without bias: bytes past the last whole alphabet are drawn again', () => {
    // 248 = 8 × 31: bytes 248–255 would make the first 8 characters likelier, so they are skipped.
    const bytes = [255, 248, 0, 30, 31, 247, 62, 1, 2, 3];
    let at = 0;
    const fixed = (n: number) => Uint8Array.from({ length: n }, () => bytes[at++ % bytes.length]);
    expect(newJoinCode(fixed)).toBe('A9A9ABCD');
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) for (const ch of newJoinCode(crypto)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(31);
    // 32,000 draws of 31 characters: about 1,032 each; a biased mapping would skew the first ones by a third.
    for (const n of counts.values()) expect(Math.abs(n - 32_000 / 31)).toBeLessThan(200);
  });

  it('normalize what a person types', () => {
    expect(normalizeJoinCode(' xenh-vm26 ')).toBe('XENHVM26');
  });
});

describe('submission status machine', () => {
  it('allows exactly the pipeline’s transitions', () => {
    const allowed = SUBMISSION_STATUSES.flatMap((from) =>
      SUBMISSION_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'failed>queued',
        'graded>queued',
        'grading>failed',
        'grading>graded',
        'grading>grading',
        'queued>grading',
      ].sort(),
    );
  });

  it('prefers the override to the graded score', () => {
    const result = { gradable: true, rawScore: 80, score: 80, penaltyPercent: 0, checks: [], errors: [] };
    expect(effectiveScore({ result })).toBe(80);
    expect(effectiveScore({ result, override: { score: 10, comment: '', by: 't', at: 'x' } })).toBe(10);
  });
});
