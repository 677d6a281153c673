import { raw } from 'hono/html';
import { msg } from '../../../core/i18n.ts';
import type { Lesson } from '../../../core/content/course.ts';
import { simulateText } from '../../../core/sim/simulate.ts';
import { renderSequenceSvg } from '../../../core/diagrams/sequence-svg.ts';
import { Layout, type PageContext } from './layout.tsx';
import { IssueList } from './result-view.tsx';

const T = {
  example: msg('시뮬레이터 예제', 'Simulator example'),
  config: msg('설정', 'Configuration'),
  trace: msg('추적 그림', 'The trace'),
  traceHelp: msg(
    '시뮬레이터가 이 설정을 실행한 결과입니다. 위에서 아래로 시간이 흐르고, 화살표 하나가 계층 사이의 한 단계입니다.',
    'What the simulator did with this configuration: time flows downwards, each arrow is one hop between layers.',
  ),
  runIt: msg('직접 실행하기', 'Run it yourself'),
  usedBy: msg('이 예제를 쓰는 수업', 'Lessons that use this example'),
  stats: (events: number, cycles: number) =>
    msg(
      `사건 ${events}개 · ${cycles.toLocaleString('en-US')} 사이클`,
      `${events} events · ${cycles.toLocaleString('en-US')} cycles`,
    ),
};

/** The comment block a YAML example opens with: what it shows, in the authors' words. */
const leadingComment = (text: string): string =>
  text
    .split('\n')
    .filter((line, i, all) => line.startsWith('#') && all.slice(0, i).every((l) => l.startsWith('#')))
    .map((l) => l.replace(/^#\s?/, ''))
    .join(' ')
    .trim();

/**
 * One example of `content/examples/`: its YAML as written and the trace the simulator makes of it, drawn with the
 * same sequence diagram as a graded lab. The run is bounded by the simulator's limits, like any learner's run.
 */
export function ExamplePage({
  ctx,
  name,
  text,
  lessons,
}: {
  ctx: PageContext;
  name: string;
  text: string;
  lessons: readonly Lesson[];
}) {
  const { lang } = ctx;
  const run = simulateText(text, { format: 'yaml' });
  const about = leadingComment(text);
  const users = lessons.filter(
    (l) => l.body.ko.includes(`(example:${name})`) || l.body.en.includes(`(example:${name})`),
  );
  return (
    <Layout ctx={ctx} title={`${name} · ${T.example[lang]}`} section="home">
      <p class="muted small">{T.example[lang]}</p>
      <h1 data-testid="example-name">{name}</h1>
      {about ? <p>{about}</p> : null}
      <section class="card" aria-labelledby="example-config">
        <h2 id="example-config">{T.config[lang]}</h2>
        <pre data-testid="example-yaml">
          <code>{text}</code>
        </pre>
        <p class="small muted">
          {T.runIt[lang]}: <code>{`npx virtlab sim content/examples/${name}.yaml`}</code>
        </p>
      </section>
      <section class="card" aria-labelledby="example-trace">
        <h2 id="example-trace">{T.trace[lang]}</h2>
        {run.errors.length ? <IssueList issues={run.errors} ctx={ctx} /> : null}
        {run.events.length ? (
          <>
            <p class="muted small">
              {T.traceHelp[lang]} {T.stats(run.stats.events, run.stats.cycles)[lang]}
            </p>
            <div class="diagram-scroll" data-testid="trace-diagram" tabindex={0}>
              {raw(renderSequenceSvg(run.events, { lang, id: `example-svg-${name}` }))}
            </div>
          </>
        ) : null}
      </section>
      {users.length ? (
        <section class="card" aria-labelledby="example-lessons">
          <h2 id="example-lessons">{T.usedBy[lang]}</h2>
          <ul>
            {users.map((l) => (
              <li>
                <a href={`/lessons/${l.id}`}>{l.title[lang]}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
