import { describe, it, expect } from 'vitest';
import { gradeSubmission } from '../../../core/grading/grade.ts';
import {
  decideReveal,
  DEFAULT_REVEAL_POLICY,
  redactGrade,
  revealPolicyFor,
  type RevealInput,
} from '../../../core/grading/reveal.ts';
import { asLearner, testLab } from './helpers.ts';

const base: RevealInput = {
  role: 'learner',
  attempts: 1,
  hintsRevealed: false,
  deadlinePassed: false,
  policy: DEFAULT_REVEAL_POLICY,
};

describe('decideReveal', () => {
  it('hides the answer on a first failed attempt, saying how many attempts are left', () => {
    expect(decideReveal(base)).toEqual({ full: false, attemptsLeft: 2, opensBy: { hints: true, deadline: true } });
  });
  it('shows it after N graded attempts, every hint, or the deadline — and always to teachers', () => {
    expect(decideReveal({ ...base, attempts: 3 })).toEqual({ full: true, because: 'attempts', attemptsLeft: 0 });
    expect(decideReveal({ ...base, hintsRevealed: true })).toMatchObject({ full: true, because: 'hints' });
    expect(decideReveal({ ...base, deadlinePassed: true })).toMatchObject({ full: true, because: 'deadline' });
    expect(decideReveal({ ...base, role: 'teacher' })).toMatchObject({ full: true, because: 'teacher' });
  });
  it('follows a lab’s own policy over the course default', () => {
    const policy = revealPolicyFor({ reveal: { afterAttempts: 5, afterAllHints: false } });
    expect(policy).toEqual({ afterAttempts: 5, afterAllHints: false, afterDeadline: true });
    expect(decideReveal({ ...base, attempts: 3, hintsRevealed: true, policy })).toEqual({
      full: false,
      attemptsLeft: 2,
      opensBy: { hints: false, deadline: true },
    });
    expect(decideReveal({ ...base, attempts: 0, policy: revealPolicyFor({ reveal: { afterAttempts: 0 } }) }).full).toBe(
      true,
    );
  });
});

describe('redactGrade', () => {
  const lab = testLab();
  const wrong = gradeSubmission({ lab, text: asLearner(lab, lab.fixtures[0].text, 'kim'), learnerId: 'kim' });

  it('the wrong grade carries expected values and a misconception before redaction', () => {
    expect(wrong.checks.filter((c) => !c.passed).every((c) => c.expected !== undefined)).toBe(true);
    expect(wrong.misconception?.id).toBe('firewall-best-match');
  });

  it('drops fix, expected and the misconception before the reveal point, keeps observed, feedback and hints', () => {
    const hidden = redactGrade(wrong, { full: false, attemptsLeft: 2 });
    for (const c of hidden.checks) {
      expect(c).not.toHaveProperty('expected');
      expect(c).not.toHaveProperty('fix');
      expect(c.observed).toBeDefined();
      expect(c.feedback).toBeDefined();
    }
    expect(hidden.checks.find((c) => c.id === 'blocked-path')!.hints[0].en).toContain('HINT-MARKER');
    expect(hidden).not.toHaveProperty('misconception');
    expect(hidden.reveal).toEqual({ full: false, attemptsLeft: 2 });
    expect(hidden.score).toBe(wrong.score);
  });

  it('keeps everything past it', () => {
    const shown = redactGrade(wrong, { full: true, because: 'teacher', attemptsLeft: 0 });
    expect(shown.checks).toEqual(wrong.checks);
    expect(shown.misconception).toEqual(wrong.misconception);
  });
});
