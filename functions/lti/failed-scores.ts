import { msg } from '../../core/i18n.ts';
import type { User } from '../auth/user.ts';
import type { LtiOutboxRecord, LtiStore } from '../ports/lti-store.ts';
import type { Store } from '../ports/store.ts';
import { courseStaff } from '../service/access.ts';
import { conflict } from '../service/errors.ts';

/** Dead letters a course's page and API list at most (each is one score; a retry empties the list). */
export const FAILED_SCORES_LISTED = 100;

interface Deps {
  lti: LtiStore;
  store: Store;
  clock: () => Date;
}

/** The course's scores the LMS never took (the outbox's dead letters), for any of its staff. */
export async function failedScores(deps: Deps, user: User, courseId: string): Promise<LtiOutboxRecord[]> {
  await courseStaff(deps, user, courseId, 'view');
  return deps.lti.listDeadOutbox(courseId, FAILED_SCORES_LISTED);
}

/**
 * Send a dead-lettered score again: it goes back to the outbox, due now, with its attempts renewed (the worker
 * posts it on its next run). Staff who may grade may retry; a record of another course is not found.
 */
export async function retryFailedScore(deps: Deps, user: User, courseId: string, id: string): Promise<void> {
  await courseStaff(deps, user, courseId, 'grade');
  const record = await deps.lti.getOutbox(id);
  if (
    !record ||
    record.courseId !== courseId ||
    record.state !== 'dead' ||
    !(await deps.lti.retryOutbox(id, deps.clock().toISOString()))
  )
    throw conflict(
      'not_failed',
      msg(
        '다시 보낼 실패한 점수가 없습니다(이미 다시 보냈을 수 있습니다).',
        'No failed score to send again (it may already have been resent).',
      ),
    );
}
