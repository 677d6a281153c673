import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BENCH_BEGIN, BENCH_END, benchBlock, spliceBenchBlock, type Figure } from '../../bench/report.ts';

const figure: Figure = {
  id: '6',
  what: 'RAID-6 P+Q',
  value: 900,
  unit: 'MB/s',
  baseline: { what: 'XOR', value: 1400, unit: 'MB/s' },
  ratio: 0.64,
  target: 'report',
  met: null,
};
const machine = { node: 'v20.20.0', cpu: 'Test CPU', cores: 2, memoryGiB: 24 };

describe('docs/performance.md block written by npm run bench', () => {
  it('states the run, the machine, the table and the grading time per lab, fastest first', () => {
    const block = benchBlock({
      at: '2026-12-04T10:00:00.000Z',
      machine,
      figures: [figure],
      gradingPerLab: { slow: { medianMs: 0.9, p99Ms: 2 }, fast: { medianMs: 0.3, p99Ms: 1 } },
    });
    expect(block.startsWith(BENCH_BEGIN)).toBe(true);
    expect(block.endsWith(BENCH_END)).toBe(true);
    expect(block).toContain('Run of 2026-12-04 on Test CPU × 2, 24 GiB, Node.js v20.20.0.');
    expect(block).toContain('| 6 | RAID-6 P+Q | 900 MB/s | 1400 MB/s (XOR) | 0.64× | report | report |');
    expect(block).toContain('`fast` 0.3 / 1, `slow` 0.9 / 2.');
  });

  it('replaces only the block and keeps the hand-written text around it', () => {
    const doc = `# Performance\n\nintro\n\n${BENCH_BEGIN}\nold figures\n${BENCH_END}\n\n## Notes\n\nkept\n`;
    const out = spliceBenchBlock(doc, `${BENCH_BEGIN}\nnew figures\n${BENCH_END}`);
    expect(out).toBe(`# Performance\n\nintro\n\n${BENCH_BEGIN}\nnew figures\n${BENCH_END}\n\n## Notes\n\nkept\n`);
    expect(spliceBenchBlock(out, `${BENCH_BEGIN}\nnew figures\n${BENCH_END}`)).toBe(out);
  });

  it('appends the block to a page without markers instead of dropping what is there', () => {
    expect(spliceBenchBlock('# Performance\n\nnotes\n', 'BLOCK')).toBe('# Performance\n\nnotes\n\nBLOCK\n');
  });

  it('the committed page has exactly one generated block', () => {
    const doc = readFileSync('docs/performance.md', 'utf8');
    expect(doc.split('<!-- bench:begin').length).toBe(2);
    expect(doc.split(BENCH_END).length).toBe(2);
    expect(doc.indexOf('<!-- bench:begin')).toBeLessThan(doc.indexOf(BENCH_END));
  });
});
