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
