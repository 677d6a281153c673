import { msg } from '../../core/i18n.ts';
import type { User } from '../auth/user.ts';
import { logger } from '../observability/logger.ts';
import { courseStaff } from '../service/access.ts';
import { recordAudit } from '../service/audit.ts';
import { DomainError } from '../service/errors.ts';
import { fetchContextMembers } from './nrps.ts';
import { joinFromLms, type JoinOutcome, type LtiDeps } from './service.ts';

/** Members one sync links at most (NRPS pages are the platform's size; ten pages of them is the other bound). */
export const ROSTER_SYNC_MAX = 2000;

export interface RosterSync {
  /** Active members the LMS listed (up to ROSTER_SYNC_MAX). */
  members: number;
  counts: Record<JoinOutcome, number>;
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
 * NRPS roster sync, a teacher's action: reads the LMS context's active members and links each (iss + sub → the
 * same virtlab user a launch would make) and makes them members (`joinFromLms`: learners enrolled, instructors
 * co-teachers). Idempotent: a second sync finds everyone `already` there. Audited as a roster import.
 */
export async function syncRoster(deps: LtiDeps, user: User, courseId: string): Promise<RosterSync> {
  const access = await courseStaff(deps, user, courseId, 'roster');
  const link = await deps.lti.getCourseLink(courseId);
  if (!link?.membershipsUrl) throw noRoster();
  const platform = await deps.lti.getPlatform(link.issuer, link.clientId);
  if (!platform) throw noRoster();
  let members;
  try {
    members = await fetchContextMembers(deps, platform, link.membershipsUrl);
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
  const counts: Record<JoinOutcome, number> = { enrolled: 0, staff: 0, already: 0, skipped: 0 };
  const taken = members.slice(0, ROSTER_SYNC_MAX);
  for (const m of taken) {
    const linked = await deps.lti.linkUser({
      issuer: platform.issuer,
      sub: m.sub,
      userId: `lti-${deps.ids()}`,
      name: m.name ?? m.sub,
      role: m.role,
    });
    if (linked.userId === access.course.teacherId) continue;
    counts[await joinFromLms(deps, courseId, linked.userId, m.role)]++;
  }
  const result = { members: taken.length, counts, truncated: members.length > ROSTER_SYNC_MAX };
  await recordAudit(deps, user, access, {
    action: 'roster.import',
    target: `course:${courseId}`,
    after: { source: 'lti-nrps', members: result.members, ...counts },
  });
  return result;
}
