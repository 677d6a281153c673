import { msg } from '../../core/i18n.ts';
import {
  REGRADE_QUEUE_MAX,
  REGRADE_REQUEST_ANSWERED,
  applyRegradeEvent,
  whyNoRegradeRequest,
  type RegradeAnswer,
  type RegradeAsk,
  type RegradeRequest,
} from '../../core/course/regrade-request.ts';
import { mayDo } from '../../core/course/roles.ts';
import { effectiveScore, type Submission } from '../../core/course/submission.ts';
import type { User } from '../auth/user.ts';
import { courseStaff, staffRoleIn, visibleSubmission } from './access.ts';
import { recordAudit } from './audit.ts';
import type { ServiceDeps } from './deps.ts';
import { conflict, forbidden, notFound } from './errors.ts';
import { recordOverride } from './teaching.ts';

export const NO_REGRADE_REQUEST = msg('이 제출에는 재채점 요청이 없습니다.', 'This submission has no regrade request.');

/** A learner asks staff to look at one of their graded submissions again; once per submission. */
export async function askRegrade(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  user: User,
  submissionId: string,
  ask: RegradeAsk,
): Promise<RegradeRequest> {
  const sub = await visibleSubmission(deps, user, submissionId);
  const refusal = whyNoRegradeRequest(sub, user.id);
  if (refusal) throw refusal.reason === 'not_graded' ? conflict('not_graded', refusal.text) : forbidden(refusal.text);
  const request: RegradeRequest = {
    submissionId: sub.id,
    courseId: sub.courseId!,
    labId: sub.labId,
    learnerId: sub.learnerId,
    state: 'open',
    message: ask.message,
    askedAt: deps.clock().toISOString(),
    ...(effectiveScore(sub) !== undefined ? { scoreAsked: effectiveScore(sub) } : {}),
  };
  if (!(await deps.store.putRegradeRequest(request))) {
    throw conflict(
      'regrade_request_exists',
      msg('이 제출에는 이미 재채점을 요청했습니다.', 'You have already asked for a regrade of this submission.'),
    );
  }
  return request;
}

/** The thread of a submission, for whoever may see the submission (its learner, the course's staff). */
export async function regradeThread(
  deps: Pick<ServiceDeps, 'store'>,
  user: User,
  submissionId: string,
): Promise<RegradeRequest | undefined> {
  const sub = await visibleSubmission(deps, user, submissionId);
  return sub.courseId ? deps.store.getRegradeRequest(sub.courseId, sub.id) : undefined;
}

/**
 * What the submission page shows of the thread to a caller who may see `sub`: the request, whether they may ask
 * (the learner, none yet) and whether they may answer (staff who may grade, while open).
 */
export async function regradeThreadFor(
  deps: Pick<ServiceDeps, 'store'>,
  user: User,
  sub: Submission,
): Promise<{ request?: RegradeRequest; mayAsk: boolean; mayAnswer: boolean }> {
  const request = sub.courseId ? await deps.store.getRegradeRequest(sub.courseId, sub.id) : undefined;
  const course = request?.state === 'open' ? await deps.store.getCourse(request.courseId) : undefined;
  const role = course ? await staffRoleIn(deps, user, course) : undefined;
  return {
    ...(request ? { request } : {}),
    mayAsk: !request && !whyNoRegradeRequest(sub, user.id),
    mayAnswer: !!role && mayDo(role, 'grade'),
  };
}

/** The course's open requests, oldest first: the queue of staff who may grade. */
export async function regradeQueue(
  deps: Pick<ServiceDeps, 'store'>,
  user: User,
  courseId: string,
): Promise<RegradeRequest[]> {
  await courseStaff(deps, user, courseId, 'grade');
  return deps.store.listOpenRegradeRequests(courseId, REGRADE_QUEUE_MAX);
}

/**
 * Staff who may grade answer an open request. The answer is recorded first, on the condition that the request is
 * still open, so of two answers at once only one takes; an acceptance then sets the submission's override.
 */
export async function answerRegrade(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'ids' | 'onGraded'>,
  user: User,
  submissionId: string,
  answer: RegradeAnswer,
): Promise<RegradeRequest> {
  const sub = await visibleSubmission(deps, user, submissionId);
  const request = sub.courseId ? await deps.store.getRegradeRequest(sub.courseId, sub.id) : undefined;
  if (!request) throw notFound(NO_REGRADE_REQUEST);
  const access = await courseStaff(deps, user, request.courseId, 'grade');
  const at = deps.clock().toISOString();
  const base = { by: user.id, role: access.role, at, reply: answer.reply };
  const next = applyRegradeEvent(
    request,
    answer.decision === 'accept' ? { kind: 'accept', ...base, score: answer.score } : { kind: 'reject', ...base },
  );
  if (!next || !(await deps.store.answerRegradeRequest(next))) {
    throw conflict('regrade_request_answered', REGRADE_REQUEST_ANSWERED);
  }
  if (answer.decision === 'accept') {
    // Counts as any override does: the best cell and the LMS grade follow it.
    await recordOverride(
      deps,
      { ...sub, courseId: request.courseId },
      {
        score: answer.score,
        comment: answer.reply,
        by: user.id,
      },
    );
  }
  await recordAudit(deps, user, access, {
    action: answer.decision === 'accept' ? 'regrade-request.accept' : 'regrade-request.reject',
    target: `submission:${sub.id}`,
    before: { score: effectiveScore(sub) },
    after: { reply: answer.reply, ...(answer.decision === 'accept' ? { score: answer.score } : {}) },
  });
  return next;
}
