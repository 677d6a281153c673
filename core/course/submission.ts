import type { ConfigFormat } from '../config-text.ts';
import type { GradeResult } from '../grading/result.ts';
import type { ConfigIssue } from '../validation.ts';

/**
 * A learner's answer to a lab and where it is in the grading pipeline.
 * queued → grading → graded | failed; a grading claim whose lease ran out may be claimed again (a crashed grader),
 * and a teacher's regrade sends a finished submission back to queued (keeping `queuedAt`, the learner's time).
 */
export const SUBMISSION_STATUSES = ['queued', 'grading', 'graded', 'failed'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

const TRANSITIONS: Record<SubmissionStatus, readonly SubmissionStatus[]> = {
  queued: ['grading'],
  grading: ['grading', 'graded', 'failed'],
  graded: ['queued'],
  failed: ['queued'],
};

/** The store's conditional writes (claim, record, release, requeue) enforce exactly these transitions. */
export function canTransition(from: SubmissionStatus, to: SubmissionStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** A grader's claim on a submission: only the holder of `token` may record the result, until `leaseUntil`. */
export interface GradingClaim {
  token: string;
  leaseUntil: string;
}

/** How late a submission was, fixed when it arrives. */
export interface Lateness {
  dueAt: string;
  /** Whole days started after the deadline (1 for one minute late). */
  daysLate: number;
  /** Percent the late policy takes off, decided on arrival so a later policy change does not rescore it. */
  penaltyPercent: number;
}

/** A teacher's score that replaces the graded one in the gradebook. */
export interface Override {
  score: number;
  comment: string;
  by: string;
  at: string;
}

/** One check of the grade, as stored: enough for the analytics and the learner's view. */
export interface CheckOutcome {
  id: string;
  passed: boolean;
  points: number;
  maxPoints: number;
}

/** What the grader recorded. `grade` is the full explained result shown to the learner (absent in listings). */
export interface SubmissionResult {
  gradable: boolean;
  /** Score before any late penalty, 0–100. */
  rawScore: number;
  /** Score after the late policy, 0–100. */
  score: number;
  penaltyPercent: number;
  checks: CheckOutcome[];
  errors: ConfigIssue[];
  grade?: GradeResult;
}

export interface Submission {
  id: string;
  learnerId: string;
  labId: string;
  courseId?: string;
  format: ConfigFormat;
  config: string;
  status: SubmissionStatus;
  /** When the learner submitted. Never changes: a regrade records `requeuedAt`, and best-grade ties, pages and the CSV use this. */
  queuedAt: string;
  /** When a teacher's regrade last sent it back to the queue. */
  requeuedAt?: string;
  gradingStartedAt?: string;
  /** When the current result was recorded. */
  gradedAt?: string;
  /** When a regrade's result was recorded (then equal to `gradedAt`); absent for a first grading. */
  regradedAt?: string;
  failedAt?: string;
  /** Times a grader claimed it (more than one means a redelivery or a regrade). */
  claims: number;
  claim?: GradingClaim;
  late?: Lateness;
  result?: SubmissionResult;
  override?: Override;
  /** Why grading failed, for operators (never shown with internals to learners). */
  failure?: string;
}

/**
 * A submission as course-wide listings return it (gradebook, analytics, a lab's submissions): everything but the
 * configuration text and the full explained grade (`result.grade` is absent), which only the single read returns.
 */
export type SubmissionSummary = Omit<Submission, 'config' | 'claim' | 'failure'>;

/** The score that counts for one submission: the teacher's override wins over the graded score. */
export function effectiveScore(s: Pick<Submission, 'result' | 'override'>): number | undefined {
  return s.override?.score ?? s.result?.score;
}
