import { describe, expect, it } from 'vitest';
import { courseRevealDefault, courseRevealSchema } from '../../../core/course/course-settings.ts';
import { revealPolicyFor } from '../../../core/grading/reveal.ts';

describe('course reveal default', () => {
  it('is the platform default until the course sets one', () => {
    expect(courseRevealDefault(undefined)).toEqual({ afterAttempts: 3, afterAllHints: true, afterDeadline: true });
    expect(courseRevealDefault({})).toEqual(courseRevealDefault(undefined));
  });

  it('applies where a lab sets nothing, and a lab’s own field still wins', () => {
    const course = courseRevealDefault({ reveal: { afterAttempts: 5, afterDeadline: false } });
    expect(revealPolicyFor({}, course)).toEqual({ afterAttempts: 5, afterAllHints: true, afterDeadline: false });
    expect(revealPolicyFor({ reveal: { afterAttempts: 1 } }, course)).toMatchObject({
      afterAttempts: 1,
      afterDeadline: false,
    });
  });

  it('takes the attempts and the deadline only, within bounds', () => {
    expect(courseRevealSchema.safeParse({ afterAttempts: 0, afterDeadline: true }).success).toBe(true);
    expect(courseRevealSchema.safeParse({ afterAttempts: -1, afterDeadline: true }).success).toBe(false);
    expect(courseRevealSchema.safeParse({ afterAttempts: 1001, afterDeadline: true }).success).toBe(false);
    expect(courseRevealSchema.safeParse({ afterAttempts: 2, afterDeadline: true, afterAllHints: false }).success).toBe(
      false,
    );
  });
});
