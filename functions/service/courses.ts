import { msg } from '../../core/i18n.ts';
import type { CourseOffering, Enrollment } from '../../core/course/course.ts';
import { newJoinCode, normalizeJoinCode } from '../../core/course/join-code.ts';
import type { User } from '../auth/user.ts';
import { courseStaff, requireRole } from './access.ts';
import { recordAudit } from './audit.ts';
import type { ServiceDeps } from './deps.ts';
import { conflict, notFound } from './errors.ts';
import { enforceRateLimit } from './submissions.ts';

export interface MyCourse extends CourseOffering {
  role: Enrollment['role'];
}

/** The caller's courses: the ones they teach and the ones they are enrolled in. Learners do not see join codes. */
export async function myCourses(deps: Pick<ServiceDeps, 'store'>, user: User): Promise<MyCourse[]> {
  const memberships = await deps.store.listMemberships(user.id);
  const courses = await Promise.all(memberships.map((m) => deps.store.getCourse(m.courseId)));
  return memberships.flatMap((m, i) => {
    const course = courses[i];
    const showCode = m.role === 'teacher' || m.role === 'co-teacher';
    return course ? [{ ...course, joinCode: showCode ? course.joinCode : '', role: m.role }] : [];
  });
}

/** Draws of a join code before giving up; a clash needs another course holding the same random code. */
const JOIN_CODE_ATTEMPTS = 5;

const cryptoBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const joinCodeOf = (deps: Pick<ServiceDeps, 'randomBytes'>) => newJoinCode(deps.randomBytes ?? cryptoBytes);

/** A teacher opens an offering of the course content with a random join code (drawn again if taken). */
export async function createCourse(
  deps: Pick<ServiceDeps, 'store' | 'ids' | 'clock' | 'randomBytes'>,
  user: User,
  title: string,
): Promise<CourseOffering> {
  const teacher = requireRole(user, 'teacher');
  for (let attempt = 0; attempt < JOIN_CODE_ATTEMPTS; attempt++) {
    const id = deps.ids();
    const now = deps.clock().toISOString();
    const course: CourseOffering = { id, title, teacherId: teacher.id, joinCode: joinCodeOf(deps), createdAt: now };
    if (await deps.store.createCourse(course)) {
      await deps.store.enroll({ courseId: id, userId: teacher.id, role: 'teacher', joinedAt: now });
      return course;
    }
  }
  // Not the caller's doing: an internal error (logged by the entry point).
  throw new Error(`no free join code after ${JOIN_CODE_ATTEMPTS} draws`);
}

/**
 * The course's teacher replaces its join code (e.g. once it leaked): the new code works at once, the old one no
 * longer does; members stay members.
 */
export async function rotateJoinCode(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'randomBytes' | 'ids'>,
  user: User,
  courseId: string,
): Promise<MyCourse> {
  const { course, role } = await courseStaff(deps, user, courseId, 'settings');
  for (let attempt = 0; attempt < JOIN_CODE_ATTEMPTS; attempt++) {
    const rotated = await deps.store.rotateJoinCode(course.id, course.joinCode, joinCodeOf(deps), deps.clock());
    if (!rotated) continue;
    // The codes themselves stay out of the log: it is readable longer than a leaked code should matter.
    await recordAudit(deps, user, { course, role }, { action: 'join-code.rotate', target: `course:${course.id}` });
    return { ...rotated, role: role === 'owner' ? 'teacher' : role };
  }
  throw new Error(`no free join code after ${JOIN_CODE_ATTEMPTS} draws`);
}

/** A learner joins with a code, within the join rate limit. Joining twice is fine (the same membership comes back). */
export async function joinCourse(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'config'>,
  user: User,
  code: string,
): Promise<MyCourse> {
  const learner = requireRole(user, 'learner');
  await enforceRateLimit(deps, `join#${learner.id}`, deps.config.rateLimits.join);
  const course = await deps.store.findCourseByJoinCode(normalizeJoinCode(code));
  if (!course) throw notFound(msg('참여 코드에 해당하는 강좌가 없습니다.', 'No course has this join code.'));
  if (course.teacherId === learner.id) {
    throw conflict(
      'already_teacher',
      msg(
        '자신이 가르치는 강좌에는 학습자로 참여할 수 없습니다.',
        'You teach this course; you cannot join it as a learner.',
      ),
    );
  }
  await deps.store.enroll({
    courseId: course.id,
    userId: learner.id,
    role: 'learner',
    joinedAt: deps.clock().toISOString(),
  });
  return { ...course, joinCode: '', role: 'learner' };
}
