import type { CourseOffering, Enrollment } from './course.ts';

/**
 * Who runs a course and what each may do. The owner is the teacher the course names (`teacherId`); co-teachers and
 * teaching assistants are staff memberships the owner adds. One table, read by `courseOfStaff` in the services.
 */
export const STAFF_ROLES = ['owner', 'co-teacher', 'ta'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The roles the owner can give (the owner role comes with the course). */
export const ASSIGNABLE_STAFF_ROLES = ['co-teacher', 'ta'] as const;
export type AssignableStaffRole = (typeof ASSIGNABLE_STAFF_ROLES)[number];

/**
 * What a teaching use case does, as authorization sees it:
 * `view` gradebook, submissions, analytics; `grade` override a score; `regrade` send submissions back to the grader
 * (and answer regrade requests); `settings` deadlines, extensions, join code; `roster` import learners;
 * `staff` add or remove staff; `audit` read the audit log; `delete` the course.
 */
export const COURSE_ACTIONS = ['view', 'grade', 'regrade', 'settings', 'roster', 'staff', 'audit', 'delete'] as const;
export type CourseAction = (typeof COURSE_ACTIONS)[number];

const PERMISSIONS: Record<StaffRole, readonly CourseAction[]> = {
  owner: COURSE_ACTIONS,
  'co-teacher': ['view', 'grade', 'regrade', 'settings', 'roster'],
  ta: ['view', 'grade', 'regrade'],
};

export const mayDo = (role: StaffRole, action: CourseAction): boolean => PERMISSIONS[role].includes(action);

export const isAssignableStaffRole = (role: string): role is AssignableStaffRole =>
  (ASSIGNABLE_STAFF_ROLES as readonly string[]).includes(role);

/**
 * A user's staff role in a course: owner when the course names them (and they still hold the teacher role),
 * otherwise the role of their staff membership, if any.
 */
export function staffRoleOf(
  course: CourseOffering,
  user: { id: string; isTeacher: boolean },
  membership: Pick<Enrollment, 'role'> | undefined,
): StaffRole | undefined {
  if (course.teacherId === user.id) return user.isTeacher ? 'owner' : undefined;
  const role = membership?.role;
  return role && isAssignableStaffRole(role) ? role : undefined;
}

/** The staff role's names, Korean first. */
export const STAFF_ROLE_NAMES: Record<StaffRole, { ko: string; en: string }> = {
  owner: { ko: '담당 교사', en: 'owner' },
  'co-teacher': { ko: '공동 교사', en: 'co-teacher' },
  ta: { ko: '조교', en: 'teaching assistant' },
};
