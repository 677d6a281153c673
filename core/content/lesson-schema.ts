import * as z from 'zod';
import { bilingual } from '../validation.ts';
import { msg } from '../i18n.ts';
import { Slug } from '../slug.ts';

/** Choices are lettered `a`, `b`, … so that both languages can refer to the same choice. */
export const ChoiceId = z.string().regex(/^[a-h]$/, {
  error: bilingual(msg('선택지 id는 a부터 h까지의 한 글자입니다', 'a choice id is one letter from a to h')),
});

export const QuizChoice = z.strictObject({
  id: ChoiceId,
  text: z.string().min(1),
  /**
   * The misconception a learner who picks this (wrong) choice reveals: an id of the course's misconception catalogue
   * (`content/misconceptions.yaml`), e.g. `containers-use-hypervisor`. Only wrong choices carry one.
   */
  misconception: Slug.optional(),
});

/**
 * One quiz question. `single`: exactly one right choice. `multiple`: one or more right choices, and the learner
 * must pick exactly that set.
 */
export const QuizQuestion = z
  .strictObject({
    id: Slug,
    kind: z.enum(['single', 'multiple']),
    prompt: z.string().min(1),
    choices: z.array(QuizChoice).min(2).max(8),
    answer: z.array(ChoiceId).min(1),
    explanation: z.string().min(1),
  })
  .superRefine((q, ctx) => {
    const ids = q.choices.map((c) => c.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({
        code: 'custom',
        path: ['choices'],
        message: bilingual(msg('선택지 id가 중복됩니다', 'choice ids repeat')),
      });
    for (const a of q.answer)
      if (!ids.includes(a))
        ctx.addIssue({
          code: 'custom',
          path: ['answer'],
          message: bilingual(msg(`정답 '${a}'이(가) 선택지에 없습니다`, `answer '${a}' is not one of the choices`)),
        });
    if (new Set(q.answer).size !== q.answer.length)
      ctx.addIssue({
        code: 'custom',
        path: ['answer'],
        message: bilingual(msg('정답이 중복됩니다', 'answers repeat')),
      });
    for (const [i, c] of q.choices.entries())
      if (c.misconception && q.answer.includes(c.id))
        ctx.addIssue({
          code: 'custom',
          path: ['choices', i, 'misconception'],
          message: bilingual(msg('정답 선택지에는 오개념 id를 달지 않습니다', 'a right choice names no misconception')),
        });
    if (!q.choices.some((c) => c.misconception))
      ctx.addIssue({
        code: 'custom',
        path: ['choices'],
        message: bilingual(
          msg(
            '오답 선택지 하나 이상에 그 답이 드러내는 오개념 id(misconception)를 답니다',
            'at least one wrong choice names the misconception it reveals (misconception: <id>)',
          ),
        ),
      });
    if (q.kind === 'single' && q.answer.length !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['answer'],
        message: bilingual(
          msg('단일 선택 문제의 정답은 하나입니다', 'a single-choice question has exactly one answer'),
        ),
      });
  });

/**
 * Something to know before the lesson: another lesson of the course (linked, and it must come earlier) or background
 * from outside the course (e.g. an operating-systems course). `text` is in the file's language.
 */
export const Prerequisite = z.strictObject({
  lesson: Slug.optional(),
  text: z.string().min(1).max(200),
});

/**
 * One entry of the reading list: a primary source (paper, specification, RFC, vendor manual, kernel documentation).
 * `cite` is the citation as published (authors, title, venue, year) and is the same in both languages; `note` says in
 * the file's language what to read it for.
 */
export const ReadingEntry = z.strictObject({
  id: Slug,
  cite: z.string().min(1).max(300),
  url: z
    .string()
    .regex(/^https:\/\/[^\s]+$/, { error: bilingual(msg('https:// 주소여야 합니다', 'must be an https:// address')) })
    .optional(),
  note: z.string().min(1).max(300),
});

/** The YAML front matter of one lesson file (`content/lessons/<order>-<id>/<lang>.md`). */
export const LessonFrontMatter = z
  .strictObject({
    id: Slug,
    order: z.int().min(1).max(99),
    lang: z.enum(['ko', 'en']),
    title: z.string().min(1).max(120),
    summary: z.string().min(1).max(600),
    /** Labs that practise this lesson (ids of `content/labs/<id>.yaml`). */
    labs: z.array(Slug),
    /** Glossary term ids this lesson uses; every `glossary:` link in the body must be listed here. */
    glossary: z.array(Slug),
    /** What a learner can do after the lesson ("explain…", "predict…"), shown at the top of the page. */
    objectives: z.array(z.string().min(1).max(300)).min(2).max(6),
    /** What to know first; shown under the objectives. */
    prerequisites: z.array(Prerequisite).min(1).max(6),
    /** Primary sources to read further; shown at the end of the lesson. */
    reading: z.array(ReadingEntry).min(1).max(12),
    quiz: z.array(QuizQuestion).min(3).max(5),
  })
  .superRefine((fm, ctx) => {
    const ids = fm.quiz.map((q) => q.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({
        code: 'custom',
        path: ['quiz'],
        message: bilingual(msg('문제 id가 중복됩니다', 'question ids repeat')),
      });
    const sources = fm.reading.map((r) => r.id);
    if (new Set(sources).size !== sources.length)
      ctx.addIssue({
        code: 'custom',
        path: ['reading'],
        message: bilingual(msg('읽을거리 id가 중복됩니다', 'reading ids repeat')),
      });
  });

export type QuizChoice = z.output<typeof QuizChoice>;
export type QuizQuestion = z.output<typeof QuizQuestion>;
export type Prerequisite = z.output<typeof Prerequisite>;
export type ReadingEntry = z.output<typeof ReadingEntry>;
export type LessonFrontMatter = z.output<typeof LessonFrontMatter>;
