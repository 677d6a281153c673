import { raw } from 'hono/html';
import type { CountingGrade } from '../../../core/course/best-grade.ts';
import { renderMarkdown } from '../../../core/content/render.ts';
import type { PublicLab } from '../../../core/labs/public-view.ts';
import { Difficulty, ScoreBadge } from './home-page.tsx';
import { Layout, type PageContext } from './layout.tsx';

/** The strings editor.js and the hints need. */
export const editorStrings = (ctx: PageContext) => {
  const { t } = ctx;
  return {
    editorLabel: t.editorLabel,
    statusQueued: t.statusQueued,
    statusGrading: t.statusGrading,
    statusGraded: t.statusGraded,
    statusFailed: t.statusFailed,
    statusInvalid: t.statusInvalid,
    statusNetwork: t.statusNetwork,
    statusRateLimited: t.statusRateLimited,
    line: t.line,
    showHint: t.showHint,
    noMoreHints: t.noMoreHints,
    showAnswer: ctx.lang === 'ko' ? '정답 정보 보기' : 'Show the answer',
  };
};

/**
 * A lab: the statement with the learner's own numbers, their parameters, the checks it is graded by, and the
 * editor. Without scripts the textarea still shows the starter; editor.js turns it into CodeMirror, validates
 * while typing and submits without reloading (the result appears in the slot under the editor).
 */
export function LabPage({ ctx, lab, courseId, grade }: { ctx: PageContext; lab: PublicLab; courseId?: string; grade?: CountingGrade }) {
  const { t, lang } = ctx;
  const params = Object.entries(lab.params);
  return (
    <Layout ctx={ctx} title={lab.title[lang]} scripts={['editor.js']} clientStrings={editorStrings(ctx)} section="home">
      <h1>{lab.title[lang]}</h1>
      <ul class="tags">
        <li>
          <Difficulty level={lab.difficulty} ctx={ctx} />
        </li>
        {[...lab.tags.targets, ...lab.tags.techniques].map((tag) => (
          <li class="badge">{tag}</li>
        ))}
        <li>
          <ScoreBadge grade={grade} ctx={ctx} />
        </li>
      </ul>
      <div class="layout-2">
        <section class="card prose" aria-labelledby="task-title">
          <h2 id="task-title">{t.statement}</h2>
          {raw(renderMarkdown(lab.statement[lang]))}
          {params.length ? (
            <>
              <h3>{t.yourParams}</h3>
              <ul class="params" data-testid="params">
                {params.map(([k, v]) => (
                  <li>
                    {k} = {String(v)}
                  </li>
                ))}
              </ul>
              <p class="muted small">{t.yourParamsHelp}</p>
            </>
          ) : null}
        </section>
        <aside class="card">
          <h2>{t.checks}</h2>
          <ul class="small">
            {lab.checks.map((c) => (
              <li>
                {c.title[lang]} <span class="muted">({c.points} {t.points})</span>
              </li>
            ))}
          </ul>
        </aside>
      </div>
      <section class="card" data-lab-editor data-lab-id={lab.id} data-course-id={courseId} aria-labelledby="editor-title">
        <h2 id="editor-title">
          <label for="config-text">{t.editorLabel}</label>
        </h2>
        <div class="editor-frame">
          <textarea id="config-text" name="config" rows={18} spellcheck={false}>
            {lab.starter}
          </textarea>
        </div>
        <div class="editor-toolbar">
          <label for="config-format">{t.format}</label>
          <select id="config-format" name="format">
            <option value="yaml" selected>
              YAML
            </option>
            <option value="json">JSON</option>
          </select>
          <button type="button" class="primary" data-action="submit">
            {t.submit}
          </button>
          <button type="button" class="secondary" data-action="reset">
            {t.resetStarter}
          </button>
        </div>
        <p class="muted small">{t.submitShortcut}</p>
        <p class="status" data-role="status" role="status" aria-live="polite"></p>
        <ul class="issues" id="config-issues" data-role="issues" aria-live="polite"></ul>
      </section>
      <div data-role="result-slot" aria-live="polite"></div>
    </Layout>
  );
}
