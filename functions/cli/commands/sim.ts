import { readFile } from 'node:fs/promises';
import type { CliIO } from '../main.ts';
import type { Lang } from '../../../core/i18n.ts';
import type { ConfigIssue } from '../../../core/validation.ts';
import { detailIn, type TraceEvent } from '../../../core/sim/trace.ts';
import { simulateText } from '../../../core/sim/simulate.ts';
import { langOption } from '../lab-support.ts';

export const summary =
  'simulate a configuration: sim <file.yaml|json> [--json] [--seed N] [--lang ko|en] (trace table or JSON)';

const USAGE =
  'usage: virtlab sim <file.yaml|file.json> [--json] [--seed N] [--lang ko|en]\n' +
  '  --lang  language of the trace notes (default ko) and of the errors (default both, Korean / English)';

/** `line 12: guests[1].mode: <ko> / <en>` — both languages, as the learner would see them, or only `lang`. */
export function formatIssue(i: ConfigIssue, lang?: Lang): string {
  const where = [i.line !== undefined ? `line ${i.line}` : '', i.path].filter(Boolean).join(': ');
  return `${where ? `${where}: ` : ''}${lang ? i.message[lang] : `${i.message.ko} / ${i.message.en}`}`;
}

const FIX_LABEL: Record<Lang, string> = { ko: '고치려면', en: 'fix' };

/** Columns of an event's first line; with the two spaces between them they fit 80 terminal columns. */
const COLUMNS: Array<[string, number, (e: TraceEvent) => string]> = [
  // Boot events come before the workload's first step; the simulator numbers them -1.
  ['step', 4, (e) => (e.step < 0 ? 'boot' : String(e.step))],
  ['lane', 10, (e) => e.lane],
  ['actor', 24, (e) => e.actor],
  ['op', 18, (e) => e.op],
  ['cycles', 9, (e) => String(e.cycles)],
  ['outcome', 7, (e) => e.outcome ?? ''],
];

/** The width of 80-column terminals; an event's detail wraps under its first line at this width. */
export const WIDTH = 80;
const INDENT = '     ';

/** Terminal columns of a text: Hangul, CJK and full-width forms take two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
      ? 2
      : 1;
  return w;
}

/** Word-wrap at `width` terminal columns (a word longer than a line gets a line of its own). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && displayWidth(`${line} ${word}`) > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

const fit = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);

function detailOf(e: TraceEvent, lang: Lang): string {
  const detail = detailIn(e.detail, lang) ?? '';
  const note = e.note?.[lang] ?? '';
  // A failure's note often restates its detail with the reason around it: say it once.
  const both = detail && note.includes(detail) ? [note] : [detail, note ? `— ${note}` : ''];
  return [
    `${e.kind}:`,
    e.hypercall ? `[${e.hypercall.name} #${e.hypercall.number}]` : '',
    ...both,
    e.fix ? `(${FIX_LABEL[lang]}: ${e.fix[lang]})` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * One block per event, at most 80 columns wide: a line of fixed columns, then its kind and detail wrapped and
 * indented under it. The technical detail stays English; the learner's note and fix are in `lang`.
 */
export function traceTable(events: readonly TraceEvent[], lang: Lang = 'ko'): string {
  const row = (cells: string[]) =>
    cells
      .map((c, i) => fit(c, COLUMNS[i][1]))
      .join(' ')
      .trimEnd();
  const block = (e: TraceEvent) =>
    [
      row(COLUMNS.map(([, , f]) => f(e))),
      ...wrap(detailOf(e, lang), WIDTH - INDENT.length).map((l) => INDENT + l),
    ].join('\n');
  return [row(COLUMNS.map(([h]) => h)), ...events.map(block)].join('\n');
}

export async function run(args: string[], io: CliIO): Promise<number> {
  let file: string | undefined;
  let json = false;
  let seed = 0;
  let lang: Lang | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (a === '--seed') {
      seed = Number(args[++i]);
      if (!Number.isInteger(seed)) {
        io.err(`virtlab sim: --seed needs an integer.\n${USAGE}`);
        return 2;
      }
    } else if (a === '--lang') {
      // A missing value counts as given but wrong, as with the other commands.
      const chosen = langOption({ lang: args[++i] }, 'sim', USAGE, io);
      if (!chosen) return 2;
      lang = chosen;
    } else if (!a.startsWith('--') && file === undefined) file = a;
    else {
      io.err(`virtlab sim: unexpected argument '${a}'.\n${USAGE}`);
      return 2;
    }
  }
  if (!file) {
    io.err(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    io.err(`virtlab sim: cannot read ${file}: ${(err as Error).message}`);
    return 2;
  }
  const result = simulateText(text, { seed, format: file.endsWith('.json') ? 'json' : undefined });
  if (json) {
    io.out(
      JSON.stringify(
        {
          ok: result.ok,
          target: result.target,
          errors: result.errors,
          events: result.events,
          state: result.state,
          stats: result.stats,
        },
        null,
        2,
      ),
    );
    return result.ok ? 0 : 1;
  }
  if (!result.ok) {
    io.err(`${file}: ${result.errors.length} error(s)`);
    for (const e of result.errors) io.err(`  ${formatIssue(e, lang)}`);
    if (result.events.length) io.out(traceTable(result.events, lang));
    return 1;
  }
  io.out(traceTable(result.events, lang));
  io.out(`\n${result.stats.events} events, ${result.stats.cycles} cycles (target ${result.target})\n`);
  io.out(`state:\n${JSON.stringify(result.state, null, 2)}`);
  return 0;
}
