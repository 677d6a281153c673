import * as z from 'zod';
import { msg, type Lang } from '../i18n.ts';
import { validate, type ConfigIssue, type Parsed } from '../validation.ts';
import { Slug } from '../slug.ts';
import { ChoiceId } from './lesson-schema.ts';
import type { Question } from './course.ts';

/**
 * A learner's answers: question id → the chosen choice id (single choice) or ids (multiple choice).
 * Unanswered questions may be left out: they get no verdict, and their answer and explanation stay hidden, so a
 * learner who checks one question does not see the others' answers.
 */
export const QuizAnswers = z.record(Slug, z.union([ChoiceId, z.array(ChoiceId).max(8)]));
export type QuizAnswers = z.output<typeof QuizAnswers>;

/** A question the learner answered: the verdict, the answer and why. */
export interface AnsweredQuestion {
  id: string;
  answered: true;
  correct: boolean;
  selected: string[];
  answer: string[];
  /** Why the answer is what it is, in the requested language. */
  explanation: string;
}

/** A question left blank: no verdict, and nothing that would give its answer away. */
export interface UnansweredQuestion {
  id: string;
  answered: false;
}

export type QuestionResult = AnsweredQuestion | UnansweredQuestion;

export interface QuizResult {
  results: QuestionResult[];
  /** `correct` of the `answered` questions; `total` questions in the quiz. */
  score: { correct: number; answered: number; total: number };
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && new Set([...a, ...b]).size === a.length && new Set(a).size === a.length;

/** Grade a quiz. The answers are untrusted input: they are validated, and unknown questions or choices are issues. */
export function checkQuiz(quiz: readonly Question[], answers: unknown, lang: Lang): Parsed<QuizResult> {
  const parsed = validate(QuizAnswers, answers);
  if (!parsed.ok) return parsed;
  const byId = new Map(quiz.map((q) => [q.id, q]));
  const issues: ConfigIssue[] = [];
  for (const [id, value] of Object.entries(parsed.value)) {
    const q = byId.get(id);
    if (!q) {
      issues.push({ path: id, message: msg(`'${id}'라는 문제는 없습니다.`, `There is no question '${id}'.`) });
      continue;
    }
    const picked = typeof value === 'string' ? [value] : value;
    for (const c of picked)
      if (!q.choices.some((choice) => choice.id === c))
        issues.push({
          path: id,
          message: msg(`'${c}'는 이 문제의 선택지가 아닙니다.`, `'${c}' is not a choice of this question.`),
        });
    if (q.kind === 'single' && picked.length > 1)
      issues.push({
        path: id,
        message: msg('이 문제는 하나만 고르는 문제입니다.', 'This question takes exactly one choice.'),
      });
  }
  if (issues.length > 0) return { ok: false, issues };
  const results = quiz.map((q): QuestionResult => {
    const value = parsed.value[q.id];
    const selected = value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
    if (selected.length === 0) return { id: q.id, answered: false };
    return {
      id: q.id,
      answered: true,
      correct: sameSet(selected, q.answer),
      selected,
      answer: q.answer,
      explanation: q.explanation[lang],
    };
  });
  const answered = results.filter((r) => r.answered);
  return {
    ok: true,
    value: {
      results,
      score: { correct: answered.filter((r) => r.correct).length, answered: answered.length, total: quiz.length },
    },
  };
}
