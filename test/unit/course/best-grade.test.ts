import { describe, it, expect } from 'vitest';
import { countingGrade, type Attempt } from '../../../core/course/best-grade.ts';

const attempt = (id: string, score: number | undefined, extra: Partial<Attempt> = {}): Attempt => ({
  id,
  status: score === undefined ? 'queued' : 'graded',
  queuedAt: `2026-01-01T00:00:${id.padStart(2, '0')}.000Z`,
  ...(score === undefined
    ? {}
    : { result: { gradable: true, rawScore: score, score, penaltyPercent: 0, checks: [], errors: [] } }),
  ...extra,
});

describe('countingGrade', () => {
  it('is undefined without a graded attempt', () => {
    expect(countingGrade([])).toBeUndefined();
    expect(countingGrade([attempt('1', undefined)])).toBeUndefined();
  });

  it('takes the best score, the earliest attempt winning a tie', () => {
    const g = countingGrade([attempt('3', 70), attempt('2', 90), attempt('1', 90), attempt('4', 10)]);
    expect(g).toMatchObject({ score: 90, submissionId: '1', attempts: 4 });
  });

  it('does not count ungradable submissions as attempts', () => {
    const bad = attempt('2', 0, {
      result: { gradable: false, rawScore: 0, score: 0, penaltyPercent: 0, checks: [], errors: [] },
    });
    expect(countingGrade([attempt('1', 40), bad])).toMatchObject({ score: 40, attempts: 1 });
  });

  it('lets the most recent override win, even over a better score', () => {
    const o1 = { score: 20, comment: 'plagiarism', by: 't', at: '2026-02-01T00:00:00Z' };
    const o2 = { score: 55, comment: 'regraded by hand', by: 't', at: '2026-02-02T00:00:00Z' };
    const g = countingGrade([attempt('1', 90), attempt('2', 60, { override: o1 }), attempt('3', 30, { override: o2 })]);
    expect(g).toMatchObject({ score: 55, submissionId: '3', override: o2 });
  });

  it('reports whether the counting attempt was late', () => {
    const late = { dueAt: 'x', daysLate: 1, penaltyPercent: 10 };
    expect(countingGrade([attempt('1', 50), attempt('2', 80, { late })])!.late).toBe(true);
    expect(countingGrade([attempt('1', 90), attempt('2', 80, { late })])!.late).toBe(false);
  });
});
