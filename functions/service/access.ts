import { msg } from '../../core/i18n.ts';
import type { CourseOffering } from '../../core/course/course.ts';
import type { Submission } from '../../core/course/submission.ts';
import type { Lab } from '../../core/labs/lab-schema.ts';
import { isTeacher, type User } from '../auth/user.ts';
import type { AppDeps } from '../http/deps.ts';
import { errors } from '../http/errors.ts';
import { requireRole, requireUser } from '../http/middleware/auth.ts';

/**
 * Who may see and do what, in one place. The predicates are the rules: the pages call them and answer 404 (so ids
 * cannot be probed). The guards below build on them for the API, where every denial is an ApiError: 401 anonymous,
 * 403 not allowed, 404 unknown.
 */

/** A course is taught by the teacher it names, while they hold the teacher role. */
export const teachesCourse = (user: User, course: CourseOffering): boolean => isTeacher(user) && course.teacherId === user.id;

/** The course, if `user` teaches it. */
export async function taughtCourse(deps: Pick<AppDeps, 'store'>, user: User, courseId: string): Promise<CourseOffering | undefined> {
  if (!isTeacher(user)) return undefined;
  const course = await deps.store.getCourse(courseId);
  return course && teachesCourse(user, course) ? course : undefined;
}

/** A submission is seen by the learner who made it and by the teacher of the course it was made in. */
export async function maySeeSubmission(deps: Pick<AppDeps, 'store'>, user: User, sub: Submission): Promise<boolean> {
  if (sub.learnerId === user.id) return true;
  return !!sub.courseId && !!(await taughtCourse(deps, user, sub.courseId));
}

export function findLab(deps: Pick<AppDeps, 'course'>, labId: string): Lab {
  const lab = deps.course.labs.find((l) => l.id === labId);
  if (!lab) throw errors.notFound(msg(`'${labId}' 실습을 찾을 수 없습니다.`, `No lab '${labId}'.`));
  return lab;
}

export async function findCourse(deps: Pick<AppDeps, 'store'>, courseId: string): Promise<CourseOffering> {
  const course = await deps.store.getCourse(courseId);
  if (!course) throw errors.notFound(msg('해당 강좌를 찾을 수 없습니다.', 'No such course.'));
  return course;
}

/** The course, if `user` is its teacher. */
export async function courseOfTeacher(deps: Pick<AppDeps, 'store'>, user: User | undefined, courseId: string): Promise<CourseOffering> {
  const teacher = requireRole(user, 'teacher');
  const course = await findCourse(deps, courseId);
  if (!teachesCourse(teacher, course)) {
    throw errors.forbidden(msg('이 강좌의 담당 교사만 할 수 있습니다.', 'Only the teacher of this course may do this.'));
  }
  return course;
}

/** A learner may submit into a course only when enrolled in it. */
export async function requireEnrolled(deps: Pick<AppDeps, 'store'>, user: User, courseId: string): Promise<CourseOffering> {
  const course = await findCourse(deps, courseId);
  const member = await deps.store.getEnrollment(courseId, user.id);
  if (!member) throw errors.forbidden(msg('이 강좌에 등록되어 있지 않습니다.', 'You are not enrolled in this course.'));
  return course;
}

export const NO_SUCH_SUBMISSION = msg('해당 제출을 찾을 수 없습니다.', 'No such submission.');

export async function findSubmission(deps: Pick<AppDeps, 'store'>, id: string): Promise<Submission> {
  const sub = await deps.store.getSubmission(id);
  if (!sub) throw errors.notFound(NO_SUCH_SUBMISSION);
  return sub;
}

/** The submission, if the caller may see it (`maySeeSubmission`); 404 otherwise, as the pages answer, so ids cannot be probed. */
export async function visibleSubmission(deps: Pick<AppDeps, 'store'>, user: User | undefined, id: string): Promise<Submission> {
  const u = requireUser(user);
  const sub = await findSubmission(deps, id);
  if (await maySeeSubmission(deps, u, sub)) return sub;
  throw errors.notFound(NO_SUCH_SUBMISSION);
}
