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

const COLUMNS: Array<[string, number, (e: TraceEvent, lang: Lang) => string]> = [
  ['step', 4, (e) => String(e.step)],
  ['lane', 10, (e) => e.lane],
  ['actor', 24, (e) => e.actor],
  ['kind', 12, (e) => e.kind],
  ['op', 18, (e) => e.op],
  ['cycles', 9, (e) => String(e.cycles)],
  ['outcome', 9, (e) => e.outcome ?? ''],
  [
    'detail',
    0,
    (e, lang) =>
      [
        e.hypercall ? `[${e.hypercall.name} #${e.hypercall.number}]` : '',
        detailIn(e.detail, lang) ?? '',
        e.note ? `— ${e.note[lang]}` : '',
        e.fix ? `(${FIX_LABEL[lang]}: ${e.fix[lang]})` : '',
      ]
        .filter(Boolean)
        .join(' '),
  ],
];

/** One row per event; the technical detail stays English, the learner's note and fix are in `lang`. */
export function traceTable(events: readonly TraceEvent[], lang: Lang = 'ko'): string {
  const row = (cells: string[]) =>
    cells
      .map((c, i) => (COLUMNS[i][1] ? c.padEnd(COLUMNS[i][1]) : c))
      .join(' ')
      .trimEnd();
  return [row(COLUMNS.map(([h]) => h)), ...events.map((e) => row(COLUMNS.map(([, , f]) => f(e, lang))))].join('\n');
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
