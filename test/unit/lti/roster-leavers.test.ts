import { describe, expect, it } from 'vitest';
import type { Enrollment } from '../../../core/course/course.ts';
import { LTI_ADDED_BY, leaverCandidates, lmsLeavers } from '../../../core/lti/roster-leavers.ts';

const member = (userId: string, role: Enrollment['role'], addedBy?: string): Enrollment => ({
  courseId: 'c1',
  userId,
  role,
  joinedAt: '2026-12-01T00:00:00.000Z',
  ...(addedBy ? { addedBy } : {}),
});

describe('LMS roster leavers', () => {
  const roster = [
    member('lti-active', 'learner', LTI_ADDED_BY),
    member('lti-gone', 'learner', LTI_ADDED_BY),
    member('lti-deleted', 'learner', LTI_ADDED_BY),
    member('by-code', 'learner'),
    member('imported', 'learner', 'teacher1'),
    member('co', 'co-teacher', LTI_ADDED_BY),
  ];

  it('only learners LTI enrolled and the LMS no longer lists as active are candidates', () => {
    expect([...leaverCandidates(roster, new Set(['lti-active']))]).toEqual(['lti-gone', 'lti-deleted']);
  });

  it('an ended member leaves with its status; an absent one only when the whole list was read', () => {
    const candidates = leaverCandidates(roster, new Set(['lti-active']));
    const ended = new Map([
      ['lti-deleted', 'Deleted' as const],
      ['by-code', 'Inactive' as const],
    ]);
    expect([...lmsLeavers(candidates, ended, true)]).toEqual([
      ['lti-deleted', 'Deleted'],
      ['lti-gone', 'absent'],
    ]);
    expect([...lmsLeavers(candidates, ended, false)]).toEqual([['lti-deleted', 'Deleted']]);
  });
});
