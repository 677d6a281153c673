import * as z from 'zod';
import { msg } from '../../core/i18n.ts';
import { isTeacher, type User } from '../auth/user.ts';
import { logger } from '../observability/logger.ts';
import type { LtiPlatform, LtiStore } from '../ports/lti-store.ts';
import type { Store } from '../ports/store.ts';
import { courseStaff } from '../service/access.ts';
import { recordAudit } from '../service/audit.ts';
import { DomainError, forbidden, notFound } from '../service/errors.ts';

/**
 * A teacher's LMS registrations: listed and deleted by the teacher who registered them (as only a teacher registers,
 * and the registration is theirs). A light module: the pages import it without the launch code.
 */

/** Registrations one list shows at most (a teacher registers a handful: one per LMS and client id). */
export const PLATFORMS_LISTED = 100;
/** Courses of a deleted registration whose audit logs record the deletion, at most. */
export const PLATFORM_COURSES_AUDITED = 200;

interface Deps {
  lti: LtiStore;
  store: Store;
  clock: () => Date;
  ids: () => string;
}

const teacherOnly = (user: User) => {
  if (!isTeacher(user))
    throw forbidden(
      msg('교사만 LMS 등록을 다룰 수 있습니다.', 'Only teachers manage LMS registrations.'),
      'teacher_only',
    );
};

/** The caller's registrations, oldest first. */
export async function listPlatforms(deps: Pick<Deps, 'lti'>, user: User): Promise<LtiPlatform[]> {
  teacherOnly(user);
  return deps.lti.listPlatformsByOwner(user.id, PLATFORMS_LISTED);
}

/** A registration's key, as registered (the registration's schema extends it). */
export const platformKeyInput = z.object({
  issuer: z.string().trim().min(1).max(512),
  clientId: z.string().trim().min(1).max(256),
});
export type PlatformKey = z.infer<typeof platformKeyInput>;

/** A delete form's fields as the key, or a bilingual refusal. */
export function parsePlatformKey(form: unknown): PlatformKey {
  const parsed = platformKeyInput.safeParse(form);
  if (!parsed.success)
    throw new DomainError(
      'invalid',
      msg(
        '삭제할 등록의 issuer와 client ID가 필요합니다.',
        'The issuer and client ID of the registration are required.',
      ),
      { reason: 'invalid_platform_key' },
    );
  return parsed.data;
}

const noSuchPlatform = () => notFound(msg('해당 LMS 등록을 찾을 수 없습니다.', 'No such LMS registration.'));

/** One of the caller's own registrations (someone else's answers as a missing one: keys are not probed). */
export async function ownPlatform(deps: Pick<Deps, 'lti'>, user: User, key: PlatformKey): Promise<LtiPlatform> {
  teacherOnly(user);
  const platform = await deps.lti.getPlatform(key.issuer, key.clientId);
  if (platform?.ownerId !== user.id) throw noSuchPlatform();
  return platform;
}

/**
 * The teacher who registered a platform deletes it (one conditional write: theirs and still current). Launches from
 * it are then refused, and its courses' roster syncs and score posts stop; the courses, their members, grades and
 * the LMS user links stay, and registering the same issuer and client id again (only its owner may) resumes them.
 * Each course made from it records the deletion in its audit log.
 */
export async function deletePlatform(deps: Deps, user: User, key: PlatformKey): Promise<LtiPlatform> {
  teacherOnly(user);
  const removed = await deps.lti.removePlatform(key.issuer, key.clientId, user.id, deps.clock().toISOString());
  if (!removed) throw noSuchPlatform();
  const courses = await deps.lti.listPlatformCourses(key.issuer, key.clientId, PLATFORM_COURSES_AUDITED);
  for (const courseId of courses) {
    // A course that is no longer theirs (or gone) is skipped; any other failure is one.
    const access = await courseStaff(deps, user, courseId, 'view').catch((err: unknown) => {
      if (err instanceof DomainError) return undefined;
      throw err;
    });
    if (!access) continue;
    await recordAudit(deps, user, access, {
      action: 'lti-platform.delete',
      target: `lti-platform:${key.issuer}#${key.clientId}`,
      before: { issuer: removed.issuer, clientId: removed.clientId, deploymentIds: removed.deploymentIds },
    });
  }
  logger.info('LTI platform deleted', {
    issuer: key.issuer,
    clientId: key.clientId,
    ownerId: user.id,
    courses: courses.length,
  });
  return removed;
}
