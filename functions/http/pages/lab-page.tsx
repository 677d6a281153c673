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
    draftRestored: t.draftRestored,
    bestScore: t.bestScore,
    statusFailed: t.statusFailed,
    statusInvalid: t.statusInvalid,
    statusNetwork: t.statusNetwork,
    statusRateLimited: t.statusRateLimited,
    sessionEnded: t.sessionEnded,
    signInAgain: t.signInAgain,
    line: t.line,
    showHint: t.showHint,
    noMoreHints: t.noMoreHints,
    showAnswer: ctx.lang === 'ko' ? '정답 정보 보기' : 'Show the answer',
  };
};

/** What each kind of lab asks of the learner, shown above the statement. */
const KIND_TEXT = {
  edit: {
    label: { ko: '설정 고치기', en: 'Edit' },
    how: { ko: '설정을 고쳐 모든 검사를 통과하세요.', en: 'Change the configuration until every check passes.' },
  },
  design: {
    label: { ko: '설계', en: 'Design' },
    how: {
      ko: '제약 조건을 모두 지키면서 목적 점수를 최대로 하세요. 목적은 구간 위에서 채점되고, 제약을 어기면 목적 점수는 0입니다.',
      en: 'Meet every constraint and push the objective as far as you can: it is scored on a scale, and earns nothing while a constraint is broken.',
    },
  },
  predict: {
    label: { ko: '예측', en: 'Predict' },
    how: {
      ko: '아래 설정을 실행하기 전에, 관찰될 값을 `answers:` 아래에 적으세요. 시뮬레이터가 실제 값과 비교합니다.',
      en: 'Before running the configuration below, write the values you expect under `answers:`. The simulator checks them against what really happens.',
    },
  },
  debug: {
    label: { ko: '디버그', en: 'Debug' },
    how: {
      ko: '고장 난 설정을 가장 작은 변경으로 고치세요. 변경의 크기(바꾼 값의 수)도 채점됩니다.',
      en: 'Fix the broken configuration with the smallest change: the size of the change (values changed) is graded too.',
    },
  },
} as const;

/**
 * A lab: the statement with the learner's own numbers, their parameters, the checks it is graded by, and the
 * editor. Without scripts the textarea still shows the starter; editor.js turns it into CodeMirror, validates
 * while typing and submits without reloading (the result appears in the slot under the editor).
 */
export function LabPage({
  ctx,
  lab,
  courseId,
  grade,
}: {
  ctx: PageContext;
  lab: PublicLab;
  courseId?: string;
  grade?: CountingGrade;
}) {
  const { t, lang } = ctx;
  const params = Object.entries(lab.params);
  return (
    <Layout ctx={ctx} title={lab.title[lang]} scripts={['editor.js']} clientStrings={editorStrings(ctx)} section="home">
      <h1>{lab.title[lang]}</h1>
      <p class="small">
        <a href={`/playground?lab=${encodeURIComponent(lab.id)}`} data-testid="try-it">
          {lang === 'ko'
            ? '놀이터에서 먼저 돌려 보기 (제출 횟수를 쓰지 않음)'
            : 'Try it in the playground first (no attempt spent)'}
        </a>
      </p>
      <ul class="tags">
        <li>
          <Difficulty level={lab.difficulty} ctx={ctx} />
        </li>
        {[...lab.tags.targets, ...lab.tags.techniques].map((tag) => (
          <li class="badge">{tag}</li>
        ))}
        <li class="badge info" data-testid="lab-kind" data-kind={lab.kind}>
          {KIND_TEXT[lab.kind].label[lang]}
        </li>
        <li>
          <ScoreBadge grade={grade} ctx={ctx} />
        </li>
      </ul>
      <p class="notice small">{raw(renderMarkdown(KIND_TEXT[lab.kind].how[lang]))}</p>
      {lab.symptom ? (
        <section class="card notice bad" data-testid="symptom" aria-label={KIND_TEXT.debug.label[lang]}>
          {raw(renderMarkdown(lab.symptom[lang]))}
        </section>
      ) : null}
      <div class="layout-2">
        <section class="card prose" aria-labelledby="task-title">
          <h2 id="task-title">{t.statement}</h2>
          {raw(renderMarkdown(lab.statement[lang]))}
          {lab.given !== undefined ? (
            <pre class="config" data-testid="given" tabindex={0}>
              <code>{lab.given}</code>
            </pre>
          ) : null}
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
                {c.title[lang]}{' '}
                <span class="muted">
                  ({c.points} {t.points})
                </span>
              </li>
            ))}
          </ul>
        </aside>
      </div>
      <section
        class="card"
        data-lab-editor
        data-lab-id={lab.id}
        data-course-id={courseId}
        data-draft-key={ctx.user ? `${ctx.user.id}:${lab.id}` : undefined}
        aria-labelledby="editor-title"
      >
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
