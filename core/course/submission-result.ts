import type { GradeResult } from '../grading/result.ts';
import { applyPenalty } from './late-policy.ts';
import type { Submission, SubmissionResult } from './submission.ts';

/** Percent of the lab's points, two decimals, so scores of different labs compare. */
export const percent = (score: number, max: number) => (max > 0 ? Math.round((score / max) * 10000) / 100 : 0);

/**
 * What a grade counts for in the course: the lab's points as a percentage (0 when not gradable), reduced by the
 * late penalty fixed when the submission arrived, and each check's points.
 */
export function resultOf(grade: GradeResult, late: Submission['late']): SubmissionResult {
  const rawScore = grade.gradable ? percent(grade.score, grade.maxScore) : 0;
  const penaltyPercent = late?.penaltyPercent ?? 0;
  return {
    gradable: grade.gradable,
    rawScore,
    score: applyPenalty(rawScore, penaltyPercent),
    penaltyPercent,
    checks: grade.checks.map((c) => ({ id: c.id, passed: c.passed, points: c.earned, maxPoints: c.points })),
    errors: grade.errors,
    grade,
  };
}
