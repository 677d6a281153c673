/** One line of the benchmark table: a measured figure against a baseline measured in the same run. */
export interface Figure {
  id: string;
  what: string;
  value: number;
  unit: string;
  baseline?: { what: string; value: number; unit: string };
  /** value ÷ baseline (or baseline ÷ value where smaller is better), as the target states it. */
  ratio?: number;
  target: string;
  met: boolean | null;
}

export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.id,
    f.what,
    `${f.value} ${f.unit}`,
    f.baseline ? `${f.baseline.value} ${f.baseline.unit} (${f.baseline.what})` : '—',
    f.ratio === undefined ? '—' : `${f.ratio}×`,
    f.target,
    f.met === null ? 'report' : f.met ? 'met' : 'NOT met',
  ]);
  const head = ['#', 'figure', 'value', 'baseline', 'ratio', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The part of docs/performance.md that `npm run bench` owns; everything outside the markers is written by hand. */
const BENCH_BEGIN_TAG = '<!-- bench:begin';
export const BENCH_BEGIN = `${BENCH_BEGIN_TAG} — written by \`npm run bench\`; edits between these markers are replaced -->`;
export const BENCH_END = '<!-- bench:end -->';

export interface Machine {
  node: string;
  cpu: string | undefined;
  cores: number;
  memoryGiB: number;
}

/** The generated block: when and where the run was made, the table, and the grading time of every lab. */
export function benchBlock(run: {
  at: string;
  machine: Machine;
  figures: readonly Figure[];
  gradingPerLab?: Record<string, { medianMs: number; p99Ms: number }>;
}): string {
  const { at, machine, figures, gradingPerLab } = run;
  const lines = [
    BENCH_BEGIN,
    '',
    `Run of ${at.slice(0, 10)} on ${machine.cpu ?? 'an unknown CPU'} × ${machine.cores}, ${machine.memoryGiB} GiB, Node.js ${machine.node}.`,
    '',
    table(figures),
  ];
  if (gradingPerLab && Object.keys(gradingPerLab).length > 0) {
    const labs = Object.entries(gradingPerLab)
      .sort(([, a], [, b]) => a.medianMs - b.medianMs)
      .map(([id, t]) => `\`${id}\` ${t.medianMs} / ${t.p99Ms}`);
    lines.push('', `Grading per lab (median / p99, ms): ${labs.join(', ')}.`);
  }
  lines.push('', BENCH_END);
  return lines.join('\n');
}

/**
 * docs/performance.md with its generated block replaced by `block` (the hand-written text around it is kept). A
 * document without the markers gets the block appended, so nothing written by hand is lost.
 */
export function spliceBenchBlock(doc: string, block: string): string {
  const begin = doc.indexOf(BENCH_BEGIN_TAG);
  const end = doc.indexOf(BENCH_END);
  if (begin === -1 || end === -1 || end < begin) return `${doc.trimEnd()}\n\n${block}\n`;
  return doc.slice(0, begin) + block + doc.slice(end + BENCH_END.length);
}
