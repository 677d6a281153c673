/**
 * When a learner may see the answer. Before the reveal point a failed check shows what was observed and what the
 * check means (its title and feedback) — not the simulator's counterfactual fix ("This would pass"), not the exact
 * expected values and not the misconception the attempt was matched to, so the hints are worth reading. The point
 * comes after every hint was revealed, after N graded attempts (course default 3) or after the deadline; teachers
 * always see everything. Pure: the caller gathers attempts, hints and deadline; `redactGrade` applies the decision.
 */
import * as z from 'zod';
import type { GradeResult } from './result.ts';

export const revealPolicySchema = z.strictObject({
  /** Graded attempts after which everything is shown (0: from the first attempt). */
  afterAttempts: z.int().min(0).max(1000).default(3),
  /** Show everything once the learner has revealed every hint. */
  afterAllHints: z.boolean().default(true),
  /** Show everything once the lab's deadline (with the learner's extension) has passed. */
  afterDeadline: z.boolean().default(true),
});
export type RevealPolicy = z.infer<typeof revealPolicySchema>;

/** The course default; a lab's `reveal` overrides any of its fields. */
export const DEFAULT_REVEAL_POLICY: RevealPolicy = { afterAttempts: 3, afterAllHints: true, afterDeadline: true };

/** The policy that applies to a lab: the course's default with the lab's own fields over it. */
export const revealPolicyFor = (
  lab: { reveal?: Partial<RevealPolicy> },
  courseDefault: RevealPolicy = DEFAULT_REVEAL_POLICY,
): RevealPolicy => ({
  ...courseDefault,
  ...lab.reveal,
});

export interface RevealInput {
  role: 'learner' | 'teacher';
  /** Graded attempts the learner has made on this lab, this one included. */
  attempts: number;
  /** The learner has revealed every hint of the attempt. */
  hintsRevealed: boolean;
  deadlinePassed: boolean;
  policy: RevealPolicy;
}

export type RevealReason = 'teacher' | 'attempts' | 'hints' | 'deadline';

export interface RevealDecision {
  /** Show the fix, the exact expected values and the misconception. */
  full: boolean;
  /** Why everything is shown (the first reason that applies). */
  because?: RevealReason;
  /** Graded attempts still to make before the answer shows (0 once it shows). */
  attemptsLeft: number;
  /** Before the reveal point: whether revealing every hint, or the deadline, will still show it (the policy's say). */
  opensBy?: { hints: boolean; deadline: boolean };
}

export function decideReveal(input: RevealInput): RevealDecision {
  const { policy } = input;
  const attemptsLeft = Math.max(0, policy.afterAttempts - input.attempts);
  const because: RevealReason | undefined =
    input.role === 'teacher'
      ? 'teacher'
      : attemptsLeft === 0
        ? 'attempts'
        : policy.afterAllHints && input.hintsRevealed
          ? 'hints'
          : policy.afterDeadline && input.deadlinePassed
            ? 'deadline'
            : undefined;
  return because
    ? { full: true, because, attemptsLeft: 0 }
    : { full: false, attemptsLeft, opensBy: { hints: policy.afterAllHints, deadline: policy.afterDeadline } };
}

/**
 * The grade as the decision lets its reader see it: before the reveal point, no check carries `fix` or `expected`
 * and the grade names no misconception. The decision travels with it, so a view can say when the rest will show.
 */
export function redactGrade(grade: GradeResult, decision: RevealDecision): GradeResult {
  if (decision.full) return { ...grade, reveal: decision };
  const { misconception: _hidden, ...rest } = grade;
  return {
    ...rest,
    checks: grade.checks.map(({ fix: _fix, expected: _expected, ...c }) => c),
    reveal: decision,
  };
}
