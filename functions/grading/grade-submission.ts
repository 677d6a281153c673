import type { GradeInput } from '../../core/grading/grade.ts';
import type { GradeResult } from '../../core/grading/result.ts';
import type { Lab } from '../../core/labs/lab-schema.ts';
import type { SubmissionReceived } from '../../core/course/submission-received.ts';
import type { OnGraded } from '../ports/grade-events.ts';
import type { Store } from '../ports/store.ts';
import { logger } from '../observability/logger.ts';
import type { GradingMetrics } from '../observability/metrics.ts';

export interface GradingDeps {
  store: Store;
  labs: readonly Lab[];
  clock: () => Date;
  ids: () => string;
  leaseSeconds: number;
  /** The core grader; a test may wrap it to inject a crash. */
  grade?: (input: GradeInput) => GradeResult;
  /** Claims after which a submission whose grading keeps crashing is marked failed instead of retried. */
  maxClaims?: number;
  /** Grading lag, duration and failures (EMF on AWS); none locally. */
  metrics?: GradingMetrics;
  /**
   * Called once a result is recorded (e.g. LTI: an AGS score goes to the outbox, functions/lti/ags-outbox.ts). Its
   * failure is logged and never fails the grading.
   */
  onGraded?: OnGraded;
}

/** The message should come back later: another grader holds a live claim, or grading crashed and was released. */
export class RetryLater extends Error {
  override name = 'RetryLater';
}

export type GradeOutcome = 'graded' | 'already-done' | 'failed' | 'missing';

/**
 * Grade one submission event, at-least-once safe. Conditional writes are the guard (no separate idempotency
 * store): the claim admits one grader at a time, the result is recorded only under the claim, and the best-grade
 * cell only ever rises, so a duplicate or late redelivery changes nothing.
 */
export async function handleSubmissionReceived(deps: GradingDeps, event: SubmissionReceived): Promise<GradeOutcome> {
  const { store } = deps;
  const now = deps.clock();
  const token = deps.ids();
  const leaseUntil = new Date(now.getTime() + deps.leaseSeconds * 1000).toISOString();
  // Claim first: the claim's condition is the whole test (the submission exists, is queued, or its lease ran out),
  // so the usual delivery costs no read; only a refused claim reads the submission to tell why.
  const claimed = await store.claimSubmission(event.submissionId, { token, now: now.toISOString(), leaseUntil });
  if (!claimed) {
    const current = await store.getSubmission(event.submissionId);
    if (!current) {
      logger.warn('submission not found', { submissionId: event.submissionId });
      return 'missing';
    }
    if (current.status === 'graded' || current.status === 'failed') return 'already-done';
    throw new RetryLater(`submission ${current.id} is being graded by another worker`);
  }

  const lab = deps.labs.find((l) => l.id === claimed.labId);
  if (!lab) {
    await store.recordFailure(claimed.id, token, `unknown lab ${claimed.labId}`, deps.clock().toISOString());
    deps.metrics?.failed();
    return 'failed';
  }

  // Loaded with the first submission, not at a cold start: the simulators, the YAML parser and the schemas are most
  // of the grader's code.
  const [{ gradeSubmission }, { toSubmissionResult }] = await Promise.all([
    import('../../core/grading/grade.ts'),
    import('./submission-result.ts'),
  ]);
  const gradeWith = deps.grade ?? gradeSubmission;
  let grade: GradeResult;
  try {
    grade = gradeWith({
      lab,
      text: claimed.config,
      learnerId: claimed.learnerId,
      format: claimed.format,
    });
  } catch (err) {
    logger.error('grading crashed', { submissionId: claimed.id, claims: claimed.claims, error: err as Error });
    if (claimed.claims >= (deps.maxClaims ?? 3)) {
      await store.recordFailure(
        claimed.id,
        token,
        `grader error: ${(err as Error).message}`,
        deps.clock().toISOString(),
      );
      deps.metrics?.failed();
      return 'failed';
    }
    await store.releaseClaim(claimed.id, token, deps.clock().toISOString());
    throw new RetryLater(`grading ${claimed.id} crashed; released for a retry`);
  }

  const result = toSubmissionResult(grade, claimed.late);
  const gradedAt = deps.clock().toISOString();
  if (!(await store.recordResult(claimed.id, token, result, gradedAt))) return 'already-done';
  if (event.regradeJobId && claimed.courseId) {
    await store.addRegradeCount(claimed.courseId, event.regradeJobId, 'graded', 1);
  }
  if (result.gradable) {
    await store.raiseBest({
      learnerId: claimed.learnerId,
      labId: claimed.labId,
      courseId: claimed.courseId,
      best: result.score,
      submissionId: claimed.id,
      updatedAt: gradedAt,
    });
  }
  // The claim set gradingStartedAt to `now`; a regrade waits from its requeue, not from the original submission.
  const queuedAt = Date.parse(claimed.requeuedAt ?? claimed.queuedAt);
  const gradingMs = Date.parse(gradedAt) - now.getTime();
  deps.metrics?.graded({ lagMs: Date.parse(gradedAt) - queuedAt, durationMs: gradingMs, late: !!claimed.late });
  if (result.gradable && deps.onGraded) {
    const event = { submissionId: claimed.id, learnerId: claimed.learnerId, labId: claimed.labId, score: result.score };
    await deps
      .onGraded({ ...event, courseId: claimed.courseId, at: new Date(gradedAt) })
      .catch((err: unknown) => logger.error('grade hook failed', { submissionId: claimed.id, error: err as Error }));
  }
  logger.info('graded', {
    submissionId: claimed.id,
    labId: claimed.labId,
    score: result.score,
    queuedToStartMs: now.getTime() - queuedAt,
    gradingMs,
  });
  return 'graded';
}
