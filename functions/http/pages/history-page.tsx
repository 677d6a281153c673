import { effectiveScore, type Submission } from '../../../core/course/submission.ts';
import type { Lab } from '../../../core/labs/lab-schema.ts';
import type { LabHistory } from '../../service/submissions.ts';
import { DataTable } from './components.tsx';
import { ScoreBadge } from './home-page.tsx';
import { Layout, type PageContext } from './layout.tsx';

export function StatusBadge({ s, ctx }: { s: Submission; ctx: PageContext }) {
  const { t } = ctx;
  if (s.status === 'graded' && s.result && !s.result.gradable) return <span class="badge warn">{t.errors}</span>;
  const labels = { queued: t.statusQueued, grading: t.statusGrading, graded: t.statusGraded, failed: t.statusFailed };
  const tone = s.status === 'graded' ? 'ok' : s.status === 'failed' ? 'bad' : 'info';
  return <span class={`badge ${tone}`}>{labels[s.status]}</span>;
}

export const when = (iso: string): string => iso.replace('T', ' ').slice(0, 16);

/** The learner's submissions grouped by lab (labs in course order), newest first, each linking to its result. */
export function HistoryPage({
  ctx,
  labs,
  history,
}: {
  ctx: PageContext;
  labs: readonly Lab[];
  history: readonly LabHistory[];
}) {
  const { t, lang } = ctx;
  const byLab = new Map(history.map((h) => [h.labId, h]));
  const withSubs = labs.flatMap((lab) => {
    const h = byLab.get(lab.id);
    return h ? [{ lab, best: h.best, mine: h.submissions }] : [];
  });
  return (
    <Layout ctx={ctx} title={t.historyTitle} section="history">
      <h1>{t.historyTitle}</h1>
      {withSubs.length === 0 ? <p class="card">{t.historyEmpty}</p> : null}
      {withSubs.map(({ lab, best, mine }) => {
        return (
          <section class="card" data-lab={lab.id} aria-labelledby={`h-${lab.id}`}>
            <h2 id={`h-${lab.id}`}>
              <a href={`/labs/${lab.id}`}>{lab.title[lang]}</a> <ScoreBadge grade={best ?? undefined} ctx={ctx} />
            </h2>
            <DataTable
              labelledBy={`h-${lab.id}`}
              headers={[t.attempt, t.submittedAt, t.status, t.score, <span class="visually-hidden">{t.open}</span>]}
            >
              {mine.map((s, i) => {
                const score = effectiveScore(s);
                return (
                  <tr>
                    <td>{mine.length - i}</td>
                    <td>
                      <time datetime={s.queuedAt}>{when(s.queuedAt)}</time>
                    </td>
                    <td>
                      <StatusBadge s={s} ctx={ctx} />
                      {s.late ? <span class="badge warn">{t.late}</span> : null}
                    </td>
                    <td>{score !== undefined && s.result?.gradable ? `${score}%` : '—'}</td>
                    <td>
                      <a href={`/submissions/${s.id}`}>{t.open}</a>
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          </section>
        );
      })}
    </Layout>
  );
}
