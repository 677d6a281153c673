import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { simulateText } from '../../../core/sim/simulate.ts';
import { diffTraces } from '../../../core/sim/trace-diff.ts';
import { TraceDiffView } from '../../../functions/http/pages/trace-diff-view.tsx';
import { ExportView } from '../../../functions/http/pages/export-view.tsx';

const run = (name: string) => simulateText(readFileSync(`content/examples/${name}`, 'utf8')).events;

describe('TraceDiffView (result page: what changed since your last attempt)', () => {
  it('lists the inserted and removed events in the page language', async () => {
    const html = String(
      await TraceDiffView({ diff: diffTraces(run('server-pv.yaml'), run('server-hvm.yaml')), lang: 'en' }),
    );
    expect(html).toContain('What changed since your last attempt');
    expect(html).toContain('data-kind="inserted"');
    expect(html).toContain('data-kind="removed"');
    const ko = String(
      await TraceDiffView({ diff: diffTraces(run('server-pv.yaml'), run('server-pv.yaml')), lang: 'ko' }),
    );
    expect(ko).toContain('추적이 지난 시도와 같습니다.');
  });

  it('names the changed fields in the reader’s language', async () => {
    const before = run('server-pv.yaml');
    const after = before.map((e, i) => (i === 0 ? { ...e, cycles: e.cycles + 7, outcome: 'denied' as const } : e));
    const ko = String(await TraceDiffView({ diff: diffTraces(before, after), lang: 'ko' }));
    expect(ko).toContain('(사이클, 결과)');
    expect(ko).not.toContain('cycles');
    const en = String(await TraceDiffView({ diff: diffTraces(before, after), lang: 'en' }));
    expect(en).toContain('(cycles, outcome)');
  });
});

describe('ExportView (result page: the Export menu)', () => {
  it('lists the exports of a server configuration and nothing for a target without any', async () => {
    const text = readFileSync('content/examples/server-pv.yaml', 'utf8');
    const html = String(await ExportView({ text, format: 'yaml', lang: 'ko' }));
    expect(html).toContain('실제 도구로 내보내기');
    expect(html).toContain('data-tool="xl"');
    expect(html).toContain('data-tool="libvirt"');
    const none = ExportView({ text: 'target: network\n', format: 'yaml', lang: 'en' });
    expect(none).toBeNull();
  });
});
