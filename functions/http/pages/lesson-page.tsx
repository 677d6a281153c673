import { raw } from 'hono/html';
import type { Lesson } from '../../../core/content/course.ts';
import type { QuizResult } from '../../../core/content/quiz.ts';
import { lessonMarkdown } from '../../../core/content/frame.ts';
import { renderMarkdown } from '../../../core/content/render.ts';
import type { Lab } from '../../../core/labs/lab-schema.ts';
import { Difficulty } from './home-page.tsx';
import { Layout, type PageContext } from './layout.tsx';

/** The strings quiz.js needs. */
export const quizStrings = (ctx: PageContext) => ({
  quizCorrect: ctx.t.quizCorrect,
  quizWrong: ctx.t.quizWrong,
  quizScoreTemplate: ctx.t.quizScore('{right}', '{answered}', '{total}'),
  quizFailed: ctx.t.quizFailed,
  quizUnanswered: ctx.t.quizUnanswered,
  quizNothingChosen: ctx.t.quizNothingChosen,
});

/**
 * A lesson: the rendered markdown (raw HTML in lessons is escaped by the renderer) and its self-check quiz. The
 * quiz posts to the server (works without scripts); quiz.js shows the verdicts in place. `result` is set when the
 * page answers a posted quiz.
 */
export function LessonPage({
  ctx,
  lesson,
  labs,
  result,
  answers,
  prev,
  next,
}: {
  ctx: PageContext;
  lesson: Lesson;
  labs: readonly Lab[];
  result?: QuizResult;
  answers?: Record<string, string[]>;
  prev?: Lesson;
  next?: Lesson;
}) {
  const { t, lang } = ctx;
  const byId = new Map(result?.results.map((r) => [r.id, r]));
  return (
    <Layout ctx={ctx} title={lesson.title[lang]} scripts={['quiz.js']} clientStrings={quizStrings(ctx)} section="home">
      <div class="layout-2">
        <article class="card prose" lang={lang}>
          <p class="muted small">
            {t.lesson} {lesson.order}
          </p>
          {raw(renderMarkdown(lessonMarkdown(lesson, lang)))}
        </article>
        <aside>
          {labs.length ? (
            <div class="card">
              <h2>{t.labsOfLesson}</h2>
              <ul class="lab-list">
                {labs.map((lab) => (
                  <li class="lab-row">
                    <a class="title" href={`/labs/${lab.id}`}>
                      {lab.title[lang]}
                    </a>
                    <Difficulty level={lab.difficulty} ctx={ctx} />
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </aside>
      </div>
      {lesson.quiz.length ? (
        <section class="quiz" aria-labelledby="quiz-title">
          <h2 id="quiz-title">{t.quizTitle}</h2>
          <form method="post" action={`/lessons/${lesson.id}/quiz`} data-quiz={lesson.id}>
            {lesson.quiz.map((q, n) => {
              const r = byId.get(q.id);
              const chosen = new Set(answers?.[q.id] ?? []);
              return (
                <fieldset data-question={q.id} data-kind={q.kind}>
                  <legend>
                    {n + 1}. {q.prompt[lang]}
                  </legend>
                  {q.choices.map((choice) => (
                    <label class="choice">
                      <input
                        type={q.kind === 'multiple' ? 'checkbox' : 'radio'}
                        name={`q:${q.id}`}
                        value={choice.id}
                        checked={chosen.has(choice.id)}
                      />
                      <span>{choice.text[lang]}</span>
                    </label>
                  ))}
                  <div
                    class={`feedback ${r ? (r.answered ? (r.correct ? 'ok' : 'bad') : 'pending') : ''}`}
                    data-role="feedback"
                    role="status"
                    hidden={!r}
                  >
                    {r?.answered ? (
                      <>
                        <strong>{r.correct ? t.quizCorrect : t.quizWrong}</strong>
                        <p>{r.explanation}</p>
                      </>
                    ) : r ? (
                      <p>{t.quizUnanswered}</p>
                    ) : null}
                  </div>
                </fieldset>
              );
            })}
            <p class="editor-toolbar">
              <button type="submit" class="primary">
                {t.quizCheck}
              </button>
              <strong data-role="quiz-score" role="status">
                {result ? t.quizScore(result.score.correct, result.score.answered, result.score.total) : ''}
              </strong>
            </p>
            <p class="notice bad" data-role="quiz-error" role="alert" hidden></p>
          </form>
        </section>
      ) : null}
      <nav class="pager" aria-label={t.lesson}>
        {prev ? (
          <a href={`/lessons/${prev.id}`} rel="prev">
            ← {prev.title[lang]}
          </a>
        ) : (
          <span></span>
        )}
        {next ? (
          <a href={`/lessons/${next.id}`} rel="next">
            {next.title[lang]} →
          </a>
        ) : null}
      </nav>
    </Layout>
  );
}
