import type * as z from 'zod';
import { DEFAULT_REVEAL_POLICY, revealPolicySchema, type RevealPolicy } from '../grading/reveal.ts';

/**
 * A course's reveal default: after how many graded attempts the fix and the exact expected values show to a
 * learner, and whether the deadline shows them, in every lab that does not set its own `reveal`. The hint rule is
 * not the course's to turn off: revealing every hint is the learner asking for the answer.
 */
export const courseRevealSchema = revealPolicySchema.pick({ afterAttempts: true, afterDeadline: true });
export type CourseReveal = z.infer<typeof courseRevealSchema>;

/** The policy a course applies where a lab sets none: the course's setting over the platform default. */
export const courseRevealDefault = (course: { reveal?: CourseReveal } | undefined): RevealPolicy => ({
  ...DEFAULT_REVEAL_POLICY,
  ...course?.reveal,
});
