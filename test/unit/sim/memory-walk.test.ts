import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  LEVELS,
  PAGE_SIZES,
  shadowLevels,
  twoDimensionalReferences,
  twoDimensionalSteps,
} from '../../../core/sim/memory/page-walk.ts';
import { tlbLookup } from '../../../core/sim/memory/tlb.ts';
import { exitReason } from '../../../core/sim/memory/exits.ts';

describe('page walks', () => {
  it('4-level guest over 4-level EPT takes 24 references; large pages shorten it (19, 15, 8)', () => {
    expect(twoDimensionalReferences(4, 4)).toBe(24);
    expect(twoDimensionalReferences(LEVELS['4KiB'], LEVELS['2MiB'])).toBe(19);
    expect(twoDimensionalReferences(LEVELS['2MiB'], LEVELS['2MiB'])).toBe(15);
    expect(twoDimensionalReferences(LEVELS['1GiB'], LEVELS['1GiB'])).toBe(8);
  });

  it('the walk the trace shows adds up to (n+1)(m+1)−1: n guest reads, each after an m-step nested walk, and m for the data', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), (n, m) => {
        const steps = twoDimensionalSteps(n, m, 'EPT');
        expect(steps).toHaveLength(n + 1);
        const total = steps.reduce((a, s) => a + s.references, 0);
        expect(total).toBe(n * (m + 1) + m);
        expect(total).toBe(twoDimensionalReferences(n, m));
        // Never cheaper than a native walk, and growing with either dimension.
        expect(total).toBeGreaterThanOrEqual(n);
        expect(twoDimensionalReferences(n + 1, m)).toBeGreaterThan(total);
        expect(twoDimensionalReferences(n, m + 1)).toBeGreaterThan(total);
      }),
    );
  });

  it('a shadow table walks as natively, at the smaller of the guest and host page sizes', () => {
    for (const g of PAGE_SIZES)
      for (const h of PAGE_SIZES) expect(shadowLevels(g, h)).toBe(Math.max(LEVELS[g], LEVELS[h]));
    expect(shadowLevels('2MiB', '2MiB')).toBe(3);
    expect(shadowLevels('1GiB', '4KiB')).toBe(4);
  });
});

describe('the TLB model', () => {
  it('misses only what is not cached, and every access when the pages exceed its capacity', () => {
    fc.assert(
      fc.property(
        fc.nat(100),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 128 }),
        (cached0, pages, capacity) => {
          const cached = Math.min(cached0, capacity);
          const r = tlbLookup(cached, pages, capacity);
          expect(r.cached).toBeLessThanOrEqual(capacity);
          if (pages > capacity) expect(r.misses).toBe(pages);
          else {
            expect(r.misses).toBe(Math.max(0, pages - cached));
            // Touching the same pages again hits.
            expect(tlbLookup(r.cached, pages, capacity).misses).toBe(0);
          }
        },
      ),
    );
  });
});

describe('exit reasons', () => {
  it('name the Intel and AMD exits by their numbers in vmx.h and svm.h', () => {
    expect(exitReason('intel', 'nestedFault', false)).toEqual({ name: 'EPT_VIOLATION', number: 48 });
    expect(exitReason('intel', 'mmio', false)).toEqual({ name: 'EPT_MISCONFIG', number: 49 });
    expect(exitReason('intel', 'cr3', true)).toEqual({ name: 'CR_ACCESS', number: 28 });
    expect(exitReason('amd', 'nestedFault', false).number).toBe(0x400);
    expect(exitReason('amd', 'pageFault', true).number).toBe(0x40 + 14);
    // Under shadow paging there is no nested table: a host-side fault is an intercepted #PF.
    expect(exitReason('intel', 'nestedFault', true).name).toBe('EXCEPTION_NMI');
  });
});

describe('host swap victims', () => {
  it('take exactly what is short (or all there is), never more than a guest holds, from the largest first', async () => {
    const { swapPlan } = await import('../../../core/sim/memory/host-swap.ts');
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 8 }), fc.nat(5000), (resident, short) => {
        const take = swapPlan(resident, short);
        const total = resident.reduce((a, b) => a + b, 0);
        expect(take.reduce((a, b) => a + b, 0)).toBe(Math.min(short, total));
        take.forEach((t) => expect(t).toBeGreaterThanOrEqual(0));
        take.forEach((t, i) => expect(t).toBeLessThanOrEqual(resident[i]));
        // Water-filling: a guest that lost pages keeps at least as many as any guest that lost none, less the odd page.
        const left = resident.map((r, i) => r - take[i]);
        const touched = left.filter((_, i) => take[i] > 0);
        const untouched = left.filter((_, i) => take[i] === 0);
        if (touched.length && untouched.length)
          expect(Math.min(...touched) + 1).toBeGreaterThanOrEqual(Math.max(...untouched));
      }),
    );
  });
});
