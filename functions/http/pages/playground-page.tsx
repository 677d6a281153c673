import { msg, type Msg } from '../../../core/i18n.ts';
import { Layout, type PageContext } from './layout.tsx';

/** Every string of the playground, in Korean and English; the script gets them through `clientStrings`. */
const T = {
  title: msg('시뮬레이터 놀이터', 'Simulator playground'),
  intro: msg(
    '설정을 고쳐 바로 실행해 보세요. 시뮬레이터가 이 브라우저 안에서 돌기 때문에 서버에 요청하지 않고 제출 횟수도 쓰지 않습니다. 실습 채점은 여전히 서버에서 합니다.',
    'Edit a configuration and run it at once. The simulator runs in this browser: no request is sent and no attempt is spent. Labs are still graded on the server.',
  ),
  examples: msg('예제 불러오기', 'Load an example'),
  config: msg('설정 (YAML 또는 JSON)', 'Configuration (YAML or JSON)'),
  compare: msg('비교할 설정 (선택)', 'Configuration to compare with (optional)'),
  compareHelp: msg(
    '여기에 다른 설정(예: PV 대신 HVM)을 넣으면 두 추적의 차이를 보여 줍니다.',
    'Put another configuration here (for example HVM instead of PV) to see how the two traces differ.',
  ),
  run: msg('브라우저에서 실행', 'Run in the browser'),
  share: msg('공유 링크 만들기', 'Make a share link'),
  noScript: msg('놀이터는 JavaScript가 필요합니다.', 'The playground needs JavaScript.'),
};

/** Strings the script prints. */
const CLIENT = {
  config: T.config,
  compare: T.compare,
  errors: msg('설정 오류', 'Configuration errors'),
  line: msg('줄', 'line'),
  trace: msg('추적 그림', 'The trace'),
  raid: msg('RAID 배치', 'RAID layout'),
  state: msg('최종 상태', 'Final state'),
  diff: msg('두 추적의 차이', 'How the two traces differ'),
  diffSummary: msg(
    '같음 {same} · 바뀜 {changed} · 추가 {inserted} · 삭제 {removed} · 사이클 {before} → {after}',
    'same {same} · changed {changed} · inserted {inserted} · removed {removed} · cycles {before} → {after}',
  ),
  diffIdentical: msg('두 추적이 같습니다.', 'The two traces are the same.'),
  diffTruncated: msg('추적이 길어 앞부분만 비교했습니다.', 'The traces are long: only their beginning was compared.'),
  inserted: msg('추가', 'inserted'),
  removed: msg('삭제', 'removed'),
  changed: msg('바뀜', 'changed'),
  step: msg('단계', 'step'),
  setup: msg('준비', 'setup'),
  exports: msg('실제 도구로 내보내기', 'Export to real tools'),
  exportsNone: msg(
    '이 대상에는 내보낼 형식이 없습니다 (server와 storage만 내보냅니다).',
    'Nothing to export for this target (only server and storage are exported).',
  ),
  exportNotes: msg('대응하는 것이 없는 부분', 'What has no equivalent'),
  shareMade: msg('공유 링크를 주소 표시줄에 넣었습니다.', 'The share link is now in the address bar.'),
  shareTooBig: msg(
    '설정이 너무 커서 링크에 담을 수 없습니다 (최대 {max}자).',
    'The configuration is too big for a link (at most {max} characters).',
  ),
  shareInvalid: msg(
    '링크의 설정을 읽을 수 없습니다. 링크가 잘렸거나 손상되었습니다.',
    'The configuration in the link cannot be read: the link is cut short or damaged.',
  ),
} satisfies Record<string, Msg>;

/**
 * `/playground`: a configuration (from `?example=` or the share link in the fragment), run client-side by
 * `functions/web/playground.ts` with the same simulator and diagram renderers the graded result uses.
 */
export function PlaygroundPage({
  ctx,
  examples,
  example,
}: {
  ctx: PageContext;
  examples: readonly string[];
  example: { name: string; text: string } | undefined;
}) {
  const { lang } = ctx;
  const clientStrings = Object.fromEntries(Object.entries(CLIENT).map(([k, v]) => [k, v[lang]]));
  return (
    <Layout ctx={ctx} title={T.title[lang]} scripts={['playground.js']} clientStrings={clientStrings} section="home">
      <h1>{T.title[lang]}</h1>
      <p>{T.intro[lang]}</p>
      <noscript>
        <p class="muted">{T.noScript[lang]}</p>
      </noscript>
      <section class="card" aria-labelledby="pg-config-h">
        <h2 id="pg-config-h">{T.config[lang]}</h2>
        <details>
          <summary>{T.examples[lang]}</summary>
          <ul class="playground-examples">
            {examples.map((n) => (
              <li>
                <a href={`/playground?example=${encodeURIComponent(n)}`}>{n}</a>
              </li>
            ))}
          </ul>
        </details>
        <textarea
          id="pg-config"
          data-testid="playground-config"
          class="playground-text"
          rows={18}
          spellcheck={false}
          aria-labelledby="pg-config-h"
        >
          {example?.text ?? ''}
        </textarea>
        <label for="pg-compare">{T.compare[lang]}</label>
        <p class="small muted">{T.compareHelp[lang]}</p>
        <textarea
          id="pg-compare"
          data-testid="playground-compare"
          class="playground-text"
          rows={6}
          spellcheck={false}
        />
        <p>
          <button type="button" id="pg-run" data-testid="playground-run">
            {T.run[lang]}
          </button>{' '}
          <button type="button" id="pg-share" data-testid="playground-share">
            {T.share[lang]}
          </button>
        </p>
        <p id="pg-message" data-testid="playground-message" role="status" class="small"></p>
      </section>
      <div id="pg-output" data-testid="playground-output" aria-live="polite"></div>
    </Layout>
  );
}
