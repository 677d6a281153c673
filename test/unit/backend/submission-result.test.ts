import { describe, it, expect } from 'vitest';
import { gradeSubmission } from '../../../core/grading/grade.ts';
import { variantFor } from '../../../core/labs/variant.ts';
import { loadLabs } from '../../../functions/adapters/labs-fs.ts';
import { toSubmissionResult } from '../../../functions/grading/submission-result.ts';

const labs = await loadLabs('content');
const lab = labs.find((l) => l.id === 'hvm-boot-vtx')!;

describe('toSubmissionResult', () => {
  it('turns points into a percentage and applies the late penalty fixed on arrival', () => {
    const grade = gradeSubmission({ lab, text: variantFor(lab, 'u1').reference, learnerId: 'u1' });
    const onTime = toSubmissionResult(grade, undefined);
    expect(onTime).toMatchObject({ gradable: true, rawScore: 100, score: 100, penaltyPercent: 0 });
    expect(onTime.checks.map((c) => c.id)).toEqual(grade.checks.map((c) => c.id));
    const late = toSubmissionResult(grade, { dueAt: 'x', daysLate: 3, penaltyPercent: 30 });
    expect(late).toMatchObject({ rawScore: 100, score: 70, penaltyPercent: 30 });
  });

  it('scores an ungradable submission 0 and keeps its errors', () => {
    const grade = gradeSubmission({ lab, text: 'target: [', learnerId: 'u1' });
    const r = toSubmissionResult(grade, undefined);
    expect(r).toMatchObject({ gradable: false, rawScore: 0, score: 0 });
    expect(r.errors.length).toBeGreaterThan(0);
  });

  it('drops the excerpts of a grade too large to store, keeping the score and checks', () => {
    const grade = gradeSubmission({ lab, text: variantFor(lab, 'u1').reference, learnerId: 'u1' });
    const huge = {
      ...grade,
      traceExcerpt: Array.from({ length: 4000 }, (_, i) => ({
        ...grade.traceExcerpt[0],
        seq: i,
        detail: 'x'.repeat(100),
      })),
    };
    const r = toSubmissionResult(huge, undefined);
    const stored = r.grade as typeof grade;
    expect(stored.traceExcerpt).toEqual([]);
    expect(stored.stateExcerpt).toMatchObject({ truncated: true });
    expect(stored.score).toBe(grade.score);
    expect(Buffer.byteLength(JSON.stringify(r))).toBeLessThan(300 * 1024);
    // A normal grade is stored as it is.
    expect(toSubmissionResult(grade, undefined).grade).toEqual(grade);
  });
});
