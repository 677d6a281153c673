import { effectiveScore, type Submission } from '../../../core/course/submission.ts';
import type { RegradeRequest } from '../../../core/course/regrade-request.ts';
import { RegradeThreadView } from './regrade-thread-view.tsx';
import type { Lab } from '../../../core/labs/lab-schema.ts';
import type { TraceEvent } from '../../../core/sim/trace.ts';
import { StatusBadge } from './history-page.tsx';
import { editorStrings } from './lab-page.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { ScoreField, SubmitWithStatus, TextField } from './components.tsx';
import { ResultView, type ResultProps } from './result-view.tsx';
import { teacherStrings } from './teacher-pages.tsx';
import type { TraceDiff } from '../../../core/sim/trace-diff.ts';
import { TraceDiffView } from './trace-diff-view.tsx';
import { ExportView } from './export-view.tsx';

/**
 * One submission. The learner sees the explained result and what they submitted; the course's teacher also sees
 * whose it is and can override the grade with a comment.
 */
export function SubmissionPage({
  ctx,
  submission,
  lab,
  teacherView,
  events,
  reveal,
  misconceptions,
  diff,
  regrade,
}: {
  ctx: PageContext;
  submission: Submission;
  lab: Lab | undefined;
  teacherView: boolean;
  events?: readonly TraceEvent[];
  /** The trace against the previous graded attempt at the same lab, when there is one. */
  diff?: TraceDiff;
  /** The regrade request thread and what the caller may do with it. */
  regrade?: { request?: RegradeRequest; mayAsk: boolean; mayAnswer: boolean };
} & Pick<ResultProps, 'reveal' | 'misconceptions'>) {
  const { t, lang } = ctx;
  const title = lab ? lab.title[lang] : submission.labId;
  return (
    <Layout
      ctx={ctx}
      title={`${t.submissionTitle} · ${title}`}
      scripts={teacherView || regrade?.mayAsk ? ['result.js', 'teacher.js'] : ['result.js']}
      clientStrings={{ ...editorStrings(ctx), ...teacherStrings(ctx) }}
      section={teacherView ? 'gradebook' : 'history'}
    >
      <h1>
        {t.submissionTitle}: <a href={`/labs/${submission.labId}`}>{title}</a>
      </h1>
      <p class="tags">
        <StatusBadge s={submission} ctx={ctx} />
        {teacherView ? (
          <span class="badge info">
            {t.learner}: {submission.learnerId}
          </span>
        ) : null}
      </p>
      <ResultView ctx={ctx} submission={submission} events={events} reveal={reveal} misconceptions={misconceptions} />
      {diff ? <TraceDiffView diff={diff} lang={lang} /> : null}
      <ExportView text={submission.config} format={submission.format} lang={lang} />
      <details class="card" open={teacherView}>
        <summary>
          <strong>{t.configuration}</strong> ({submission.format.toUpperCase()})
        </summary>
        <pre class="config" tabindex={0}>
          <code>{submission.config}</code>
        </pre>
      </details>
      {regrade ? (
        <RegradeThreadView
          ctx={ctx}
          submissionId={submission.id}
          request={regrade.request}
          mayAsk={regrade.mayAsk}
          mayAnswer={regrade.mayAnswer}
          score={effectiveScore(submission)}
        />
      ) : null}
      {teacherView ? (
        <section class="card" aria-labelledby="override-title">
          <h2 id="override-title">{t.overrideTitle}</h2>
          <form
            class="inline-form"
            data-api-form
            data-reload
            data-method="PUT"
            data-action-template={`/api/submissions/${encodeURIComponent(submission.id)}/override`}
          >
            <ScoreField
              id="override-score"
              label={t.overrideScore}
              value={submission.override?.score ?? submission.result?.score ?? 0}
            />
            <TextField
              id="override-comment"
              name="comment"
              label={t.overrideComment}
              maxlength={500}
              value={submission.override?.comment ?? ''}
            />
            <SubmitWithStatus label={t.overrideSubmit} primary />
          </form>
        </section>
      ) : (
        <p>
          <a class="button" href={`/labs/${submission.labId}`}>
            {t.tryAgain}
          </a>
        </p>
      )}
    </Layout>
  );
}
