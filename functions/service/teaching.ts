import { msg, utcDateTime } from '../../core/i18n.ts';
import { courseAnalytics, type LabAnalytics } from '../../core/course/analytics.ts';
import { misconceptionClassifier } from '../../core/labs/misconceptions.ts';
import { buildGradebook, type Gradebook } from '../../core/course/gradebook.ts';
import { extendsDeadline, type Deadline, type Extension, type LatePolicy } from '../../core/course/late-policy.ts';
import { newRegradeJob, type RegradeJob } from '../../core/course/regrade-job.ts';
import type { Submission, SubmissionSummary } from '../../core/course/submission.ts';
import type { User } from '../auth/user.ts';
import { logger } from '../observability/logger.ts';
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
  return buildGradebook(catalogOf(deps.course).labs, learners, submissions);
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
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'ids' | 'onGraded'>,
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
  const updated = await recordOverride(deps, { ...sub, courseId: sub.courseId }, { ...input, by: user.id });
  await recordAudit(deps, user, access, {
    action: 'override',
    target: `submission:${submissionId}`,
    before: sub.override ? { score: sub.override.score, comment: sub.override.comment } : { score: sub.result?.score },
    after: input,
  });
  return updated;
}

/**
 * A score that replaces a course submission's grade, wherever it comes from (an override, an accepted regrade
 * request): stored on the submission, made the lab's best cell (the lab list shows what the gradebook counts, even
 * when lower) and passed to the grade listener (LTI), whose failure is only logged. The caller checks and audits.
 */
export async function recordOverride(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'onGraded'>,
  sub: Submission & { courseId: string },
  input: { score: number; comment: string; by: string },
): Promise<Submission> {
  const at = deps.clock().toISOString();
  const updated = await deps.store.setOverride(sub.id, { ...input, at });
  if (!updated) throw notFound(NO_SUCH_SUBMISSION);
  await deps.store.overrideBest({
    learnerId: sub.learnerId,
    labId: sub.labId,
    courseId: sub.courseId,
    best: input.score,
    submissionId: sub.id,
    updatedAt: at,
    overriddenAt: at,
  });
  await deps
    .onGraded?.({
      submissionId: sub.id,
      learnerId: sub.learnerId,
      labId: sub.labId,
      courseId: sub.courseId,
      score: input.score,
      at: new Date(at),
    })
    .catch((err: unknown) => logger.error('grade hook failed', { submissionId: sub.id, error: err as Error }));
  return updated;
}

/** The regrade jobs a course's listing shows (and looks through for one still running), newest first. */
export const REGRADE_JOBS_LISTED = 20;

/**
 * Start a regrade of every finished submission of a lab (e.g. after the lab was fixed): the job is stored and its
 * first tick sent; the fan-out worker pages through the submissions (functions/grading/regrade-fanout.ts). The
 * request does no per-submission work, whatever the lab's size. A lab with a job still fanning out is refused.
 */
export async function regradeLab(deps: ServiceDeps, user: User, courseId: string, labId: string): Promise<RegradeJob> {
  const access = await courseStaff(deps, user, courseId, 'regrade');
  findLab(deps, labId);
  const running = (await deps.store.listRegradeJobs(courseId, REGRADE_JOBS_LISTED)).find(
    (j) => j.labId === labId && j.state !== 'done',
  );
  if (running) {
    throw conflict(
      'regrade_running',
      msg(
        '이 실습의 재채점이 아직 진행 중입니다. 끝난 뒤에 다시 요청하세요.',
        'A regrade of this lab is still running. Ask again once it has finished.',
      ),
    );
  }
  const job = newRegradeJob({
    id: deps.ids(),
    courseId,
    labId,
    requestedBy: user.id,
    now: deps.clock().toISOString(),
  });
  if (!(await deps.store.putRegradeJob(job))) {
    throw conflict('regrade_exists', msg('같은 재채점 작업이 이미 있습니다.', 'That regrade job already exists.'));
  }
  await deps.regrades.sendTick({ courseId, jobId: job.id, tick: 0 });
  await recordAudit(deps, user, access, { action: 'regrade', target: `lab:${labId}`, after: { job: job.id } });
  return job;
}

/** A course's latest regrade jobs, newest first. */
export async function regradeJobs(
  deps: Pick<ServiceDeps, 'store'>,
  user: User,
  courseId: string,
): Promise<RegradeJob[]> {
  await courseStaff(deps, user, courseId, 'view');
  return deps.store.listRegradeJobs(courseId, REGRADE_JOBS_LISTED);
}

export async function regradeJob(
  deps: Pick<ServiceDeps, 'store'>,
  user: User,
  courseId: string,
  jobId: string,
): Promise<RegradeJob> {
  await courseStaff(deps, user, courseId, 'view');
  const job = await deps.store.getRegradeJob(courseId, jobId);
  if (!job) throw notFound(msg('그런 재채점 작업이 없습니다.', 'No such regrade job.'));
  return job;
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
