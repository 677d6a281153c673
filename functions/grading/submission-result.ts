import { resultOf } from '../../core/course/submission-result.ts';
import type { Submission, SubmissionResult } from '../../core/course/submission.ts';
import type { GradeResult } from '../../core/grading/result.ts';

/**
 * A DynamoDB item holds at most 400 KB, and the submission item also carries the configuration (≤ 64 KiB). The
 * grader bounds its result well below that; should one still be too large, the trace and state excerpts are
 * dropped (the run is deterministic, so they can be recomputed for display) rather than failing to store.
 */
const MAX_STORED_GRADE_BYTES = 300 * 1024;

function storable(grade: GradeResult): GradeResult {
  const bytes = Buffer.byteLength(JSON.stringify(grade));
  if (bytes <= MAX_STORED_GRADE_BYTES) return grade;
  return { ...grade, traceExcerpt: [], stateExcerpt: { truncated: true, bytes } };
}

/** The course's result of a grade (core rules), with the grade trimmed to fit the submission item. */
export function toSubmissionResult(grade: GradeResult, late: Submission['late']): SubmissionResult {
  return { ...resultOf(grade, late), grade: storable(grade) };
}
