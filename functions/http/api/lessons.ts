import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { pick } from '../../../core/i18n.ts';
import { checkQuiz } from '../../../core/content/quiz.ts';
import { lessonMarkdown } from '../../../core/content/frame.ts';
import { renderMarkdown } from '../../../core/content/render.ts';
import type { Lesson } from '../../../core/content/course.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { errors } from '../errors.ts';
import { guardBody } from '../middleware/body.ts';
import { catalogOf, findLesson } from '../../service/catalog.ts';
import { QuizResult } from './responses.ts';
import { Lang, Msg, jsonBody, ok, pickErrors, slug } from './schemas.ts';

const LessonSummary = z
  .object({ id: z.string(), order: z.number(), title: Msg, summary: Msg, labs: z.array(z.string()) })
  .openapi('LessonSummary');

const LessonBody = LessonSummary.extend({
  lang: z.enum(['ko', 'en']),
  markdown: z.string(),
  html: z.string(),
  glossary: z.array(z.string()),
  quiz: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['single', 'multiple']),
      prompt: z.string(),
      choices: z.array(z.object({ id: z.string(), text: z.string() })),
    }),
  ),
}).openapi('Lesson');

const routes = {
  list: createRoute({
    method: 'get',
    path: '/lessons',
    tags: ['lessons'],
    summary: 'The lessons in course order (public)',
    responses: { 200: ok(z.object({ lessons: z.array(LessonSummary) }), 'Lessons') },
  }),
  get: createRoute({
    method: 'get',
    path: '/lessons/{id}',
    tags: ['lessons'],
    summary: 'One lesson in one language: markdown and rendered HTML; quiz without answers (public)',
    request: { params: z.object({ id: slug }), query: z.object({ lang: Lang }) },
    responses: { 200: ok(LessonBody, 'The lesson'), ...pickErrors(400, 404) },
  }),
  quiz: createRoute({
    method: 'post',
    path: '/lessons/{id}/quiz',
    tags: ['lessons'],
    summary: 'Check quiz answers ({questionId: choiceId | choiceId[]}) (public)',
    middleware: guardBody({ types: ['application/json'], maxBytes: 16 * 1024 }),
    request: {
      params: z.object({ id: slug }),
      body: jsonBody(z.record(z.string(), z.unknown()), 'Answers by question id'),
    },
    responses: { 200: ok(QuizResult, 'Per question: correct, the answer and why'), ...pickErrors(400, 404, 413, 415) },
  }),
};

const summary = (l: Lesson) => ({ id: l.id, order: l.order, title: l.title, summary: l.summary, labs: l.labs });

export function lessonRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  const find = (id: string) => findLesson(deps, id);
  app.openapi(routes.list, (c) => c.json({ lessons: catalogOf(deps.course).lessons.map(summary) }, 200));
  app.openapi(routes.get, (c) => {
    const lesson = find(c.req.valid('param').id);
    const lang = c.get('lang');
    return c.json(
      {
        ...summary(lesson),
        lang,
        markdown: lesson.body[lang],
        html: renderMarkdown(lessonMarkdown(lesson, lang)),
        glossary: lesson.glossary,
        quiz: lesson.quiz.map((q) => ({
          id: q.id,
          kind: q.kind,
          prompt: pick(q.prompt, lang),
          choices: q.choices.map((ch) => ({ id: ch.id, text: pick(ch.text, lang) })),
        })),
      },
      200,
    );
  });
  app.openapi(routes.quiz, (c) => {
    const lesson = find(c.req.valid('param').id);
    const result = checkQuiz(lesson.quiz, c.req.valid('json'), c.get('lang'));
    if (!result.ok) throw errors.invalid(result.issues);
    return c.json(result.value, 200);
  });
}
