import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulateText } from '../../../core/sim/simulate.ts';
import { LANES, type TraceEvent } from '../../../core/sim/trace.ts';
import { diffTraces } from '../../../core/sim/trace-diff.ts';

const example = (name: string) => simulateText(readFileSync(join('content/examples', name), 'utf8')).events;

const ev = (seq: number, step: number, actor: string, kind: string, cycles = 0): TraceEvent => ({
  seq,
  step,
  actor,
  lane: 'guest',
  kind,
  op: 'disk.write',
  cycles,
});

describe('diffTraces', () => {
  it('finds nothing between a trace and itself', () => {
    const t = example('server-pv.yaml');
    const d = diffTraces(t, t);
    expect(d.identical).toBe(true);
    expect(d.counts.same).toBe(t.length);
    expect(d.cycles.before).toBe(d.cycles.after);
  });

  it('reports inserted, removed and changed events within a step', () => {
    const before = [ev(0, 0, 'guest:a', 'issue'), ev(1, 0, 'hypervisor', 'trap', 10), ev(2, 0, 'hardware', 'io')];
    const after = [ev(0, 0, 'guest:a', 'issue'), ev(1, 0, 'hypervisor', 'trap', 30), ev(2, 0, 'dom0', 'emulate')];
    const d = diffTraces(before, after);
    expect(d.entries.map((e) => e.kind)).toEqual(['same', 'changed', 'inserted', 'removed']);
    expect(d.entries[1].changes).toEqual(['cycles']);
    expect(d.counts).toEqual({ same: 1, changed: 1, inserted: 1, removed: 1 });
  });

  it('aligns by step: a step only one side has is all inserted', () => {
    const d = diffTraces([ev(0, 0, 'guest:a', 'issue')], [ev(0, 0, 'guest:a', 'issue'), ev(1, 1, 'guest:a', 'issue')]);
    expect(d.entries.map((e) => [e.kind, e.step])).toEqual([
      ['same', 0],
      ['inserted', 1],
    ]);
  });

  it('compares PV and HVM: hypercalls on one side, VM exits on the other', () => {
    const d = diffTraces(example('server-pv.yaml'), example('server-hvm.yaml'));
    expect(d.identical).toBe(false);
    expect(d.entries.some((e) => e.kind === 'removed' && e.before?.kind === 'hypercall')).toBe(true);
    expect(d.entries.some((e) => e.kind === 'inserted' && e.after?.kind === 'vmexit')).toBe(true);
  });

  it('is bounded: past maxEvents it compares a prefix and says so; a huge step aligns by position', () => {
    const many = Array.from({ length: 50 }, (_, i) => ev(i, 0, `guest:${i % 3}`, 'issue'));
    const d = diffTraces(many, many.slice(1), { maxEvents: 100, maxCells: 10 });
    expect(d.truncated).toBe(false);
    expect(d.counts.same + d.counts.changed + d.counts.removed).toBe(50);
    expect(d.counts.same + d.counts.changed + d.counts.inserted).toBe(49);
    const t = diffTraces(many, many, { maxEvents: 20, maxCells: 10_000 });
    expect(t.truncated).toBe(true);
    expect(t.counts.same).toBe(20);
  });

  const arbEvent = fc.record({
    step: fc.integer({ min: -1, max: 3 }),
    actor: fc.constantFrom('guest:a', 'hypervisor', 'dom0', 'hardware'),
    lane: fc.constantFrom(...LANES),
    kind: fc.constantFrom('issue', 'trap', 'hypercall', 'io'),
    op: fc.constantFrom('disk.write', 'insn.cpuid'),
    cycles: fc.integer({ min: 0, max: 100 }),
  });
  const arbTrace = fc
    .array(arbEvent, { maxLength: 40 })
    .map((es) => es.map((e, seq): TraceEvent => ({ ...e, seq })).sort((x, y) => x.step - y.step || x.seq - y.seq));

  it('property: every event of each side appears exactly once, in its order, and counts add up', () => {
    fc.assert(
      fc.property(arbTrace, arbTrace, (a, b) => {
        const d = diffTraces(a, b);
        const befores = d.entries.flatMap((e) => (e.before ? [e.before] : []));
        const afters = d.entries.flatMap((e) => (e.after ? [e.after] : []));
        expect(befores).toEqual(a);
        expect(afters).toEqual(b);
        expect(d.counts.same + d.counts.changed + d.counts.removed).toBe(a.length);
        expect(d.counts.same + d.counts.changed + d.counts.inserted).toBe(b.length);
        // Symmetry: swapping sides swaps inserted and removed.
        const r = diffTraces(b, a);
        expect(r.counts.inserted).toBe(d.counts.removed);
        expect(r.counts.removed).toBe(d.counts.inserted);
      }),
      { numRuns: 200 },
    );
  });

  it('property: a trace against itself is identical', () => {
    fc.assert(fc.property(arbTrace, (a) => diffTraces(a, a).identical));
  });
});
