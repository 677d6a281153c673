import { countingGrade } from '../../core/course/best-grade.ts';
import { scoreFor } from '../../core/lti/ags.ts';
import type { GradeRecorded } from '../ports/grade-events.ts';
import type { LtiOutboxRecord, LtiStore } from '../ports/lti-store.ts';
import type { Store } from '../ports/store.ts';

/** What the grade listener needs: no key and no HTTP (the grader carries it; the worker posts, ags-outbox.ts). */
export interface EnqueueDeps {
  lti: LtiStore;
  store: Pick<Store, 'listLearnerSubmissions'>;
  clock: () => Date;
  ids: () => string;
}

/** virtlab's scores are out of 100 (core/course/submission.ts: after the late policy, 0–100). */
const MAX_SCORE = 100;

/**
 * Grade recorded → one outbox record, when the learner launched this lab from an LMS that granted the score
 * scope. The score posted is the one that counts now (core/course/best-grade.ts: an override, else the best
 * attempt in this course), so a lower later attempt never lowers the LMS's grade and an override replaces it.
 * Nothing is posted here: the worker does that, so a slow or failing LMS never holds up grading.
 */
export async function enqueueScore(deps: EnqueueDeps, e: GradeRecorded) {
  if (!e.courseId) return undefined;
  const link = await deps.lti.getGradeLink(e.courseId, e.labId, e.learnerId);
  if (!link) return undefined;
  const attempts = await deps.store.listLearnerSubmissions(e.learnerId, e.labId);
  const counting = countingGrade(attempts.filter((s) => s.courseId === e.courseId));
  if (!counting) return undefined;
  const record: LtiOutboxRecord = {
    id: deps.ids(),
    courseId: e.courseId,
    labId: e.labId,
    learnerId: e.learnerId,
    issuer: link.issuer,
    clientId: link.clientId,
    lineItemUrl: link.lineItemUrl,
    score: scoreFor({ ltiUserId: link.ltiSub, score: counting.score, maxScore: MAX_SCORE, at: e.at }),
    attempts: 0,
    dueAt: deps.clock().toISOString(),
    state: 'pending',
    createdAt: deps.clock().toISOString(),
  };
  await deps.lti.putOutbox(record);
  return record;
}
