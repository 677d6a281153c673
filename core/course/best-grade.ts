import type { Override, Submission } from './submission.ts';

export type Attempt = Pick<Submission, 'id' | 'status' | 'queuedAt' | 'result' | 'override' | 'late'>;
/** An attempt with its learner and lab, which the gradebook and the analytics group by. */
export type LearnerAttempt = Attempt & Pick<Submission, 'learnerId' | 'labId'>;

/** The score that counts for one learner on one lab. */
export interface CountingGrade {
  score: number;
  submissionId: string;
  /** The teacher's override decided it. */
  override?: Override;
  late: boolean;
  /** When the learner submitted the attempt that counts (its `queuedAt`; a regrade does not move it). */
  submittedAt: string;
  /** Graded attempts (ungradable ones do not count). */
  attempts: number;
}

/** An attempt is one graded, gradable submission. A configuration that cannot be read costs nothing. */
export const isAttempt = (a: Attempt): boolean => a.status === 'graded' && a.result?.gradable === true;

/**
 * Which score counts: a teacher's override wins (the most recent one, if several attempts were overridden);
 * otherwise the best graded score, the earliest attempt winning a tie.
 */
export function countingGrade(attempts: readonly Attempt[]): CountingGrade | undefined {
  const graded = attempts.filter(isAttempt);
  const overridden = attempts
    .filter((a) => a.override)
    .sort((a, b) => (a.override!.at < b.override!.at ? 1 : a.override!.at > b.override!.at ? -1 : 0))[0];
  if (overridden) {
    return {
      score: overridden.override!.score,
      submissionId: overridden.id,
      override: overridden.override,
      late: !!overridden.late,
      submittedAt: overridden.queuedAt,
      attempts: graded.length,
    };
  }
  let best: Attempt | undefined;
  for (const a of graded) {
    if (
      !best ||
      a.result!.score > best.result!.score ||
      (a.result!.score === best.result!.score && a.queuedAt < best.queuedAt)
    )
      best = a;
  }
  if (!best) return undefined;
  return {
    score: best.result!.score,
    submissionId: best.id,
    late: !!best.late,
    submittedAt: best.queuedAt,
    attempts: graded.length,
  };
}
