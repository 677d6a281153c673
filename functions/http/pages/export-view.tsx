import { msg, type Lang } from '../../../core/i18n.ts';
import { parseConfigText, type ConfigFormat } from '../../../core/config-text.ts';
import { exportConfig } from '../../../core/export/index.ts';

const T = {
  title: msg('실제 도구로 내보내기', 'Export to real tools'),
  help: msg(
    '이 설정을 Xen xl, libvirt, Docker/OCI, mdadm이 읽는 형식으로 옮긴 것입니다. 시뮬레이터 모델에 대응하는 것이 없는 부분은 주석으로 밝혀 두었습니다.',
    'This configuration as Xen xl, libvirt, Docker/OCI and mdadm read it. What the simulator’s model has no equivalent for is said in comments.',
  ),
  notes: msg('대응하는 것이 없는 부분', 'What has no equivalent'),
};

/** The result page's "Export" menu: core/export on the submitted configuration (nothing for other targets). */
export function ExportView({ text, format, lang }: { text: string; format: ConfigFormat; lang: Lang }) {
  const parsed = parseConfigText(text, format);
  const files = parsed.ok ? exportConfig(parsed.value) : [];
  if (!files.length) return null;
  return (
    <details class="card" data-testid="export-menu">
      <summary>
        <strong>{T.title[lang]}</strong>
      </summary>
      <p class="small muted">{T.help[lang]}</p>
      {files.map((f) => (
        <details data-tool={f.tool}>
          <summary>
            {f.tool}: {f.name}
          </summary>
          <pre class="config" tabindex={0}>
            <code>{f.text}</code>
          </pre>
          {f.tool === 'oci' && f.notes.length ? (
            <p class="small muted">
              {T.notes[lang]}: {f.notes.join(' ')}
            </p>
          ) : null}
        </details>
      ))}
    </details>
  );
}
