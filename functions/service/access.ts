import { msg, type Msg } from '../../core/i18n.ts';
import type { CourseOffering } from '../../core/course/course.ts';
import type { Submission } from '../../core/course/submission.ts';
import { mayDo, staffRoleOf, STAFF_ROLE_NAMES, type CourseAction, type StaffRole } from '../../core/course/roles.ts';
import { isTeacher, type Role, type User } from '../auth/user.ts';
import type { ServiceDeps } from './deps.ts';
import { forbidden, notFound } from './errors.ts';

/**
 * Who may see and do what, in one place. The predicates are the rules: the pages call them and answer 404 (so ids
 * cannot be probed). The guards below build on them for the API, where every denial is a DomainError: `forbidden`
 * not allowed, `not_found` unknown. The caller is signed in: the entry point asks for that first.
 */

/** A course is taught by the teacher it names, while they hold the teacher role. */
export const teachesCourse = (user: User, course: CourseOffering): boolean =>
  isTeacher(user) && course.teacherId === user.id;

const ROLE_NAMES: Record<Role, Msg> = { learner: msg('학습자', 'learners'), teacher: msg('교사', 'teachers') };

export function requireRole(user: User, role: Role): User {
  if (!user.roles.includes(role)) {
    throw forbidden(msg(`${ROLE_NAMES[role].ko}만 할 수 있습니다.`, `Only ${ROLE_NAMES[role].en} may do this.`));
  }
  return user;
}

/** The caller's staff role in a course (owner, co-teacher, TA), or undefined. */
export async function staffRoleIn(
  deps: Pick<ServiceDeps, 'store'>,
  user: User,
  course: CourseOffering,
): Promise<StaffRole | undefined> {
  const membership = course.teacherId === user.id ? undefined : await deps.store.getEnrollment(course.id, user.id);
  return staffRoleOf(course, { id: user.id, isTeacher: isTeacher(user) }, membership);
}

/** The course, if `user` is on its staff (any role: each may at least view). */
export async function taughtCourse(
  deps: Pick<ServiceDeps, 'store'>,
  user: User,
  courseId: string,
): Promise<CourseOffering | undefined> {
  const course = await deps.store.getCourse(courseId);
  return course && (await staffRoleIn(deps, user, course)) ? course : undefined;
}

/** A submission is seen by the learner who made it and by the teacher of the course it was made in. */
export async function maySeeSubmission(
  deps: Pick<ServiceDeps, 'store'>,
  user: User,
  sub: Submission,
): Promise<boolean> {
  if (sub.learnerId === user.id) return true;
  return !!sub.courseId && !!(await taughtCourse(deps, user, sub.courseId));
}

export async function findCourse(deps: Pick<ServiceDeps, 'store'>, courseId: string): Promise<CourseOffering> {
  const course = await deps.store.getCourse(courseId);
  if (!course) throw notFound(msg('해당 강좌를 찾을 수 없습니다.', 'No such course.'));
  return course;
}

export interface StaffAccess {
  course: CourseOffering;
  role: StaffRole;
}

/**
 * The one authorization of every teaching use case: the course and the caller's staff role, if that role may do
 * `action` (core/course/roles.ts); `forbidden` otherwise, `not_found` for an unknown course.
 */
export async function courseStaff(
  deps: Pick<ServiceDeps, 'store'>,
  user: User,
  courseId: string,
  action: CourseAction,
): Promise<StaffAccess> {
  const course = await findCourse(deps, courseId);
  const role = await staffRoleIn(deps, user, course);
  if (!role) {
    throw forbidden(msg('이 강좌의 교사진만 할 수 있습니다.', 'Only the staff of this course may do this.'));
  }
  if (!mayDo(role, action)) {
    const name = STAFF_ROLE_NAMES[role];
    throw forbidden(msg(`${name.ko}에게는 이 작업 권한이 없습니다.`, `A ${name.en} of this course may not do this.`));
  }
  return { course, role };
}

/** The course, if the caller's staff role may do `action` there (by default a settings change: owner, co-teacher). */
export async function courseOfTeacher(
  deps: Pick<ServiceDeps, 'store'>,
  user: User,
  courseId: string,
  action: CourseAction = 'settings',
): Promise<CourseOffering> {
  return (await courseStaff(deps, user, courseId, action)).course;
}

/** A learner may submit into a course only when enrolled in it. */
export async function requireEnrolled(
  deps: Pick<ServiceDeps, 'store'>,
  user: User,
  courseId: string,
): Promise<CourseOffering> {
  const course = await findCourse(deps, courseId);
  const member = await deps.store.getEnrollment(courseId, user.id);
  if (!member) throw forbidden(msg('이 강좌에 등록되어 있지 않습니다.', 'You are not enrolled in this course.'));
  return course;
}

export const NO_SUCH_SUBMISSION = msg('해당 제출을 찾을 수 없습니다.', 'No such submission.');

export async function findSubmission(deps: Pick<ServiceDeps, 'store'>, id: string): Promise<Submission> {
  const sub = await deps.store.getSubmission(id);
  if (!sub) throw notFound(NO_SUCH_SUBMISSION);
  return sub;
}

/** The submission, if the caller may see it (`maySeeSubmission`); not found otherwise, as the pages answer, so ids cannot be probed. */
export async function visibleSubmission(deps: Pick<ServiceDeps, 'store'>, user: User, id: string): Promise<Submission> {
  const sub = await findSubmission(deps, id);
  if (await maySeeSubmission(deps, user, sub)) return sub;
  throw notFound(NO_SUCH_SUBMISSION);
}

/** The pages' reading: the submission if the caller may see it, else undefined (unknown and hidden look alike). */
export async function readableSubmission(
  deps: Pick<ServiceDeps, 'store'>,
  user: User,
  id: string,
): Promise<Submission | undefined> {
  const sub = await deps.store.getSubmission(id);
  return sub && (await maySeeSubmission(deps, user, sub)) ? sub : undefined;
}
