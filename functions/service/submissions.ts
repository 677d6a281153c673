import { createHash } from 'node:crypto';
import { detectFormat, type ConfigFormat } from '../../core/config-text.ts';
import { msg, utcDateTime } from '../../core/i18n.ts';
import { prepareSubmission } from '../../core/grading/run.ts';
import { variantFor } from '../../core/labs/variant.ts';
import type { ConfigIssue } from '../../core/validation.ts';
import { countingGrade, type CountingGrade } from '../../core/course/best-grade.ts';
import { judgeLateness } from '../../core/course/late-policy.ts';
import { rateWindow } from '../../core/course/rate-limit.ts';
import type { Submission, SubmissionSummary } from '../../core/course/submission.ts';
import type { User } from '../auth/user.ts';
import type { RateLimit } from '../config.ts';
import { logger } from '../observability/logger.ts';
import { requireEnrolled } from './access.ts';
import { catalogOf, findLab } from './catalog.ts';
import type { ServiceDeps } from './deps.ts';
import { DomainError, forbidden, rateLimited } from './errors.ts';

export interface SubmitInput {
  labId: string;
  config: string;
  format?: ConfigFormat;
  courseId?: string;
  idempotencyKey?: string;
}

/** How long a retried request with the same Idempotency-Key returns the first submission. */
const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

/**
 * The configuration's syntax and schema problems for this lab and learner (the learner's own variant), each with
 * its line. Nothing is stored. Empty when the configuration can be graded.
 */
export function configIssues(
  deps: Pick<ServiceDeps, 'course'>,
  user: User,
  labId: string,
  text: string,
  format?: ConfigFormat,
): ConfigIssue[] {
  const lab = findLab(deps, labId);
  const prepared = prepareSubmission(variantFor(lab, user.id), text, format);
  return prepared.gradable ? [] : prepared.errors;
}

/**
 * Count one request against a fixed-window counter; `rate_limited` with when to retry (at most the window) beyond
 * it. One conditional write each, exact across processes and whatever the concurrency (ACCESS-PATTERNS.md).
 */
export async function enforceRateLimit(
  deps: Pick<ServiceDeps, 'store' | 'clock'>,
  key: string,
  rule: RateLimit,
): Promise<void> {
  const window = rateWindow(deps.clock(), rule.windowSeconds);
  if (!(await deps.store.hitRateLimit(key, window.windowStart, rule.limit, window.resetAt))) {
    throw rateLimited(window.retryAfterSeconds);
  }
}

/**
 * The budget for reading and checking configurations, per user: every editor validation and every submission
 * attempt (refused ones too: a 422 costs the same parse) counts, before the text is read.
 */
const enforceCheckBudget = (deps: Pick<ServiceDeps, 'store' | 'clock' | 'config'>, userId: string) =>
  enforceRateLimit(deps, `check#${userId}`, deps.config.rateLimits.validate);

/** The editor's check of a configuration while the learner types: its issues (`configIssues`), within the check budget. */
export async function validateForEditor(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'course' | 'config'>,
  user: User,
  labId: string,
  text: string,
  format?: ConfigFormat,
): Promise<ConfigIssue[]> {
  findLab(deps, labId);
  await enforceCheckBudget(deps, user.id);
  return configIssues(deps, user, labId, text, format);
}

const fingerprint = (i: SubmitInput) =>
  createHash('sha256')
    .update(JSON.stringify([i.labId, i.courseId ?? null, i.format ?? null, i.config]))
    .digest('hex');

/** The submission already accepted under this Idempotency-Key for this same request, if any. */
async function acceptedUnder(
  deps: Pick<ServiceDeps, 'store'>,
  learnerId: string,
  key: string,
  print: string,
): Promise<Submission | undefined> {
  const held = await deps.store.getIdempotencyKey(learnerId, key);
  return held?.fingerprint === print ? deps.store.getSubmission(held.submissionId) : undefined;
}

/** The course's deadline for this learner, then the rate limit: the lateness to record, or the refusal. */
async function admit(deps: ServiceDeps, learnerId: string, input: SubmitInput, now: Date): Promise<Submission['late']> {
  let late: Submission['late'];
  if (input.courseId) {
    const [deadline, extension] = await Promise.all([
      deps.store.getDeadline(input.courseId, input.labId),
      deps.store.getExtension(input.courseId, input.labId, learnerId),
    ]);
    const decision = judgeLateness(deadline, extension, now);
    if (!decision.accepted) {
      const due = utcDateTime(decision.dueAt);
      throw forbidden(
        msg(
          `마감이 지나 더 이상 제출할 수 없습니다. 마감 시각: ${due.ko}`,
          `The deadline (${due.en}) has passed; submissions are closed.`,
        ),
        'deadline_passed',
      );
    }
    late = decision.late;
  }
  // The submission limit, per learner and lab: counted only for what is accepted (a 422 spends no attempt).
  await enforceRateLimit(deps, `submit#${learnerId}#${input.labId}`, deps.config.rateLimits.submit);
  return late;
}

/**
 * Accept a submission: check it can be graded (otherwise `invalid` with the field errors, nothing stored, no attempt
 * spent), the course's deadline and the rate limit, honour the Idempotency-Key, store it `queued` and publish
 * SubmissionReceived. A failed publish is logged, not returned: the sweeper publishes what stays queued.
 *
 * Every check that can refuse the request runs before the key is reserved, so a refused request leaves the key
 * unused (a retry once the deadline is extended or the window frees is a new submission, its id minted then).
 */
export async function submit(
  deps: ServiceDeps,
  learner: User,
  input: SubmitInput,
): Promise<{ submission: Submission; created: boolean }> {
  findLab(deps, input.labId);
  if (input.courseId) await requireEnrolled(deps, learner, input.courseId);
  await enforceCheckBudget(deps, learner.id);
  const issues = configIssues(deps, learner, input.labId, input.config, input.format);
  if (issues.length) {
    throw new DomainError(
      'invalid',
      msg(
        '설정에 고칠 곳이 있습니다. 채점하지 않았고 제출 횟수도 쓰지 않았습니다.',
        'The configuration has errors. It was not graded and no attempt was spent.',
      ),
      {
        reason: 'invalid_config',
        issues,
      },
    );
  }

  const now = deps.clock();
  // A retry of a submission already accepted gets it back before anything is counted again.
  const replay = input.idempotencyKey
    ? await acceptedUnder(deps, learner.id, input.idempotencyKey, fingerprint(input))
    : undefined;
  if (replay) return { submission: replay, created: false };
  const late = await admit(deps, learner.id, input, now);

  let id = deps.ids();
  if (input.idempotencyKey) {
    const print = fingerprint(input);
    const held = await deps.store.reserveIdempotencyKey(
      learner.id,
      input.idempotencyKey,
      { submissionId: id, fingerprint: print },
      new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
    );
    if (held) {
      if (held.fingerprint !== print) {
        throw new DomainError(
          'invalid',
          msg(
            '같은 Idempotency-Key로 다른 내용을 보냈습니다.',
            'This Idempotency-Key was already used for a different request.',
          ),
          {
            reason: 'idempotency_key_reused',
          },
        );
      }
      const existing = await deps.store.getSubmission(held.submissionId);
      if (existing) return { submission: existing, created: false };
      // The first request reserved the key but stopped before storing: finish it under the same id.
      id = held.submissionId;
    }
  }

  const submission: Submission = {
    id,
    learnerId: learner.id,
    labId: input.labId,
    ...(input.courseId ? { courseId: input.courseId } : {}),
    format: input.format ?? detectFormat(input.config),
    config: input.config,
    status: 'queued',
    queuedAt: now.toISOString(),
    claims: 0,
    ...(late ? { late } : {}),
  };
  if (!(await deps.store.putSubmission(submission))) {
    const existing = await deps.store.getSubmission(id);
    if (existing) return { submission: existing, created: false };
  }
  // Under the request's correlation id, naming the submission id the grader's lines carry: where the two logs join.
  logger.info('submitted', { submissionId: id, labId: input.labId, late: !!late });
  try {
    await deps.queue.publish({ submissionId: id, learnerId: learner.id, labId: input.labId, courseId: input.courseId });
  } catch (err) {
    logger.error('publish failed; the sweeper will retry', { submissionId: id, error: err as Error });
  }
  return { submission, created: true };
}

export interface LabHistory {
  labId: string;
  best: CountingGrade | null;
  /** Newest first. */
  submissions: Submission[];
}

/** The caller's submissions grouped by lab (labs in course order), newest first, with the score that counts. */
export async function myHistory(
  deps: Pick<ServiceDeps, 'store' | 'course'>,
  user: User,
  labId?: string,
): Promise<LabHistory[]> {
  const all = await deps.store.listLearnerSubmissions(user.id, labId);
  const byLab = new Map<string, Submission[]>();
  for (const s of all) byLab.set(s.labId, [...(byLab.get(s.labId) ?? []), s]);
  const order = catalogOf(deps.course).labIds;
  return [...byLab]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([lab, subs]) => {
      subs.sort((a, b) => (a.id < b.id ? 1 : -1));
      return { labId: lab, best: countingGrade(subs) ?? null, submissions: subs };
    });
}

/** What a submission looks like from outside: no claim token, no internal failure text. */
export function submissionView(s: SubmissionSummary & Partial<Pick<Submission, 'config' | 'claim' | 'failure'>>) {
  const { claim: _claim, failure, ...rest } = s;
  return {
    ...rest,
    ...(s.status === 'failed' && failure
      ? {
          failureMessage: msg(
            '채점 중 오류가 났습니다. 교사에게 알려 주세요.',
            'Grading failed. Please tell your teacher.',
          ),
        }
      : {}),
    latency: {
      queuedMs: s.gradingStartedAt
        ? Date.parse(s.gradingStartedAt) - Date.parse(s.requeuedAt ?? s.queuedAt)
        : undefined,
      gradingMs: s.gradingStartedAt && s.gradedAt ? Date.parse(s.gradedAt) - Date.parse(s.gradingStartedAt) : undefined,
    },
  };
}
