import { msg } from '../../core/i18n.ts';
import type { Enrollment } from '../../core/course/course.ts';
import type { AssignableStaffRole, StaffRole } from '../../core/course/roles.ts';
import type { User } from '../auth/user.ts';
import { courseStaff } from './access.ts';
import { recordAudit } from './audit.ts';
import type { ServiceDeps } from './deps.ts';
import { conflict, notFound } from './errors.ts';

export interface StaffMember {
  userId: string;
  role: StaffRole;
  since: string;
  addedBy?: string;
}

/** The owner lists the course's staff: the owner first, then co-teachers and TAs by the roster. */
export async function listStaff(
  deps: Pick<ServiceDeps, 'store'>,
  user: User,
  courseId: string,
): Promise<StaffMember[]> {
  const { course } = await courseStaff(deps, user, courseId, 'staff');
  const roster = await deps.store.listRoster(courseId);
  const owner: StaffMember = { userId: course.teacherId, role: 'owner', since: course.createdAt };
  return [
    owner,
    ...roster.flatMap((m): StaffMember[] =>
      m.role === 'co-teacher' || m.role === 'ta'
        ? [{ userId: m.userId, role: m.role, since: m.joinedAt, ...(m.addedBy ? { addedBy: m.addedBy } : {}) }]
        : [],
    ),
  ];
}

/** The owner makes a user a co-teacher or TA (or changes their staff role); audited. */
export async function addStaff(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'ids'>,
  user: User,
  courseId: string,
  input: { userId: string; role: AssignableStaffRole },
): Promise<StaffMember> {
  const access = await courseStaff(deps, user, courseId, 'staff');
  if (input.userId === access.course.teacherId) {
    throw conflict('owner', msg('담당 교사는 이미 이 강좌의 교사진입니다.', 'The owner is already on the staff.'));
  }
  const before = await deps.store.getEnrollment(courseId, input.userId);
  if (before?.role === 'learner') {
    throw conflict(
      'learner_member',
      msg(
        '이 사용자는 이 강좌의 학습자입니다. 학습자는 교사진이 될 수 없습니다.',
        'This user is a learner in this course; a learner cannot be on its staff.',
      ),
    );
  }
  if (before?.role === input.role) return { userId: before.userId, role: input.role, since: before.joinedAt };
  const now = deps.clock().toISOString();
  const member: Enrollment & { role: AssignableStaffRole } = {
    courseId,
    userId: input.userId,
    role: input.role,
    joinedAt: now,
    addedBy: user.id,
  };
  if (!(await deps.store.putStaff(member))) {
    throw conflict(
      'member_changed',
      msg('구성원이 그새 바뀌었습니다. 다시 시도하세요.', 'The membership changed meanwhile; try again.'),
    );
  }
  await recordAudit(deps, user, access, {
    action: 'staff.add',
    target: `user:${input.userId}`,
    ...(before ? { before: { role: before.role } } : {}),
    after: { role: input.role },
  });
  return { userId: input.userId, role: input.role, since: now, addedBy: user.id };
}

/** The owner removes a co-teacher or TA; their membership is kept, marked removed, and the change audited. */
export async function removeStaff(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'ids'>,
  user: User,
  courseId: string,
  userId: string,
): Promise<void> {
  const access = await courseStaff(deps, user, courseId, 'staff');
  const removed = await deps.store.removeStaff(courseId, userId, deps.clock().toISOString());
  if (!removed) throw notFound(msg('이 강좌의 교사진에 그 사용자가 없습니다.', 'No such staff member in this course.'));
  await recordAudit(deps, user, access, {
    action: 'staff.remove',
    target: `user:${userId}`,
    before: { role: removed.role },
  });
}
