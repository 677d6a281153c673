import { describe, expect, it } from 'vitest';
import { TEXT_LIMITS } from '../../../core/config-text.ts';
import { NS_PER_WORK_UNIT, SIM_LIMITS } from '../../../core/sim/limits.ts';
import { SIMULATORS } from '../../../core/sim/registry.ts';
import { simulate, simulateText } from '../../../core/sim/simulate.ts';
import type { AnySimulator } from '../../../core/sim/target.ts';
import { RAID_LEVELS, LEVEL_INFO } from '../../../core/sim/storage/raid-levels.ts';
import { storageSimulator } from '../../../core/sim/storage/index.ts';
import { stateWork } from '../../../core/sim/storage/work.ts';
import { limitMessage } from '../../../core/sim/trace.ts';
import { TIME_BOUND_MS, WORST_CASES } from '../../bench/sim-worst-case.ts';

/**
 * The work budget bounds time (issue #13): bounded here by counters, not by the clock. The calibration itself
 * (how many nanoseconds a unit is) is measured by `npm run bench` with the same worst cases.
 */
describe('work budget', () => {
  it('stands for at most the time bound of one run', () => {
    expect((SIM_LIMITS.maxWork * NS_PER_WORK_UNIT) / 1e6).toBeLessThanOrEqual(TIME_BOUND_MS);
  });

  it('refuses the 40-disk × 16,384-block RAID-2 array before running it', () => {
    const disks = Array.from({ length: 40 }, (_, i) => `d${i}`);
    const r = simulate({
      target: 'storage',
      disks: { count: 40, sizeBlocks: 16_384 },
      arrays: [{ name: 'big', level: 2, disks }],
    });
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([{ path: 'arrays[0]', message: limitMessage('maxWork', SIM_LIMITS.maxWork) }]);
    expect(r.events).toEqual([]);
    expect(r.stats.work).toBe(0);
  });

  it.each(RAID_LEVELS)('charges RAID-%s its calibrated work for every stripe unit it reads back', (level) => {
    const n = LEVEL_INFO[level].minDisks + 2;
    const config = {
      target: 'storage',
      blockSize: 4,
      disks: { count: n, sizeBlocks: 6 },
      arrays: [{ name: 'a', level, disks: Array.from({ length: n }, (_, i) => `d${i}`) }],
    };
    const r = simulate(config);
    expect(r.ok).toBe(true);
    // One event (array.create), then the final read-back of every data unit.
    expect(r.stats.events).toBe(1);
    expect(r.stats.work).toBe((storageSimulator.eventWork ?? 1) + stateWork(level, n, 24, 4));
  });

  it('refuses, before running, arrays whose read-back alone passes the budget, and accepts one just under', () => {
    const run = (sizeBlocks: number) =>
      simulate({
        target: 'storage',
        blockSize: 1,
        disks: { count: 4, sizeBlocks },
        arrays: [{ name: 'a', level: 5, disks: ['d0', 'd1', 'd2', 'd3'] }],
      });
    const perBlock = stateWork(5, 4, 1, 1);
    // Room for the read-back and the one event of the run.
    const fits = Math.floor((SIM_LIMITS.maxWork - (storageSimulator.eventWork ?? 1)) / perBlock);
    expect(run(fits).ok).toBe(true);
    expect(run(Math.floor(SIM_LIMITS.maxWork / perBlock) + 1)).toMatchObject({
      ok: false,
      events: [],
      errors: [{ path: 'arrays[0]' }],
    });
  });

  describe.each(WORST_CASES.map((c) => [c.what, c] as const))('worst case: %s', (_, c) => {
    const text = JSON.stringify(c.config);
    const r = simulateText(text);
    const simulator: AnySimulator = SIMULATORS[c.target];
    const eventWork = simulator.eventWork ?? 1;

    it('is an accepted configuration (within the text limits, valid, past the check)', () => {
      expect(text.length).toBeLessThanOrEqual(TEXT_LIMITS.maxBytes);
      // Refused only by a run-time limit, after running: never by validation.
      expect(r.events.length).toBeGreaterThan(0);
      for (const e of r.errors) expect(e.message.en).toMatch(/^The simulation limit was exceeded/);
    });

    it('stays within the work budget, and its events within what the budget pays for', () => {
      expect(r.stats.work).toBeLessThanOrEqual(SIM_LIMITS.maxWork);
      expect(r.stats.events * eventWork).toBeLessThanOrEqual(SIM_LIMITS.maxWork);
    });
  });
});
