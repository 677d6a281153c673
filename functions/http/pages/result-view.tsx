import { raw } from 'hono/html';
import type { Lang, Msg } from '../../../core/i18n.ts';
import type { Submission } from '../../../core/course/submission.ts';
import type { GradeResult } from '../../../core/grading/result.ts';
import { redactGrade, type RevealDecision } from '../../../core/grading/reveal.ts';
import { defaultLinkMapper, renderMarkdown } from '../../../core/content/render.ts';
import { parseContentRef } from '../../../core/content/markdown.ts';
import type { Misconception } from '../../../core/labs/misconceptions.ts';
import type { TraceEvent } from '../../../core/sim/trace.ts';
import type { ConfigIssue } from '../../../core/validation.ts';
import { raidViewsFromState, renderRaidSvg } from '../../../core/diagrams/raid-svg.ts';
import { eventNotes, renderSequenceSvg } from '../../../core/diagrams/sequence-svg.ts';
import type { PageContext } from './layout.tsx';

const text = (m: Msg | string | undefined, lang: Lang): string =>
  m === undefined ? '' : typeof m === 'string' ? m : m[lang];

/** The stored grade, if the grader left one in the expected shape. */
export function gradeOf(s: Submission): GradeResult | undefined {
  const g = s.result?.grade;
  return g && Array.isArray(g.checks) ? g : undefined;
}

/** Lab texts (feedback, hints, corrections) are Markdown: render them, never show literal backticks. */
const Md = ({ text: md }: { text: string }) => <div class="md">{raw(renderMarkdown(md))}</div>;

/** The words of the reveal policy, kept beside the only view that uses them. */
const REVEAL_TEXT = {
  hidden: (left: number, opensBy: RevealDecision['opensBy']): Msg => {
    // Only the ways the policy leaves open are named: a course that turned the deadline off does not promise it.
    const ways = [
      opensBy?.hints !== false && { ko: '힌트를 모두 펼치', en: 'once you have revealed every hint' },
      {
        ko: `${left}번 더 채점받`,
        en: `after ${left} more graded attempt${left === 1 ? '' : 's'}`,
      },
      opensBy?.deadline !== false && { ko: '마감이 지나', en: 'after the deadline' },
    ].filter((w): w is Msg => !!w);
    const ko = ways.map((w, i) => w.ko + (i === ways.length - 1 ? '면' : '거나')).join(', ');
    const en =
      ways.length > 1
        ? `${ways
            .slice(0, -1)
            .map((w) => w.en)
            .join(', ')} or ${ways.at(-1)!.en}`
        : ways[0].en;
    return {
      ko: `정확한 기대값과 “이렇게 하면 통과” 제안은 ${ko} 보입니다. 지금은 관찰한 것과 각 검사의 뜻을 보세요.`,
      en: `The exact expected values and the “this would pass” fix appear ${en}. For now, read what was observed and what each check means.`,
    };
  },
  because: {
    teacher: { ko: '교사 보기: 모든 것을 보여 줍니다.', en: 'Teacher view: everything is shown.' },
    attempts: { ko: '채점 횟수를 채워 정답 정보를 보여 줍니다.', en: 'Enough graded attempts: the answers are shown.' },
    hints: { ko: '힌트를 모두 펼쳐 정답 정보를 보여 줍니다.', en: 'Every hint revealed: the answers are shown.' },
    deadline: { ko: '마감이 지나 정답 정보를 보여 줍니다.', en: 'The deadline has passed: the answers are shown.' },
  } satisfies Record<NonNullable<RevealDecision['because']>, Msg>,
  misconception: { ko: '이 답이 보여 주는 오개념', en: 'The misconception this answer suggests' },
  readMore: { ko: '바로잡는 절 읽기', en: 'Read the section that corrects it' },
} as const;

/** The words around a drawn trace. */
const TRACE_TEXT = {
  excerpt: (shown: number, of: number): Msg => ({
    ko: `추적의 발췌입니다: 실행 이벤트 ${of}개 중 실패한 검사와 고장에 관련된 ${shown}개만 그렸습니다.`,
    en: `An excerpt of the trace: ${shown} of the run's ${of} events, those behind failed checks and faults.`,
  }),
  full: { ko: '전체 추적 보기', en: 'See the whole trace' },
  notes: { ko: '추적에 표시된 사건', en: 'Marked events in the trace' },
  injected: { ko: '실습이 일부러 일으킨 고장', en: 'Injected by the lab on purpose' },
  failed: { ko: '실패', en: 'Failure' },
} as const;

export function IssueList({ issues, ctx }: { issues: readonly ConfigIssue[]; ctx: PageContext }) {
  return (
    <ul class="issues" data-testid="config-errors">
      {issues.map((i) => (
        <li>
          {i.line ? `${ctx.t.line} ${i.line} · ` : ''}
          {i.path ? <code>{i.path}</code> : null}
          {i.path ? ': ' : ''}
          {i.message[ctx.lang]}
        </li>
      ))}
    </ul>
  );
}

/**
 * A graded submission explained: the score, each check with what was observed and expected, the fix the
 * simulator suggests and the hints (revealed one at a time by the page script), then the trace as a sequence
 * diagram and, for storage labs, the RAID layout. `events` is the trace to draw (the full run or the excerpt).
 */
export interface ResultProps {
  ctx: PageContext;
  submission: Submission;
  events?: readonly TraceEvent[];
  /** What the reveal policy lets this reader see (core/grading/reveal.ts); the view cuts the grade to it. */
  reveal: RevealDecision;
  /** The catalogue, to explain the misconception a failed attempt was matched to. */
  misconceptions?: readonly Misconception[];
}

export function ResultView({ ctx, submission, events, reveal, misconceptions = [] }: ResultProps) {
  const { t, lang } = ctx;
  const result = submission.result;
  const stored = gradeOf(submission);
  const grade = stored && redactGrade(stored, reveal);
  const matched = grade?.misconception && misconceptions.find((m) => m.id === grade.misconception!.id);
  const revealHref = `/submissions/${encodeURIComponent(submission.id)}?reveal=hints`;
  if (submission.status !== 'graded' || !result) {
    const pending = submission.status === 'queued' || submission.status === 'grading';
    return (
      <section class="card" data-pending-submission={pending ? submission.id : undefined} aria-live="polite">
        <h2 tabindex={-1}>{t.resultTitle}</h2>
        <p class={`notice ${pending ? '' : 'bad'}`}>{pending ? t.stillGrading : t.statusFailed}</p>
      </section>
    );
  }
  const score = submission.override?.score ?? result.score;
  const full = score >= 100;
  const trace = events ?? grade?.traceExcerpt ?? [];
  // The stored excerpt is the whole run when nothing went wrong in a short run; otherwise it is labelled as one.
  const excerptOf = !events && grade && grade.trace.events > trace.length ? grade.trace.events : undefined;
  // Before the reveal point the trace keeps its "this would succeed" back too, like the checks' fixes.
  const notes = eventNotes(trace, lang, reveal.full);
  const raids = raidViewsFromState(grade?.stateExcerpt);
  return (
    <section class="result" data-testid="result" data-score={score} aria-labelledby={`result-${submission.id}`}>
      <div class="card scoreboard">
        <div>
          <h2 id={`result-${submission.id}`} tabindex={-1}>
            {t.resultTitle}
          </h2>
          {result.gradable ? (
            <span class={`score-big ${full ? 'full' : 'partial'}`} data-testid="score">
              {score}%
            </span>
          ) : null}
          {result.gradable && grade ? (
            <span class="muted small" data-testid="points">
              {' '}
              {grade.score}/{grade.maxScore} {t.points}
            </span>
          ) : null}
        </div>
        <div class="small muted">
          {submission.late ? (
            <p>
              <span class="badge warn">{t.late}</span> −{submission.late.penaltyPercent}%
            </p>
          ) : null}
          {submission.override ? (
            <p data-testid="override-note">
              <span class="badge info">{t.override}</span> {submission.override.score}% · {submission.override.comment}{' '}
              ({t.overrideBy} {submission.override.by})
            </p>
          ) : null}
          <p>
            {t.submittedAt}:{' '}
            <time datetime={submission.queuedAt}>{submission.queuedAt.replace('T', ' ').slice(0, 19)}</time>
            {grade ? ` · ${t.graderVersion} ${grade.graderVersion}` : ''}
          </p>
        </div>
      </div>
      {!result.gradable ? <p class="notice warn">{t.notGradable}</p> : null}
      {grade && grade.checks.some((c) => !c.passed) ? (
        <p class="notice small" data-testid="reveal-note" data-reveal={reveal.full ? 'full' : 'hidden'}>
          {reveal.full
            ? REVEAL_TEXT.because[reveal.because!][lang]
            : REVEAL_TEXT.hidden(reveal.attemptsLeft, reveal.opensBy)[lang]}
        </p>
      ) : null}
      {matched ? (
        <div class="card misconception" data-testid="misconception" data-misconception={matched.id}>
          <h3>
            {REVEAL_TEXT.misconception[lang]}: {matched.title[lang]}
          </h3>
          <Md text={matched.correction[lang]} />
          <p>
            <a href={defaultLinkMapper(parseContentRef(matched.lesson)!)}>{REVEAL_TEXT.readMore[lang]}</a>
          </p>
        </div>
      ) : null}
      {result.errors.length ? (
        <div class="card">
          <h3>{t.errors}</h3>
          <IssueList issues={result.errors} ctx={ctx} />
        </div>
      ) : null}
      {grade && grade.checks.length ? (
        <ol class="check-list" aria-label={t.checks}>
          {grade.checks.map((c) => (
            <li class={`check ${c.passed ? 'passed' : 'failed'}`} data-check={c.id} data-passed={String(c.passed)}>
              <h3>
                <span class={`badge ${c.passed ? 'ok' : 'bad'}`}>{c.passed ? `✓ ${t.passed}` : `✕ ${t.failed}`}</span>
                {c.title[lang]}
                <span class="muted small">
                  {c.earned}/{c.points} {t.points}
                </span>
              </h3>
              <Md text={c.feedback[lang]} />
              {c.passed ? null : (
                <dl>
                  <dt>{t.observed}</dt>
                  <dd>{text(c.observed, lang)}</dd>
                  {c.expected !== undefined ? (
                    <>
                      <dt>{t.expected}</dt>
                      <dd data-testid="expected">{text(c.expected, lang)}</dd>
                    </>
                  ) : null}
                  {c.fix ? (
                    <>
                      <dt>{t.howToFix}</dt>
                      <dd class="fix">{c.fix[lang]}</dd>
                    </>
                  ) : null}
                </dl>
              )}
              {c.hints.length ? (
                <div class="hints" data-hints data-reveal-href={reveal.full ? undefined : revealHref}>
                  <strong>{t.hint}</strong>
                  <ol>
                    {c.hints.map((h) => (
                      <li>
                        <Md text={h[lang]} />
                      </li>
                    ))}
                  </ol>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {trace.length ? (
        <section class="card" aria-labelledby={`trace-${submission.id}`}>
          <h2 id={`trace-${submission.id}`}>{t.trace}</h2>
          <p class="muted small">{t.traceHelp}</p>
          {excerptOf !== undefined ? (
            <p class="notice small" data-testid="trace-excerpt">
              {TRACE_TEXT.excerpt(trace.length, excerptOf)[lang]}{' '}
              <a href={`/submissions/${encodeURIComponent(submission.id)}#trace-${submission.id}`}>
                {TRACE_TEXT.full[lang]}
              </a>
            </p>
          ) : null}
          <div class="diagram-scroll" data-testid="trace-diagram" tabindex={0}>
            {raw(renderSequenceSvg(trace, { lang, id: `trace-svg-${submission.id}`, excerptOf, fixes: reveal.full }))}
          </div>
          {notes.length ? (
            <ul class="trace-notes small" data-testid="trace-notes" aria-label={TRACE_TEXT.notes[lang]}>
              {notes.map((n) => (
                <li class={n.injected ? 'injected' : 'bad'} data-seq={n.seq}>
                  <strong>{n.injected ? TRACE_TEXT.injected[lang] : TRACE_TEXT.failed[lang]}</strong> {n.text}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      {raids.length ? (
        <section class="card" aria-labelledby={`raid-${submission.id}`}>
          <h2 id={`raid-${submission.id}`}>{t.raidLayout}</h2>
          {raids.map((view) => (
            <div class="diagram-scroll" data-testid="raid-diagram" tabindex={0}>
              {raw(renderRaidSvg(view, { lang, id: `raid-svg-${submission.id}-${view.name}` }))}
            </div>
          ))}
        </section>
      ) : null}
    </section>
  );
}
