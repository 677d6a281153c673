import fc from 'fast-check';

/**
 * Random snapshot configurations that are mostly valid: a small disk, ops on its clusters, snapshots with fresh
 * names and overlays, and commits, streams, reverts and deletes that name images and snapshots the run may have
 * (or no longer have: the simulator refuses those in the trace). `pool` adds a thin pool that may run out.
 */
const SIZE = 6;
const IMAGES = ['base', 'ov0', 'ov1', 'ov2', 'ov3', 'ov4'];
const SNAPS = ['s0', 's1', 's2', 's3', 's4'];

const op = fc.oneof(
  fc.record({
    write: fc.nat(SIZE - 1),
    data: fc.constantFrom('a', 'b', 'c', 'd'),
    bytes: fc.constantFrom(512, 65_536),
  }),
  fc.record({ read: fc.nat(SIZE - 1) }),
  fc
    .tuple(fc.nat(SNAPS.length - 1), fc.boolean(), fc.boolean(), fc.boolean())
    .map(([i, internal, memory, quiesce]) =>
      internal
        ? { snapshot: SNAPS[i], type: 'internal', memory, quiesce }
        : { snapshot: SNAPS[i], overlay: IMAGES[i + 1], memory, quiesce },
    ),
  fc.record({ commit: fc.constantFrom(...IMAGES) }, { requiredKeys: ['commit'] }),
  fc.record({ commit: fc.constantFrom(...IMAGES), base: fc.constantFrom(...IMAGES) }),
  fc.record({ stream: fc.constantFrom(...IMAGES) }),
  fc.record({ stream: fc.constantFrom(...IMAGES), base: fc.constantFrom(...IMAGES) }),
  fc.record({ revert: fc.constantFrom(...SNAPS) }),
  fc.record({ delete: fc.constantFrom(...SNAPS) }),
);

export const snapshotOps = fc.array(op, { maxLength: 30 });

export const snapshotConfig = (pool: boolean) =>
  fc
    .record({
      data: fc.uniqueArray(fc.nat(SIZE - 1), { maxLength: SIZE }),
      agent: fc.boolean(),
      capacity: fc.integer({ min: SIZE, max: 3 * SIZE }),
      ops: snapshotOps,
    })
    .map((r) => ({
      target: 'snapshot',
      vm: { name: 'vm', guestAgent: r.agent },
      ...(pool ? { pool: { name: 'lun', capacityClusters: r.capacity } } : {}),
      disk: { name: 'base', sizeClusters: SIZE, data: r.data.map((cluster) => ({ cluster, data: `init${cluster}` })) },
      ops: r.ops,
    }));
