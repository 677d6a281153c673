/**
 * A course's settings as use cases: staff read them, the owner and co-teachers change them (the `settings` action of
 * core/course/roles.ts), and each change is audited with what it replaced.
 */
import { courseRevealDefault, type CourseReveal } from '../../core/course/course-settings.ts';
import { mayDo } from '../../core/course/roles.ts';
import type { User } from '../auth/user.ts';
import { courseStaff } from './access.ts';
import { recordAudit } from './audit.ts';
import type { ServiceDeps } from './deps.ts';

export interface CourseSettings {
  courseId: string;
  /** The reveal default in force (the platform's until staff set one). */
  reveal: CourseReveal;
}

const settingsOf = (course: { id: string; reveal?: CourseReveal }): CourseSettings => {
  const { afterAttempts, afterDeadline } = courseRevealDefault(course);
  return { courseId: course.id, reveal: { afterAttempts, afterDeadline } };
};

/** The settings as the caller sees them: a TA reads them, and only a role that may change them gets the form. */
export interface CourseSettingsView {
  settings: CourseSettings;
  mayChange: boolean;
}

/** Any staff member reads the settings of their course; whether they may change them comes from the same lookup. */
export async function courseSettingsView(
  deps: Pick<ServiceDeps, 'store'>,
  user: User,
  courseId: string,
): Promise<CourseSettingsView> {
  const { course, role } = await courseStaff(deps, user, courseId, 'view');
  return { settings: settingsOf(course), mayChange: mayDo(role, 'settings') };
}

/** Any staff member reads the settings of their course. */
export async function courseSettings(
  deps: Pick<ServiceDeps, 'store'>,
  user: User,
  courseId: string,
): Promise<CourseSettings> {
  return (await courseSettingsView(deps, user, courseId)).settings;
}

/** The owner or a co-teacher sets the reveal default of the course's labs (a lab's own `reveal` still wins). */
export async function setCourseReveal(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'ids'>,
  user: User,
  courseId: string,
  reveal: CourseReveal,
): Promise<CourseSettings> {
  const access = await courseStaff(deps, user, courseId, 'settings');
  const saved = await deps.store.setCourseReveal(courseId, reveal);
  // Staff access found the course a moment ago; only its deletion in between gets here (an internal error).
  if (!saved) throw new Error(`course ${courseId} vanished while its settings were saved`);
  await recordAudit(deps, user, access, {
    action: 'reveal.set',
    target: `course:${courseId}`,
    before: settingsOf(access.course).reveal,
    after: reveal,
  });
  return settingsOf(saved);
}
