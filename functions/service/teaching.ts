import { msg, utcDateTime } from '../../core/i18n.ts';
import { courseAnalytics, type LabAnalytics } from '../../core/course/analytics.ts';
import { misconceptionClassifier } from '../../core/labs/misconceptions.ts';
import { buildGradebook, type Gradebook } from '../../core/course/gradebook.ts';
import { extendsDeadline, type Deadline, type Extension, type LatePolicy } from '../../core/course/late-policy.ts';
import type { Submission, SubmissionSummary } from '../../core/course/submission.ts';
import type { User } from '../auth/user.ts';
import { NO_SUCH_SUBMISSION, courseOfTeacher, courseStaff, findSubmission } from './access.ts';
import { recordAudit } from './audit.ts';
import { catalogOf, findLab } from './catalog.ts';
import type { ServiceDeps } from './deps.ts';
import { conflict, forbidden, notFound } from './errors.ts';

/** The gradebook of a course: every enrolled learner × every lab, the counting score in each cell. */
export async function courseGradebook(
  deps: Pick<ServiceDeps, 'store' | 'course'>,
  user: User,
  courseId: string,
): Promise<Gradebook> {
  await courseOfTeacher(deps, user, courseId, 'view');
  const [roster, submissions] = await Promise.all([
    deps.store.listRoster(courseId),
    deps.store.listCourseSubmissions(courseId),
  ]);
  const learners = roster.filter((m) => m.role === 'learner').map((m) => ({ id: m.userId }));
  return buildGradebook(catalogOf(deps.course).labIds, learners, submissions);
}

export async function labSubmissions(
  deps: Pick<ServiceDeps, 'store' | 'course'>,
  user: User,
  courseId: string,
  labId: string,
): Promise<SubmissionSummary[]> {
  await courseOfTeacher(deps, user, courseId, 'view');
  findLab(deps, labId);
  return deps.store.listLabSubmissions(courseId, labId);
}

export async function courseAnalyticsFor(
  deps: Pick<ServiceDeps, 'store' | 'course'>,
  user: User,
  courseId: string,
): Promise<LabAnalytics[]> {
  await courseOfTeacher(deps, user, courseId, 'view');
  const submissions = await deps.store.listCourseSubmissions(courseId);
  return courseAnalytics(catalogOf(deps.course).labIds, submissions, misconceptionClassifier(deps.course.labs));
}

/** A teacher replaces the score of one submission in their course; who and when are kept with it. */
export async function overrideScore(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'ids'>,
  user: User,
  submissionId: string,
  input: { score: number; comment: string },
): Promise<Submission> {
  const sub = await findSubmission(deps, submissionId);
  if (!sub.courseId) {
    throw forbidden(
      msg('강좌 밖에서 한 제출은 점수를 바꿀 수 없습니다.', 'A submission made outside a course cannot be overridden.'),
    );
  }
  const access = await courseStaff(deps, user, sub.courseId, 'grade');
  const updated = await deps.store.setOverride(submissionId, { ...input, by: user.id, at: deps.clock().toISOString() });
  if (!updated) throw notFound(NO_SUCH_SUBMISSION);
  await recordAudit(deps, user, access, {
    action: 'override',
    target: `submission:${submissionId}`,
    before: sub.override ? { score: sub.override.score, comment: sub.override.comment } : { score: sub.result?.score },
    after: input,
  });
  return updated;
}

/** Send every finished submission of a lab in the course back to the grader (e.g. after the lab was fixed). */
export async function regradeLab(
  deps: ServiceDeps,
  user: User,
  courseId: string,
  labId: string,
): Promise<{ requeued: number }> {
  const access = await courseStaff(deps, user, courseId, 'regrade');
  findLab(deps, labId);
  const subs = await deps.store.listLabSubmissions(courseId, labId);
  let requeued = 0;
  for (const s of subs) {
    if (s.status !== 'graded' && s.status !== 'failed') continue;
    if (!(await deps.store.requeueSubmission(s.id, deps.clock().toISOString()))) continue;
    requeued++;
    await deps.queue.publish({ submissionId: s.id, learnerId: s.learnerId, labId: s.labId, courseId: s.courseId });
  }
  await recordAudit(deps, user, access, { action: 'regrade', target: `lab:${labId}`, after: { requeued } });
  return { requeued };
}

export async function setDeadline(
  deps: Pick<ServiceDeps, 'store' | 'course' | 'clock' | 'ids'>,
  user: User,
  courseId: string,
  labId: string,
  input: { dueAt: string; latePolicy: LatePolicy },
): Promise<Deadline> {
  const access = await courseStaff(deps, user, courseId, 'settings');
  findLab(deps, labId);
  const previous = await deps.store.getDeadline(courseId, labId);
  const deadline: Deadline = {
    courseId,
    labId,
    dueAt: new Date(input.dueAt).toISOString(),
    latePolicy: input.latePolicy,
  };
  await deps.store.putDeadline(deadline);
  await recordAudit(deps, user, access, {
    action: 'deadline.set',
    target: `lab:${labId}`,
    ...(previous ? { before: { dueAt: previous.dueAt, latePolicy: previous.latePolicy } } : {}),
    after: { dueAt: deadline.dueAt, latePolicy: deadline.latePolicy },
  });
  return deadline;
}

/** One learner gets a later deadline for one lab; the lab must have a deadline, the extension end after it, and the learner be enrolled. */
export async function grantExtension(
  deps: Pick<ServiceDeps, 'store' | 'course' | 'clock' | 'ids'>,
  user: User,
  courseId: string,
  labId: string,
  learnerId: string,
  dueAt: string,
): Promise<Extension> {
  const access = await courseStaff(deps, user, courseId, 'settings');
  findLab(deps, labId);
  const member = await deps.store.getEnrollment(courseId, learnerId);
  if (!member || member.role !== 'learner')
    throw notFound(msg('이 강좌에 그 학습자가 없습니다.', 'No such learner in this course.'));
  const deadline = await deps.store.getDeadline(courseId, labId);
  if (!deadline) {
    throw conflict('no_deadline', msg('먼저 이 실습의 마감을 정하세요.', 'Set a deadline for this lab first.'));
  }
  const extension: Extension = { courseId, labId, learnerId, dueAt: new Date(dueAt).toISOString() };
  if (!extendsDeadline(deadline, extension.dueAt)) {
    const due = utcDateTime(deadline.dueAt);
    throw conflict(
      'extension_not_later',
      msg(
        `연장한 마감은 이 실습의 마감보다 늦어야 합니다. 실습 마감: ${due.ko}`,
        `An extension must be later than the lab's deadline (${due.en}).`,
      ),
    );
  }
  const previous = await deps.store.getExtension(courseId, labId, learnerId);
  await deps.store.putExtension(extension);
  await recordAudit(deps, user, access, {
    action: 'extension.grant',
    target: `lab:${labId}/learner:${learnerId}`,
    ...(previous ? { before: { dueAt: previous.dueAt } } : {}),
    after: { dueAt: extension.dueAt },
  });
  return extension;
}
