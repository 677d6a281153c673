import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkQuiz } from '../../../core/content/quiz.ts';
import type { Question } from '../../../core/content/course.ts';
import { lessons } from './fixtures.ts';

const rightAnswers = (quiz: Question[]) =>
  Object.fromEntries(quiz.map((q) => [q.id, q.kind === 'single' ? q.answer[0] : q.answer]));

describe('checkQuiz on every lesson quiz', () => {
  it.each(lessons.map((l) => [l.id, l.quiz] as const))('%s: the right answers score full marks', (_id, quiz) => {
    const result = checkQuiz(quiz, rightAnswers(quiz), 'ko');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.score).toEqual({ correct: quiz.length, answered: quiz.length, total: quiz.length });
      expect(result.value.results.every((r) => r.answered && r.correct)).toBe(true);
    }
  });

  it.each(lessons.map((l) => [l.id, l.quiz] as const))('%s: every single wrong choice is marked wrong', (_id, quiz) => {
    for (const q of quiz) {
      for (const c of q.choices.filter((choice) => !q.answer.includes(choice.id))) {
        const result = checkQuiz(quiz, { [q.id]: q.kind === 'single' ? c.id : [c.id] }, 'en');
        expect(result.ok).toBe(true);
        if (result.ok) {
          const r = result.value.results.find((x) => x.id === q.id)!;
          if (!r.answered) throw new Error(`${q.id} should count as answered`);
          expect(r.correct).toBe(false);
          expect(r.answer).toEqual(q.answer);
          expect(r.explanation).toBe(q.explanation.en);
        }
      }
    }
  });

  it('spreads single-choice answers over the letters (no pattern to game)', () => {
    const singles = lessons.flatMap((l) => l.quiz).filter((q) => q.kind === 'single');
    const counts = new Map<string, number>();
    for (const q of singles) counts.set(q.answer[0], (counts.get(q.answer[0]) ?? 0) + 1);
    expect(counts.size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(singles.length / 2);
  });
});

describe('checkQuiz rules', () => {
  const quiz = lessons.find((l) => l.id === 'virtualization-basics')!.quiz;
  const multi = quiz.find((q) => q.kind === 'multiple')!;
  const single = quiz.find((q) => q.kind === 'single')!;

  it('gives the explanation in the requested language', () => {
    const first = quiz[0];
    const answer = { [first.id]: first.kind === 'single' ? first.choices[0].id : [first.choices[0].id] };
    const ko = checkQuiz(quiz, answer, 'ko');
    const en = checkQuiz(quiz, answer, 'en');
    expect(ko.ok && en.ok).toBe(true);
    if (ko.ok && en.ok) {
      expect(ko.value.results[0]).toMatchObject({ answered: true, explanation: first.explanation.ko });
      expect(en.value.results[0]).toMatchObject({ answered: true, explanation: first.explanation.en });
    }
  });

  it('does not judge unanswered questions nor give their answers away', () => {
    const result = checkQuiz(quiz, { [single.id]: single.answer[0] }, 'en');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.score).toEqual({ correct: 1, answered: 1, total: quiz.length });
      for (const r of result.value.results.filter((x) => x.id !== single.id)) {
        expect(r).toEqual({ id: r.id, answered: false });
      }
    }
  });

  it('accepts a multiple-choice answer only as the exact set, in any order', () => {
    fc.assert(
      fc.property(
        fc.subarray(
          multi.choices.map((c) => c.id),
          { minLength: 1 },
        ),
        (picked) => {
          const result = checkQuiz(quiz, { [multi.id]: picked }, 'en');
          if (!result.ok) return false;
          const exact = picked.length === multi.answer.length && multi.answer.every((a) => picked.includes(a));
          return result.value.results.some((r) => r.id === multi.id && r.answered && r.correct) === exact;
        },
      ),
    );
    const reversed = checkQuiz(quiz, { [multi.id]: [...multi.answer].reverse() }, 'en');
    expect(reversed.ok && reversed.value.results.some((r) => r.id === multi.id && r.answered && r.correct)).toBe(true);
  });

  it('does not count a repeated choice as covering the set', () => {
    const doubled = [multi.answer[0], multi.answer[0]];
    const result = checkQuiz(quiz, { [multi.id]: doubled }, 'en');
    expect(result.ok && result.value.results.some((r) => r.id === multi.id && r.answered && r.correct)).toBe(false);
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown question', { 'no-such-question': 'a' }, /no question 'no-such-question'/],
    ['a choice the question does not have', { [single.id]: 'h' }, /not a choice/],
    ['two choices for a single-choice question', { [single.id]: ['a', 'b'] }, /exactly one choice/],
  ])('refuses %s', (_name, answers, expected) => {
    const result = checkQuiz(quiz, answers, 'en');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.some((i) => expected.test(i.message.en))).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a string', 'a'],
    ['null', null],
    ['a number as a choice', { [single.id]: 1 }],
    ['a choice id that is not a letter', { [single.id]: 'zz' }],
    ['a key that is not a question id', { 'Bad Key': 'a' }],
  ])('refuses malformed answers: %s', (_name, answers) => {
    const result = checkQuiz(quiz, answers, 'ko');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].message.ko).toMatch(/\S/);
  });
});
