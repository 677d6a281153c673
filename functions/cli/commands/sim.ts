import { readFile } from 'node:fs/promises';
import type { CliIO } from '../main.ts';
import type { ConfigIssue } from '../../../core/validation.ts';
import type { TraceEvent } from '../../../core/sim/trace.ts';
import { simulateText } from '../../../core/sim/simulate.ts';

export const summary = 'simulate a configuration: sim <file.yaml|json> [--json] [--seed N] (trace table or JSON)';

const USAGE = 'usage: virtlab sim <file.yaml|file.json> [--json] [--seed N]';

/** `line 12: guests[1].mode: <ko> / <en>` — both languages, as the learner would see them. */
export function formatIssue(i: ConfigIssue): string {
  const where = [i.line !== undefined ? `line ${i.line}` : '', i.path].filter(Boolean).join(': ');
  return `${where ? `${where}: ` : ''}${i.message.ko} / ${i.message.en}`;
}

const COLUMNS: Array<[string, number, (e: TraceEvent) => string]> = [
  ['step', 4, (e) => String(e.step)],
  ['lane', 10, (e) => e.lane],
  ['actor', 24, (e) => e.actor],
  ['kind', 12, (e) => e.kind],
  ['op', 18, (e) => e.op],
  ['cycles', 9, (e) => String(e.cycles)],
  ['outcome', 9, (e) => e.outcome ?? ''],
  ['detail', 0, (e) => [e.hypercall ? `[${e.hypercall.name} #${e.hypercall.number}]` : '', e.detail ?? '', e.note ? `— ${e.note.en}` : ''].filter(Boolean).join(' ')],
];

export function traceTable(events: readonly TraceEvent[]): string {
  const row = (cells: string[]) => cells.map((c, i) => (COLUMNS[i][1] ? c.padEnd(COLUMNS[i][1]) : c)).join(' ').trimEnd();
  return [row(COLUMNS.map(([h]) => h)), ...events.map((e) => row(COLUMNS.map(([, , f]) => f(e))))].join('\n');
}

export async function run(args: string[], io: CliIO): Promise<number> {
  let file: string | undefined;
  let json = false;
  let seed = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (a === '--seed') {
      seed = Number(args[++i]);
      if (!Number.isInteger(seed)) {
        io.err(`virtlab sim: --seed needs an integer.\n${USAGE}`);
        return 2;
      }
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
    io.out(JSON.stringify({ ok: result.ok, target: result.target, errors: result.errors, events: result.events, state: result.state, stats: result.stats }, null, 2));
    return result.ok ? 0 : 1;
  }
  if (!result.ok) {
    io.err(`${file}: ${result.errors.length} error(s)`);
    for (const e of result.errors) io.err(`  ${formatIssue(e)}`);
    if (result.events.length) io.out(traceTable(result.events));
    return 1;
  }
  io.out(traceTable(result.events));
  io.out(`\n${result.stats.events} events, ${result.stats.cycles} cycles (target ${result.target})\n`);
  io.out(`state:\n${JSON.stringify(result.state, null, 2)}`);
  return 0;
}
