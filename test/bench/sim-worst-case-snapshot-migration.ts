import { TEXT_LIMITS } from '../../core/config-text.ts';
import { SIM_LIMITS } from '../../core/sim/limits.ts';
import { MAX_ROUNDS } from '../../core/sim/migration/schema.ts';
import { MAX_CLUSTERS, MAX_IMAGES } from '../../core/sim/snapshot/schema.ts';
import type { WorstCase } from './sim-worst-case.ts';

/**
 * The most work the snapshot and migration targets accept (sim-worst-case.ts times them against the 50 ms bound;
 * work-budget.test.ts checks they are accepted).
 */

/** Ops appended while the configuration stays within the text limit (and the op limit). */
function fill(config: { ops: object[] }, op: (i: number) => object): void {
  const room = TEXT_LIMITS.maxBytes - 64;
  for (let i = 0, size = JSON.stringify(config).length; config.ops.length < SIM_LIMITS.maxOps; i++) {
    const next = JSON.stringify(op(i)).length + 1;
    if (size + next > room) break;
    config.ops.push(op(i));
    size += next;
  }
}

/** A base disk with as many written clusters as leave a quarter of the text for ops. */
function fullDisk(): { sizeClusters: number; data: Array<{ cluster: number; data: string }> } {
  const data: Array<{ cluster: number; data: string }> = [];
  while (JSON.stringify(data).length < (TEXT_LIMITS.maxBytes * 3) / 4) data.push({ cluster: data.length, data: 'x' });
  return { sizeClusters: MAX_CLUSTERS, data };
}

const snapshot = (what: string, disk: object, ops: (i: number) => object, start: object[] = []): WorstCase => {
  const config = { target: 'snapshot', disk, ops: [...start] };
  fill(config, ops);
  return { target: 'snapshot', what: `snapshot, ${what}`, config };
};

const overlays = Array.from({ length: MAX_IMAGES - 1 }, (_, i) => ({ snapshot: `s${i}`, overlay: `o${i}` }));

export const snapshotWorstCases = (): WorstCase[] => [
  // Every internal snapshot copies the whole table and raises every refcount; every delete lowers them again.
  snapshot('internal snapshots of a full table', fullDisk(), (i) =>
    i % 2 ? { delete: `i${i >> 1}` } : { snapshot: `i${i >> 1}`, type: 'internal' },
  ),
  // Stream pulls the full base up into the overlay; the revert discards it and puts an empty overlay back.
  snapshot('stream and revert of a full disk', fullDisk(), (i) => (i % 2 ? { revert: 'k' } : { stream: 'o' }), [
    { snapshot: 'k', overlay: 'o' },
  ]),
  // Reads of a cluster no image has walk the longest chain to its end.
  snapshot('reads through a 16-image chain', { sizeClusters: MAX_CLUSTERS }, () => ({ read: 7 }), overlays),
];

/** Migration: the most rounds, each throttling the guest a step more, with the most devices. */
export const migrationWorstCases = (): WorstCase[] => [
  {
    target: 'migration',
    what: `migration, ${MAX_ROUNDS} pre-copy rounds with auto-converge`,
    config: {
      target: 'migration',
      vm: {
        name: 'vm',
        memoryPages: 2 ** 40,
        dirtyRate: 2 ** 40,
        devices: Array.from({ length: 16 }, (_, i) => ({ name: `d${i}`, kind: 'virtio-net' })),
      },
      link: { bandwidth: 1 },
      migration: {
        maxDowntimeMs: 0,
        maxRounds: MAX_ROUNDS,
        autoConverge: { initial: 1, increment: 1, max: 99, triggerThreshold: 1 },
      },
    },
  },
];
