import type { Enrollment } from '../course/course.ts';

/** `addedBy` of the memberships LTI gave (a launch or a roster sync): the only ones a roster sync may end. */
export const LTI_ADDED_BY = 'lti';

/** Why a learner's LTI membership ends: the LMS lists them Inactive or Deleted (NRPS §2.3), or no longer lists them. */
export type LeaveReason = 'Inactive' | 'Deleted' | 'absent';

/** The learners a sync may remove: LTI enrolled them and the LMS did not list them as active now. */
export function leaverCandidates(roster: readonly Enrollment[], activeIds: ReadonlySet<string>): Set<string> {
  return new Set(
    roster
      .filter((m) => m.role === 'learner' && m.addedBy === LTI_ADDED_BY && !activeIds.has(m.userId))
      .map((m) => m.userId),
  );
}

/**
 * Which candidates leave, and why: those the LMS lists as ended, and — only when the sync read the whole membership
 * list — those it leaves out (a member beyond a page or member bound may still be active). A learner who joined by
 * code or a roster import, staff and the owner are never candidates.
 */
export function lmsLeavers(
  candidates: ReadonlySet<string>,
  ended: ReadonlyMap<string, Exclude<LeaveReason, 'absent'>>,
  wholeList: boolean,
): Map<string, LeaveReason> {
  const out = new Map<string, LeaveReason>();
  for (const [userId, reason] of ended) if (candidates.has(userId)) out.set(userId, reason);
  if (wholeList) for (const userId of candidates) if (!out.has(userId)) out.set(userId, 'absent');
  return out;
}
