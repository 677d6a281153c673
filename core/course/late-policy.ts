import * as z from 'zod';
import { msg } from '../i18n.ts';
import { bilingual } from '../validation.ts';
import type { Lateness } from './submission.ts';

/** What happens to work handed in after the deadline. The schema is the API's request body. */
export const LatePolicySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('penalty'),
    /** Percent of the score taken off per started day late. */
    penaltyPercentPerDay: z.number().min(0).max(100),
    /** After this many days the submission is refused; unlimited when absent. */
    maxDaysLate: z.number().int().min(0).max(365).optional(),
  }),
  z.object({ kind: z.literal('reject') }),
]);
export type LatePolicy = z.infer<typeof LatePolicySchema>;

/**
 * A deadline as sent (ISO 8601 with an offset), whose moment in UTC falls in the years 2000–9999: stored as
 * `toISOString()`, which writes a later moment as `+010000-…` (e.g. 9999-12-31T23:00-14:00), a string no ISO reader
 * takes back and that sorts before every ordinary date.
 */
export const DueAtSchema = z.iso.datetime({ offset: true }).refine(
  (s) => {
    const year = new Date(s).getUTCFullYear();
    return year >= 2000 && year <= 9999;
  },
  {
    error: bilingual(
      msg(
        '마감 시각은 UTC로 2000년에서 9999년 사이여야 합니다.',
        'The deadline must fall in the years 2000–9999 in UTC.',
      ),
    ),
  },
);

export const DeadlineSchema = z.object({
  dueAt: DueAtSchema,
  latePolicy: LatePolicySchema,
});

export interface Deadline {
  courseId: string;
  labId: string;
  dueAt: string;
  latePolicy: LatePolicy;
}

export interface Extension {
  courseId: string;
  labId: string;
  learnerId: string;
  dueAt: string;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The deadline that applies to one learner: the later of the lab's deadline and their extension. An extension only
 * ever gives more time: once the lab's deadline is moved past it, the lab's counts for that learner too.
 */
export function effectiveDueAt(deadline: Deadline, extension?: Extension): string {
  return extension && extendsDeadline(deadline, extension.dueAt) ? extension.dueAt : deadline.dueAt;
}

/** An extension must give more time than the lab's deadline; one at or before it would only shorten the learner's time. */
export function extendsDeadline(deadline: Deadline, dueAt: string): boolean {
  return Date.parse(dueAt) > Date.parse(deadline.dueAt);
}

/** Whole days started after `dueAt` (any part of a day counts as a day); 0 when on time. */
export function daysLate(dueAt: string, submittedAt: Date): number {
  const over = submittedAt.getTime() - Date.parse(dueAt);
  return over <= 0 ? 0 : Math.ceil(over / DAY_MS);
}

export type LateDecision = { accepted: true; late?: Lateness } | { accepted: false; dueAt: string; daysLate: number };

/**
 * Judge a submission arriving at `submittedAt` against the lab's deadline and the learner's extension:
 * on time, late with a penalty (fixed now, applied when graded), or refused.
 */
export function judgeLateness(
  deadline: Deadline | undefined,
  extension: Extension | undefined,
  submittedAt: Date,
): LateDecision {
  if (!deadline) return { accepted: true };
  const dueAt = effectiveDueAt(deadline, extension);
  const days = daysLate(dueAt, submittedAt);
  if (days === 0) return { accepted: true };
  const policy = deadline.latePolicy;
  if (policy.kind === 'reject') return { accepted: false, dueAt, daysLate: days };
  if (policy.kind === 'penalty' && policy.maxDaysLate !== undefined && days > policy.maxDaysLate) {
    return { accepted: false, dueAt, daysLate: days };
  }
  const penaltyPercent = policy.kind === 'penalty' ? Math.min(100, policy.penaltyPercentPerDay * days) : 0;
  return { accepted: true, late: { dueAt, daysLate: days, penaltyPercent } };
}

/** The score after the penalty, rounded to two decimals, never below 0. */
export function applyPenalty(score: number, percent: number): number {
  return Math.max(0, Math.round(score * (100 - percent)) / 100);
}
