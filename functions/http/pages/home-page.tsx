import type { CountingGrade } from '../../../core/course/best-grade.ts';
import type { Catalog } from '../../service/catalog.ts';
import { Layout, type PageContext } from './layout.tsx';

export function ScoreBadge({ grade, ctx }: { grade: CountingGrade | undefined; ctx: PageContext }) {
  const { t } = ctx;
  if (!grade)
    return (
      <span class="badge" data-testid="best-score">
        {t.notAttempted}
      </span>
    );
  return (
    <span class={`badge ${grade.score >= 100 ? 'ok' : 'bad'}`} data-testid="best-score" data-score={grade.score}>
      {t.bestScore} {grade.score}%{grade.late ? ` · ${t.late}` : ''}
      {grade.override ? ` · ${t.override}` : ''}
    </span>
  );
}

export const Difficulty = ({ level, ctx }: { level: number; ctx: PageContext }) => (
  <span class="badge info" title={`${ctx.t.difficulty} ${level}/5`}>
    {ctx.t.difficulty} {'●'.repeat(level)}
    {'○'.repeat(5 - level)}
  </span>
);

/** Course home: the lessons in order, each with its labs and the learner's standing on them. */
export function HomePage({
  ctx,
  catalog,
  grades,
}: {
  ctx: PageContext;
  catalog: Catalog;
  grades: Map<string, CountingGrade>;
}) {
  const { t, lang } = ctx;
  const ordered = catalog.lessons;
  // A lab practised in several lessons gets its row (and counts) once, under the first of them; later lessons
  // only name it, so the list has one row per lab.
  const courseLabs = [...new Set(ordered.flatMap((l) => catalog.labsOf(l).map((lab) => lab.id)))];
  const listed = new Set<string>();
  const rowsOf = ordered.map((lesson) => {
    const labs = catalog.labsOf(lesson);
    const fresh = labs.filter((lab) => !listed.has(lab.id));
    const again = labs.filter((lab) => listed.has(lab.id));
    for (const lab of fresh) listed.add(lab.id);
    return { fresh, again };
  });
  const done = courseLabs.filter((id) => (grades.get(id)?.score ?? 0) >= 100).length;
  return (
    <Layout ctx={ctx} title={t.homeTitle} section="home">
      <h1>{t.homeTitle}</h1>
      <p class="lead">{t.homeIntro}</p>
      {ctx.user ? (
        <div class="card stats" aria-label={t.progress}>
          <div class="stat">
            <span class="muted small">{t.progress}</span>
            <strong data-testid="progress-summary">{t.progressSummary(done, courseLabs.length)}</strong>
          </div>
          <progress max={courseLabs.length || 1} value={done} aria-label={t.progress}>
            {done}/{courseLabs.length}
          </progress>
        </div>
      ) : null}
      <ol class="lesson-list">
        {ordered.map((lesson, i) => {
          const { fresh, again } = rowsOf[i];
          return (
            <li class="card lesson-item" data-lesson={lesson.id}>
              <span class="lesson-no" aria-hidden="true">
                {i + 1}
              </span>
              <div>
                <h2>
                  <a href={`/lessons/${lesson.id}`}>{lesson.title[lang]}</a>
                </h2>
                <p class="muted">{lesson.summary[lang]}</p>
                {fresh.length ? (
                  <ul class="lab-list" aria-label={t.labs}>
                    {fresh.map((lab) => (
                      <li class="lab-row" data-lab={lab.id}>
                        <a class="title" href={`/labs/${lab.id}`}>
                          {lab.title[lang]}
                        </a>
                        <Difficulty level={lab.difficulty} ctx={ctx} />
                        {ctx.user ? <ScoreBadge grade={grades.get(lab.id)} ctx={ctx} /> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {again.length ? (
                  <p class="muted small" data-role="labs-again">
                    {t.labsAgain}{' '}
                    {again.map((lab, n) => (
                      <>
                        {n ? ', ' : ''}
                        <a href={`/labs/${lab.id}`}>{lab.title[lang]}</a>
                      </>
                    ))}
                  </p>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </Layout>
  );
}
