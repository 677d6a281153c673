import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { MemoryState } from '../../../core/sim/memory/state.ts';
import { LEVELS, twoDimensionalReferences } from '../../../core/sim/memory/page-walk.ts';
import { simulate, simulateText } from '../../../core/sim/simulate.ts';
import { example, validState } from './example-fixture.ts';
import { memoryConfig } from './memory-generators.ts';

const run = (config: unknown) => validState<MemoryState>(config);

describe('memory target: accounting invariants over random configurations', () => {
  it('every guest page is resident, shared, ballooned or swapped; the host never uses more frames than it has', () => {
    fc.assert(
      fc.property(memoryConfig, (config) => {
        const r = simulate(config);
        expect(r.errors).toEqual([]);
        const s = r.state as MemoryState;
        let resident = 0;
        let swapped = 0;
        for (const g of Object.values(s.guests)) {
          expect(g.resident + g.shared + g.ballooned + g.swapped).toBe(g.memoryPages);
          for (const x of [g.resident, g.shared, g.ballooned, g.swapped, g.guestSwapped])
            expect(x).toBeGreaterThanOrEqual(0);
          expect(g.guestSwapped).toBeLessThanOrEqual(g.workingSetPages);
          resident += g.resident;
          swapped += g.swapped;
        }
        expect(s.host.usedPages).toBe(resident + s.host.sharedFrames);
        expect(s.host.usedPages).toBeLessThanOrEqual(s.host.memoryPages);
        expect(s.host.swappedPages).toBe(swapped);
        // Sharing saves frames: never more shared frames than shared pages.
        expect(s.host.sharedFrames).toBeLessThanOrEqual(Object.values(s.guests).reduce((n, g) => n + g.shared, 0));
      }),
      { numRuns: 300 },
    );
  });

  it('counts what the trace shows: exits, and the per-guest counters add up to the totals', () => {
    fc.assert(
      fc.property(memoryConfig, (config) => {
        const r = simulate(config);
        const s = r.state as MemoryState;
        const shown = r.events
          .filter((e) => e.kind === 'vmexit')
          .reduce((n, e) => n + Number(String(e.detail).match(/(\d+)×/)![1]), 0);
        expect(s.totals.vmExits).toBe(shown);
        const guests = Object.values(s.guests);
        for (const key of [
          'tlbMisses',
          'walkReferences',
          'vmExits',
          'hiddenFaults',
          'cowBreaks',
          'hostSwapIns',
          'hostSwapOuts',
          'diskIOs',
        ] as const) {
          expect(guests.reduce((n, g) => n + g.counters[key], 0)).toBe(s.totals[key]);
        }
        for (const g of guests) expect(g.counters.walkReferences).toBe(g.counters.tlbMisses * g.referencesPerMiss);
        expect(s.totals.diskIOs).toBe(
          s.totals.hostSwapIns + s.totals.hostSwapOuts + s.totals.guestSwapIns + s.totals.guestSwapOuts,
        );
        // Binary translation has no VM exits at all; EPT/NPT never takes hidden faults.
        if (
          (config.mmu as { cpuVirtualization: string }).cpuVirtualization === 'binary-translation' &&
          config.mmu.mode === 'shadow'
        )
          expect(s.totals.vmExits).toBe(0);
        if (config.mmu.mode !== 'shadow') expect(s.totals.hiddenFaults).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('memory target: shadow paging vs EPT', () => {
  const base = example('memory-shadow-vs-ept');
  const ept = run(base);
  const shadow = run({ ...base, mmu: { mode: 'shadow', tlbTags: false } });

  it('EPT walks are two-dimensional: 24 references for 4 KiB pages, 19 for a 2 MiB guest', () => {
    expect(ept.guests.web.referencesPerMiss).toBe(24);
    expect(ept.guests.db.referencesPerMiss).toBe(twoDimensionalReferences(LEVELS['2MiB'], LEVELS['4KiB']));
    expect(shadow.guests.web.referencesPerMiss).toBe(4);
  });

  it('shadow paging trades walk length for exits: CR3 and PTE writes trap, first touches take hidden faults', () => {
    expect(shadow.totals.walkReferences).toBeLessThan(ept.totals.walkReferences);
    expect(shadow.totals.vmExits).toBeGreaterThan(ept.totals.vmExits);
    expect(shadow.totals.exitReasons.CR_ACCESS).toBe(1);
    expect(shadow.totals.exitReasons.INVLPG).toBe(4);
    expect(shadow.totals.hiddenFaults).toBeGreaterThan(0);
    expect(ept.totals.exitReasons).toEqual({ EXTERNAL_INTERRUPT: 1 });
  });

  it('with VPID a VM switch or exit keeps the translations; without, the next access misses again', () => {
    const untagged = run({ ...base, mmu: { mode: 'ept', tlbTags: false } });
    expect(ept.host.tlbTag).toBe('VPID');
    expect(untagged.host.tlbTag).toBeNull();
    expect(untagged.totals.tlbMisses).toBeGreaterThan(ept.totals.tlbMisses);
    expect(untagged.totals.tlbFlushes).toBeGreaterThan(ept.totals.tlbFlushes);
  });

  it('on AMD the same run uses NPT, ASIDs and SVM exit codes', () => {
    const amd = run({ ...base, host: { ...base.host, vendor: 'amd' }, mmu: { mode: 'npt' } });
    expect(amd.host.tlbTag).toBe('ASID');
    expect(amd.totals.exitReasons).toEqual({ SVM_EXIT_INTR: 1 });
    const shadowAmd = run({ ...base, host: { ...base.host, vendor: 'amd' }, mmu: { mode: 'shadow' } });
    expect(shadowAmd.totals.exitReasons.SVM_EXIT_WRITE_CR3).toBe(1);
  });

  it('binary translation reaches the VMM without exits (and without VPID)', () => {
    const bt = run({
      ...base,
      mmu: { mode: 'shadow', cpuVirtualization: 'binary-translation' },
      ops: base.ops.filter((o: object) => !('exit' in o)),
    });
    expect(bt.totals.vmExits).toBe(0);
    expect(bt.totals.hiddenFaults).toBeGreaterThan(0);
    expect(bt.host.tlbTag).toBeNull();
  });

  it('the trace shows each step of the two-dimensional walk', () => {
    const r = simulate(base);
    const walk = r.events.filter((e) => e.kind === 'walk' && e.step === 0);
    expect(walk).toHaveLength(5);
    expect(String(walk[0].detail)).toContain('gCR3 GPA → EPT');
    expect(String(walk[4].detail)).toContain('→ HPA');
  });
});

describe('memory target: overcommit', () => {
  const base = example('memory-overcommit');
  const s = run(base);

  it('boot swaps what does not fit; a swapped page costs an exit and a disk read when touched', () => {
    expect(s.totals.hostSwapOuts).toBeGreaterThanOrEqual(3 * 1024 - 2048);
    expect(s.guests.db.counters.hostSwapIns).toBeGreaterThan(0);
    expect(s.guests.db.counters.exitReasons.EPT_VIOLATION).toBeGreaterThanOrEqual(s.guests.db.counters.hostSwapIns);
  });

  it('sharing merges the common image and zero pages; a write breaks copy-on-write', () => {
    expect(s.host.sharedFrames).toBeGreaterThan(0);
    expect(s.guests.web1.counters.cowBreaks).toBeGreaterThan(0);
    const salted = run({ ...base, overcommit: { ...base.overcommit, sharing: 'intra-vm' } });
    // Salting: only zero pages inside each VM merge, one frame per VM that has them.
    expect(salted.host.sharedFrames).toBe(2);
    const off = run({ ...base, overcommit: { ...base.overcommit, sharing: 'off' } });
    expect(off.host.sharedFrames).toBe(0);
  });

  it('a balloon past the guest’s free memory makes the guest page out its own working set', () => {
    const db = s.guests.db;
    expect(db.counters.balloonInflated).toBe(300);
    expect(db.counters.guestSwapOuts).toBeGreaterThan(0);
    expect(db.ballooned).toBe(0);
    const gentle = run({ ...base, ops: [{ balloon: 'web1', targetPages: 100 }] });
    expect(gentle.guests.web1.counters.guestSwapOuts).toBe(0);
    expect(gentle.guests.web1.ballooned).toBe(100);
  });

  it('the balloon talks to the host as its driver does: a virtqueue kick, or memory_op hypercalls', () => {
    const r = simulate(base);
    const xen = r.events.filter((e) => e.hypercall?.name === 'memory_op');
    expect(xen.map((e) => String(e.detail).split(',')[0])).toEqual([
      'XENMEM_decrease_reservation (1)',
      'XENMEM_populate_physmap (6)',
    ]);
    const virtio = simulate({ ...base, ops: [{ balloon: 'web1', targetPages: 50 }] });
    expect(virtio.events.some((e) => String(e.detail).startsWith('inflateq (0)'))).toBe(true);
    expect(virtio.events.some((e) => e.kind === 'vmexit' && String(e.detail).includes('EPT_MISCONFIG (49)'))).toBe(
      true,
    );
  });
});

describe('memory target: bad input', () => {
  it('reports mismatched vendor, unknown guests and processes, balloon without a driver: bilingual, line-numbered', () => {
    const text = [
      'target: memory',
      'host: { vendor: amd, memoryPages: 100 }',
      'mmu: { mode: ept }',
      'guests:',
      '  - { name: a, memoryPages: 10 }',
      'ops:',
      '  - { access: b, pages: 1 }',
      '  - { cr3: a, process: nope }',
      '  - { balloon: a, targetPages: 5 }',
      '',
    ].join('\n');
    const r = simulateText(text);
    expect(r.ok).toBe(false);
    const at = (path: string) => r.errors.find((e) => e.path === path);
    expect(at('mmu.mode')?.message.en).toContain('on AMD use npt');
    expect(at('ops[0].access')).toMatchObject({ line: 7, message: { en: "There is no guest named 'b'." } });
    expect(at('ops[1].process')?.line).toBe(8);
    expect(at('ops[2].balloon')?.message.ko).toContain('풍선');
  });

  it('refuses overcommit that nothing could place, and tags under binary translation', () => {
    const r = simulate({
      target: 'memory',
      host: { memoryPages: 10 },
      mmu: { mode: 'shadow', cpuVirtualization: 'binary-translation', tlbTags: true },
      overcommit: { reclaim: ['share'] },
      guests: [{ name: 'a', memoryPages: 20 }],
    });
    expect(r.errors.map((e) => e.path).sort()).toEqual(['mmu.tlbTags', 'overcommit.reclaim']);
  });
});
