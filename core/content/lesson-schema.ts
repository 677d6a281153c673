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
      ctx.addIssue({ code: 'custom', path: ['answer'], message: bilingual(msg('정답이 중복됩니다', 'answers repeat')) });
    if (q.kind === 'single' && q.answer.length !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['answer'],
        message: bilingual(msg('단일 선택 문제의 정답은 하나입니다', 'a single-choice question has exactly one answer')),
      });
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
    quiz: z.array(QuizQuestion).min(3).max(5),
  })
  .superRefine((fm, ctx) => {
    const ids = fm.quiz.map((q) => q.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['quiz'], message: bilingual(msg('문제 id가 중복됩니다', 'question ids repeat')) });
  });

export type QuizChoice = z.output<typeof QuizChoice>;
export type QuizQuestion = z.output<typeof QuizQuestion>;
export type LessonFrontMatter = z.output<typeof LessonFrontMatter>;
