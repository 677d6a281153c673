import { msg } from '../../core/i18n.ts';
import type { User } from '../auth/user.ts';
import { logger } from '../observability/logger.ts';
import { courseStaff, type StaffAccess } from '../service/access.ts';
import { recordAudit } from '../service/audit.ts';
import { DomainError } from '../service/errors.ts';
import { LTI_ADDED_BY, leaverCandidates, lmsLeavers } from '../../core/lti/roster-leavers.ts';
import { fetchContextMembers, type ContextMember } from './nrps.ts';
import { joinFromLms, type JoinOutcome, type LtiDeps } from './service.ts';

/** Members one sync links at most (NRPS pages are the platform's size; ten pages of them is the other bound). */
export const ROSTER_SYNC_MAX = 2000;

export interface RosterSync {
  /** Active members the LMS listed (up to ROSTER_SYNC_MAX). */
  members: number;
  counts: Record<JoinOutcome, number>;
  /** Learners LTI had enrolled whom the LMS lists as Inactive or Deleted, or no longer lists: their membership ended. */
  removed: number;
  truncated: boolean;
}

const noRoster = () =>
  new DomainError(
    'conflict',
    msg(
      '이 강좌는 명단 서비스(NRPS)를 제공하는 LMS에서 실행된 적이 없습니다. LMS에서 한 번 실행한 뒤 다시 시도하세요.',
      'This course was never launched from an LMS offering its roster (NRPS). Launch it from the LMS once, then try again.',
    ),
    { reason: 'no_lti_roster' },
  );

/**
 * NRPS roster sync, a teacher's action: reads the LMS context's members and links each active one (iss + sub → the
 * same virtlab user a launch would make) and makes them members (`joinFromLms`: learners enrolled, instructors
 * co-teachers). Learners whose membership LTI gave and the LMS ended lose it (`dropLmsLeavers`). Idempotent: a
 * second sync finds everyone `already` there and removes no one. Audited as a roster import, each removal as
 * `roster.remove`.
 */
export async function syncRoster(deps: LtiDeps, user: User, courseId: string): Promise<RosterSync> {
  const access = await courseStaff(deps, user, courseId, 'roster');
  const link = await deps.lti.getCourseLink(courseId);
  if (!link?.membershipsUrl) throw noRoster();
  const platform = await deps.lti.getPlatform(link.issuer, link.clientId);
  if (!platform) throw noRoster();
  let listed;
  try {
    listed = await fetchContextMembers(deps, platform, link.membershipsUrl);
  } catch (err) {
    logger.warn('NRPS roster read failed', { courseId, error: err as Error });
    throw new DomainError(
      'unavailable',
      msg(
        'LMS에서 명단을 읽지 못했습니다. 잠시 뒤 다시 시도하세요.',
        'The LMS did not give the roster. Try again later.',
      ),
      { reason: 'lms_unavailable' },
    );
  }
  const active = listed.members.filter((m) => m.status === 'Active');
  const counts: Record<JoinOutcome, number> = { enrolled: 0, staff: 0, already: 0, skipped: 0 };
  const taken = active.slice(0, ROSTER_SYNC_MAX);
  const activeIds = new Set<string>();
  for (const m of taken) {
    const linked = await deps.lti.linkUser({
      issuer: platform.issuer,
      sub: m.sub,
      userId: `lti-${deps.ids()}`,
      name: m.name ?? m.sub,
      role: m.role,
    });
    activeIds.add(linked.userId);
    if (linked.userId === access.course.teacherId) continue;
    counts[await joinFromLms(deps, courseId, linked.userId, m.role)]++;
  }
  const truncated = active.length > ROSTER_SYNC_MAX;
  const removed = await dropLmsLeavers(deps, user, access, {
    issuer: platform.issuer,
    activeIds,
    ended: listed.members.filter((m) => m.status === 'Inactive' || m.status === 'Deleted'),
    wholeList: listed.complete && !truncated,
  });
  const result = { members: taken.length, counts, removed, truncated };
  await recordAudit(deps, user, access, {
    action: 'roster.import',
    target: `course:${courseId}`,
    after: { source: 'lti-nrps', members: result.members, ...counts, removed },
  });
  return result;
}

/**
 * Ends the course membership LTI gave the learners the LMS dropped (core/lti/roster-leavers.ts says who). Each removal
 * is one conditional write, so a concurrent change wins; submissions and grades stay (a later launch or sync enrolls
 * them again).
 */
async function dropLmsLeavers(
  deps: LtiDeps,
  user: User,
  access: StaffAccess,
  lms: { issuer: string; activeIds: ReadonlySet<string>; ended: readonly ContextMember[]; wholeList: boolean },
): Promise<number> {
  const courseId = access.course.id;
  const candidates = leaverCandidates(await deps.store.listRoster(courseId), lms.activeIds);
  const ended = new Map<string, 'Inactive' | 'Deleted'>();
  for (const m of candidates.size ? lms.ended.slice(0, ROSTER_SYNC_MAX) : []) {
    const link = await deps.lti.getUserLink(lms.issuer, m.sub);
    if (link && (m.status === 'Inactive' || m.status === 'Deleted')) ended.set(link.userId, m.status);
  }
  let removed = 0;
  const at = deps.clock().toISOString();
  for (const [userId, status] of lmsLeavers(candidates, ended, lms.wholeList)) {
    if (!(await deps.store.removeLearner(courseId, userId, LTI_ADDED_BY, at))) continue;
    removed++;
    await recordAudit(deps, user, access, {
      action: 'roster.remove',
      target: `user:${userId}`,
      before: { role: 'learner' },
      after: { source: 'lti-nrps', lmsStatus: status },
    });
  }
  return removed;
}
