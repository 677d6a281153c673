import { msg } from '../../../core/i18n.ts';
import type { Lang } from '../../../core/i18n.ts';
import { diffEventLabel, type TraceDiff } from '../../../core/sim/trace-diff.ts';
import { TRACE_DIFF_FIELDS } from '../../../core/diagrams/text.ts';

const T = {
  title: msg('지난 시도와 달라진 점', 'What changed since your last attempt'),
  identical: msg('추적이 지난 시도와 같습니다.', 'The trace is the same as in your last attempt.'),
  summary: (d: TraceDiff) =>
    msg(
      `같음 ${d.counts.same} · 바뀜 ${d.counts.changed} · 추가 ${d.counts.inserted} · 삭제 ${d.counts.removed} · 사이클 ${d.cycles.before.toLocaleString('en-US')} → ${d.cycles.after.toLocaleString('en-US')}`,
      `same ${d.counts.same} · changed ${d.counts.changed} · inserted ${d.counts.inserted} · removed ${d.counts.removed} · cycles ${d.cycles.before.toLocaleString('en-US')} → ${d.cycles.after.toLocaleString('en-US')}`,
    ),
  truncated: msg('추적이 길어 앞부분만 비교했습니다.', 'The traces are long: only their beginning was compared.'),
  kind: {
    inserted: msg('추가', 'inserted'),
    removed: msg('삭제', 'removed'),
    changed: msg('바뀜', 'changed'),
    same: msg('같음', 'same'),
  },
  step: msg('단계', 'step'),
  setup: msg('준비', 'setup'),
  more: (n: number) => msg(`… 차이 ${n}개 더 있음`, `… ${n} more differences`),
};

/** Differences drawn at most; the rest are counted. */
const MAX_SHOWN = 200;

/** The result page's "what changed since your last attempt": core/sim/trace-diff's entries, escaped by JSX. */
export function TraceDiffView({ diff, lang }: { diff: TraceDiff; lang: Lang }) {
  const changes = diff.entries.filter((e) => e.kind !== 'same');
  return (
    <section class="card" aria-labelledby="trace-diff-title" data-testid="trace-diff">
      <h2 id="trace-diff-title">{T.title[lang]}</h2>
      <p class="small">{diff.identical ? T.identical[lang] : T.summary(diff)[lang]}</p>
      {diff.truncated ? <p class="small muted">{T.truncated[lang]}</p> : null}
      {changes.length ? (
        <ol class="trace-diff">
          {changes.slice(0, MAX_SHOWN).map((e) => (
            <li class={`diff-${e.kind}`} data-kind={e.kind}>
              [{e.step < 0 ? T.setup[lang] : `${T.step[lang]} ${e.step + 1}`}] {T.kind[e.kind][lang]}:{' '}
              {diffEventLabel((e.after ?? e.before)!, lang)}
              {e.changes ? ` (${e.changes.map((f) => TRACE_DIFF_FIELDS[f][lang]).join(', ')})` : ''}
            </li>
          ))}
        </ol>
      ) : null}
      {changes.length > MAX_SHOWN ? <p class="small muted">{T.more(changes.length - MAX_SHOWN)[lang]}</p> : null}
    </section>
  );
}
