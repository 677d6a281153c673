import { describe, it, expect } from 'vitest';
import type { TraceEvent } from '../../../core/sim/trace.ts';
import { MAX_EVENT_NOTES, eventNotes, renderSequenceSvg } from '../../../core/diagrams/sequence-svg.ts';

let seq = 0;
const ev = (p: Partial<TraceEvent> & Pick<TraceEvent, 'actor' | 'lane' | 'kind' | 'op'>): TraceEvent => ({
  seq: seq++,
  step: 0,
  cycles: 0,
  ...p,
});

const hvmWrite: TraceEvent[] = [
  ev({ actor: 'guest:web', lane: 'guest', kind: 'issue', op: 'disk.write', subject: 'web', cycles: 10 }),
  ev({
    actor: 'hypervisor',
    lane: 'hypervisor',
    kind: 'vmexit',
    op: 'disk.write',
    subject: 'web',
    detail: 'exit reason IO_INSTRUCTION',
    cycles: 1200,
  }),
  ev({ actor: 'dom0:qemu', lane: 'dom0', kind: 'emulate', op: 'disk.write', subject: 'web', cycles: 5000 }),
  ev({ actor: 'hardware:disk', lane: 'hardware', kind: 'io', op: 'disk.write', subject: 'web', cycles: 20000 }),
];

const laneOrder = (svg: string): string[] => [...svg.matchAll(/data-lane="([^"]+)"/g)].map((m) => m[1]);

describe('renderSequenceSvg', () => {
  it('draws one lifeline header per lane that occurs, top of the stack first', () => {
    const svg = renderSequenceSvg([...hvmWrite].reverse(), { lang: 'en' });
    const headers = [...svg.matchAll(/font-weight="bold" fill="#1f2933" font-size="13">([^<]+)</g)].map((m) => m[1]);
    expect(headers).toEqual(['Guest', 'Hypervisor', 'Dom0', 'Hardware']);
    expect(svg).not.toContain('>Container<');
  });

  it('names the lanes in Korean by default language choice ko', () => {
    const svg = renderSequenceSvg(hvmWrite, { lang: 'ko' });
    expect(svg).toContain('>하이퍼바이저<');
    expect(svg).toContain('>게스트<');
  });

  it('writes a prose detail in the page language and a technical one as it is', () => {
    const events = [
      ev({
        actor: 'hardware:disk',
        lane: 'hardware',
        kind: 'io',
        op: 'disk.write',
        detail: { ko: '물리 장치가 I/O를 합니다', en: 'the physical device does the I/O' },
      }),
      ev({ actor: 'hypervisor', lane: 'hypervisor', kind: 'vmexit', op: 'disk.write', detail: 'exit reason 30' }),
    ];
    const ko = renderSequenceSvg(events, { lang: 'ko' });
    expect(ko).toContain('물리 장치가 I/O를 합니다');
    expect(ko).not.toContain('the physical device');
    expect(ko).toContain('exit reason 30');
    expect(renderSequenceSvg(events, { lang: 'en' })).toContain('the physical device does the I/O');
  });

  it('lets a detail run on past its arrow to the cycles column instead of cutting it at the arrow', () => {
    const long = 'VM exit, basic exit reason 30 (I/O instruction), port 0x1f0, 2 bytes out';
    const svg = renderSequenceSvg([...hvmWrite.slice(0, 1), { ...hvmWrite[1], detail: long }, ...hvmWrite.slice(2)], {
      lang: 'en',
    });
    expect(svg).toContain(`>${long}</text>`);
    const cut = renderSequenceSvg(
      [...hvmWrite.slice(0, 1), { ...hvmWrite[1], detail: long.repeat(4) }, ...hvmWrite.slice(2)],
      { lang: 'en' },
    );
    expect(cut).toContain('…');
  });

  it('keeps the events in trace order, one group each', () => {
    const svg = renderSequenceSvg(hvmWrite, { lang: 'en' });
    expect(laneOrder(svg)).toEqual(['guest', 'hypervisor', 'dom0', 'hardware']);
  });

  it('draws an arrow for each hop between layers and none for the first step of an operation', () => {
    const svg = renderSequenceSvg(hvmWrite, { lang: 'en' });
    expect(svg.match(/marker-end=/g)?.length).toBe(3);
  });

  it('draws consecutive actors of one lane as calls from the lane that issued them (fan-out)', () => {
    const svg = renderSequenceSvg(
      [
        ev({ actor: 'raid:a1', lane: 'controller', kind: 'issue', op: 'write', step: 2 }),
        ev({ actor: 'disk:d0', lane: 'hardware', kind: 'io', op: 'disk.read', step: 2 }),
        ev({ actor: 'disk:d1', lane: 'hardware', kind: 'io', op: 'disk.read', step: 2 }),
        ev({ actor: 'disk:d1', lane: 'hardware', kind: 'io', op: 'disk.write', step: 2 }),
      ],
      { lang: 'en' },
    );
    // d0 and d1 each get an arrow from the controller; d1's second step stays on its own lifeline.
    expect(svg.match(/marker-end=/g)?.length).toBe(2);
  });

  it('labels hypercalls with name and number', () => {
    const svg = renderSequenceSvg(
      [
        ev({ actor: 'guest:pv1', lane: 'guest', kind: 'issue', op: 'pagetable.update', step: 1 }),
        ev({
          actor: 'hypervisor',
          lane: 'hypervisor',
          kind: 'hypercall',
          op: 'pagetable.update',
          step: 1,
          hypercall: { name: 'mmu_update', number: 1 },
        }),
      ],
      { lang: 'en' },
    );
    expect(svg).toContain('hypercall mmu_update #1');
  });

  it('shows the VM exit reason under the arrow', () => {
    expect(renderSequenceSvg(hvmWrite, { lang: 'en' })).toContain('exit reason IO_INSTRUCTION');
  });

  it('highlights violations and drops in red with the outcome and the note in the chosen language', () => {
    const svg = renderSequenceSvg(
      [
        ev({ actor: 'guest:g', lane: 'guest', kind: 'issue', op: 'insn.popf' }),
        ev({
          actor: 'guest:g',
          lane: 'guest',
          kind: 'execute',
          op: 'insn.popf',
          outcome: 'violation',
          note: { ko: '조용히 무시됨', en: 'silently ignored' },
        }),
        ev({ actor: 'vnf:fw1', lane: 'network', kind: 'filter', op: 'packet', step: 1, outcome: 'dropped' }),
      ],
      { lang: 'ko' },
    );
    expect(svg.match(/class="ev bad"/g)?.length).toBe(2);
    expect(svg).toContain('data-outcome="violation"');
    expect(svg).toContain('✕ 위반');
    expect(svg).toContain('✕ 버려짐');
    expect(svg).toContain('조용히 무시됨');
    expect(svg).not.toContain('silently ignored');
  });

  it('prints the cycles of each hop and their total', () => {
    const svg = renderSequenceSvg(hvmWrite, { lang: 'en' });
    expect(svg).toContain('>1,200<');
    expect(svg).toContain('total cycles: 26,210');
  });

  it('escapes every text that comes from a configuration', () => {
    const svg = renderSequenceSvg(
      [
        ev({
          actor: 'guest:<script>alert(1)</script>',
          lane: 'guest',
          kind: 'issue',
          op: 'x"y',
          subject: "<img src=x onerror='a'>",
          detail: '&amp;<b>',
        }),
      ],
      { lang: 'en' },
    );
    expect(svg).not.toMatch(/<script|<img|<b>/);
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('x&quot;y');
    expect(svg).toContain('&amp;amp;&lt;b&gt;');
  });

  it('bounds the drawing and counts the events left out', () => {
    const many = Array.from({ length: 50 }, (_, i) =>
      ev({ actor: 'guest:g', lane: 'guest', kind: 'issue', op: 'op', step: i }),
    );
    const svg = renderSequenceSvg(many, { lang: 'en', maxEvents: 10 });
    expect(laneOrder(svg)).toHaveLength(10);
    expect(svg).toContain('… 40 more events');
  });

  it('is accessible: role img with a title and a description', () => {
    const svg = renderSequenceSvg(hvmWrite, { lang: 'en', id: 'result-trace' });
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="result-trace-title result-trace-desc"/);
    expect(svg).toContain('<desc id="result-trace-desc">4 events across: Guest, Hypervisor, Dom0, Hardware</desc>');
  });

  it('says so when there is nothing to draw', () => {
    expect(renderSequenceSvg([], { lang: 'en' })).toContain('No events were recorded.');
  });

  // A RAID lab pulls two disks on purpose; the array survives and every check passes.
  const raidPass: TraceEvent[] = [
    ev({ actor: 'controller:a1', lane: 'controller', kind: 'io', op: 'write', subject: 'a1' }),
    ev({
      actor: 'disk:d0',
      lane: 'hardware',
      kind: 'fault',
      op: 'fail',
      subject: 'a1',
      outcome: 'failed',
      note: { ko: 'd0 디스크가 고장 났습니다.', en: 'Disk d0 failed and can no longer be read.' },
    }),
    ev({ actor: 'controller:a1', lane: 'controller', kind: 'degraded', op: 'fail', subject: 'a1', outcome: 'ok' }),
  ];

  it("draws a fault the lab injects as the lab's doing, not as a failure", () => {
    const svg = renderSequenceSvg(raidPass, { lang: 'en' });
    expect(svg).not.toContain('class="ev bad"');
    expect(svg).toContain('class="ev injected"');
    expect(svg).toContain('>injected: fail</text>');
    expect(svg).toContain('fault injected by the lab · Disk d0 failed');
    expect(svg).not.toContain('✕');
  });

  it('still draws a failure the design causes in red', () => {
    const lost = ev({ actor: 'controller:a1', lane: 'controller', kind: 'lost', op: 'fail', outcome: 'lost' });
    const appFault = ev({ actor: 'app:web', lane: 'app', kind: 'fault', op: 'app.run', outcome: 'failed' });
    const svg = renderSequenceSvg([...raidPass, lost, appFault], { lang: 'en' });
    expect(svg.match(/class="ev bad"/g)).toHaveLength(2);
  });

  it('prints no total where the run counts no cycles', () => {
    const svg = renderSequenceSvg(raidPass, { lang: 'en' });
    expect(svg).not.toContain('total cycles');
  });

  it('labels an excerpt as one, with the size of the run, instead of totalling its cycles', () => {
    const svg = renderSequenceSvg(hvmWrite.slice(1, 3), { lang: 'ko', excerptOf: 120 });
    expect(svg).toContain('발췌: 실행 이벤트 120개 중 2개');
    expect(svg).not.toContain('총 사이클');
  });

  it('lists the marked events in full, where a long reason is not clipped, and bounds the list', () => {
    const reason = 'The unmodified kernel knows no hypercalls: '.repeat(6);
    const boot = ev({
      actor: 'guest:win',
      lane: 'guest',
      kind: 'fault',
      op: 'boot',
      outcome: 'failed',
      note: { ko: '부팅 실패', en: reason },
    });
    const notes = eventNotes([...raidPass, boot], 'en');
    expect(notes.map((n) => [n.seq, n.injected])).toEqual([
      [raidPass[1].seq, true],
      [boot.seq, false],
    ]);
    expect(notes[1].text).toContain(reason);
    const withFix = { ...boot, fix: { ko: 'VT-x를 켜세요', en: 'enable VT-x' } };
    expect(eventNotes([withFix], 'en')[0].text).toContain('→ enable VT-x');
    expect(eventNotes([withFix], 'en', false)[0].text).not.toContain('enable VT-x');
    expect(renderSequenceSvg([withFix], { lang: 'en', fixes: false })).not.toContain('enable VT-x');
    const many = Array.from({ length: 40 }, () => ({ ...boot }));
    expect(eventNotes(many, 'en')).toHaveLength(MAX_EVENT_NOTES);
  });
});
