import type { Glossary, Lesson } from '../../../core/content/course.ts';
import { Layout, type PageContext } from './layout.tsx';

/** The course glossary: each term with its anchor (lessons link to `/glossary#<id>`) and where it is used. */
export function GlossaryPage({
  ctx,
  glossary,
  lessons,
}: {
  ctx: PageContext;
  glossary: Glossary;
  lessons: readonly Lesson[];
}) {
  const { t, lang } = ctx;
  const lessonTitle = new Map(lessons.map((l) => [l.id, l.title[lang]]));
  const terms = [...glossary].sort((a, b) => a.term[lang].localeCompare(b.term[lang], lang));
  return (
    <Layout ctx={ctx} title={t.glossaryTitle} section="glossary">
      <h1>{t.glossaryTitle}</h1>
      <dl class="card glossary">
        {terms.map((g) => (
          <>
            <dt id={g.id}>
              {g.term[lang]} {lang === 'ko' ? <span class="muted small">({g.term.en})</span> : null}
            </dt>
            <dd>
              <p>{g.definition[lang]}</p>
              {g.lessons.length ? (
                <p class="small muted">
                  {t.lesson}:{' '}
                  {g.lessons.map((id, i) => (
                    <>
                      {i ? ', ' : ''}
                      <a href={`/lessons/${id}`}>{lessonTitle.get(id) ?? id}</a>
                    </>
                  ))}
                </p>
              ) : null}
            </dd>
          </>
        ))}
      </dl>
    </Layout>
  );
}
