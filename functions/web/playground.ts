import { simulateText } from '../../core/sim/simulate.ts';
import { diffEventLabel, diffTraces, type TraceDiff, type TraceDiffField } from '../../core/sim/trace-diff.ts';
import { detailIn, type TraceEvent } from '../../core/sim/trace.ts';
import { renderSequenceSvg } from '../../core/diagrams/sequence-svg.ts';
import { DIAGRAM_TEXT, TRACE_DIFF_FIELDS } from '../../core/diagrams/text.ts';
import { raidViewsFromState, renderRaidSvg } from '../../core/diagrams/raid-svg.ts';
import { exportConfig } from '../../core/export/index.ts';
import { detectFormat, parseConfigText } from '../../core/config-text.ts';
import { keymap } from '@codemirror/view';
import { configEditor } from './code-editor.ts';
import type { Lang } from '../../core/i18n.ts';
import { pageLang, uiStrings } from './client.ts';
import { MAX_SHARE_CHARS, decodeShare, encodeShare } from './playground-share.ts';

/**
 * The playground: the simulator, bundled for the browser, runs the configuration here — no request to the API,
 * no attempt spent — and draws the trace, the RAID layout and the state with the renderers the graded result
 * uses (core/diagrams). A second configuration is compared with core/sim/trace-diff; core/export shows what the
 * configuration looks like to xl, libvirt, docker, OCI runtimes and mdadm.
 */

const s = uiStrings();
const lang: Lang = pageLang();
const fill = (text: string | undefined, vars: Record<string, string | number>): string =>
  (text ?? '').replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function card(title: string, testId: string): HTMLElement {
  const section = h('section', { class: 'card', 'data-testid': testId });
  section.append(h('h2', {}, title));
  return section;
}

/** An SVG string from a core renderer: every label in it is escaped by the renderer. */
function diagram(svg: string, testId: string): HTMLElement {
  const div = h('div', { class: 'diagram-scroll', 'data-testid': testId, tabindex: '0' });
  div.innerHTML = svg;
  return div;
}

function diffCard(d: TraceDiff): HTMLElement {
  const section = card(s.diff ?? '', 'playground-diff');
  section.append(
    h(
      'p',
      { class: 'small' },
      d.identical
        ? (s.diffIdentical ?? '')
        : fill(s.diffSummary, { ...d.counts, before: d.cycles.before, after: d.cycles.after }),
    ),
  );
  if (d.truncated) section.append(h('p', { class: 'small muted' }, s.diffTruncated));
  const list = h('ol', { class: 'trace-diff' });
  for (const e of d.entries) {
    if (e.kind === 'same') continue;
    const step = e.step < 0 ? (s.setup ?? '') : `${s.step ?? ''} ${e.step + 1}`;
    const text =
      e.kind === 'changed'
        ? `${diffEventLabel(e.before!, lang)} → ${e.changes!.map((f) => `${TRACE_DIFF_FIELDS[f][lang]}: ${String(fieldOf(e.before!, f))} → ${String(fieldOf(e.after!, f))}`).join(', ')}`
        : diffEventLabel((e.before ?? e.after)!, lang);
    list.append(h('li', { class: `diff-${e.kind}`, 'data-kind': e.kind }, `[${step}] ${s[e.kind] ?? e.kind}: ${text}`));
  }
  section.append(list);
  return section;
}

function fieldOf(e: TraceEvent, f: TraceDiffField): unknown {
  if (f === 'detail') return detailIn(e.detail, lang) ?? '';
  if (f === 'note') return e.note?.[lang] ?? '';
  if (f === 'hypercall') return e.hypercall?.number ?? '';
  if (f === 'outcome') return DIAGRAM_TEXT.outcome[e.outcome ?? 'ok'][lang];
  return (e as unknown as Record<string, unknown>)[f] ?? '';
}

function run(): void {
  const text = (document.getElementById('pg-config') as HTMLTextAreaElement).value;
  const other = (document.getElementById('pg-compare') as HTMLTextAreaElement).value;
  const out = document.getElementById('pg-output')!;
  out.replaceChildren();
  const result = simulateText(text);
  if (result.errors.length) {
    const section = card(s.errors ?? '', 'playground-errors');
    const ul = h('ul');
    for (const e of result.errors) {
      ul.append(
        h('li', {}, `${e.line ? `${s.line ?? ''} ${e.line}: ` : ''}${e.path ? `${e.path}: ` : ''}${e.message[lang]}`),
      );
    }
    section.append(ul);
    out.append(section);
  }
  if (result.events.length) {
    const section = card(s.trace ?? '', 'playground-trace');
    section.append(diagram(renderSequenceSvg(result.events, { lang, id: 'pg-trace-svg' }), 'trace-diagram'));
    out.append(section);
  }
  const raids = raidViewsFromState(result.state);
  if (raids.length) {
    const section = card(s.raid ?? '', 'playground-raid');
    for (const v of raids) section.append(diagram(renderRaidSvg(v, { lang, id: `pg-raid-${v.name}` }), 'raid-diagram'));
    out.append(section);
  }
  if (other.trim()) out.append(diffCard(diffTraces(result.events, simulateText(other).events)));
  if (result.ok) {
    const section = card(s.state ?? '', 'playground-state');
    const pre = h('pre', { class: 'config' });
    pre.append(h('code', {}, JSON.stringify(result.state, null, 2)));
    section.append(pre);
    out.append(section);
    const parsed = parseConfigText(text);
    const files = parsed.ok ? exportConfig(parsed.value) : [];
    const ex = card(s.exports ?? '', 'playground-exports');
    if (!files.length) ex.append(h('p', { class: 'small muted' }, s.exportsNone));
    for (const f of files) {
      const details = h('details', { 'data-tool': f.tool });
      details.append(h('summary', {}, `${f.tool}: ${f.name}`));
      const code = h('pre', { class: 'config' });
      code.append(h('code', {}, f.text));
      details.append(code);
      if (f.tool === 'oci' && f.notes.length) {
        details.append(h('p', { class: 'small muted' }, `${s.exportNotes ?? ''}: ${f.notes.join(' ')}`));
      }
      ex.append(details);
    }
    out.append(ex);
  }
}

function say(text: string, isError = false): void {
  const m = document.getElementById('pg-message')!;
  m.textContent = text;
  m.classList.toggle('error', isError);
}

function share(): void {
  const text = (document.getElementById('pg-config') as HTMLTextAreaElement).value;
  const r = encodeShare(text);
  if (!r.ok) return say(fill(s.shareTooBig, { max: MAX_SHARE_CHARS }), true);
  history.replaceState(null, '', `${location.pathname}${location.search}${r.value}`);
  say(s.shareMade ?? '');
}

function fromFragment(): void {
  const r = decodeShare(location.hash);
  if (!r) return;
  if (!r.ok)
    return say(r.error === 'too-big' ? fill(s.shareTooBig, { max: MAX_SHARE_CHARS }) : (s.shareInvalid ?? ''), true);
  (document.getElementById('pg-config') as HTMLTextAreaElement).value = r.value;
}

/**
 * Both text areas become the lab editor's CodeMirror; the highlighting follows the text (YAML, or JSON once it
 * starts with `{` or `[`, as the simulator reads it). Ctrl/Cmd+Enter runs.
 */
function enhance(id: string, label: string, testId: string): void {
  const textarea = document.getElementById(id) as HTMLTextAreaElement | null;
  if (!textarea) return;
  let format = detectFormat(textarea.value);
  const editor = configEditor(textarea, {
    format,
    label,
    attributes: { 'data-testid': testId },
    extensions: [keymap.of([{ key: 'Mod-Enter', run: () => (run(), true) }])],
    onChange: (text) => {
      if (detectFormat(text) === format) return;
      format = detectFormat(text);
      editor.setFormat(format);
    },
  });
}

document.getElementById('pg-run')?.addEventListener('click', run);
document.getElementById('pg-share')?.addEventListener('click', share);
fromFragment();
enhance('pg-config', s.config ?? '', 'playground-config-editor');
enhance('pg-compare', s.compare ?? '', 'playground-compare-editor');
if ((document.getElementById('pg-config') as HTMLTextAreaElement | null)?.value.trim()) run();
