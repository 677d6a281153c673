import { describe, expect, it } from 'vitest';
import { SIM_LIMITS } from '../../../core/sim/limits.ts';
import { simulate, simulateText } from '../../../core/sim/simulate.ts';
import { MAX_IMAGES } from '../../../core/sim/snapshot/schema.ts';
import type { SnapshotState } from '../../../core/sim/snapshot/state.ts';
import type { TraceEvent } from '../../../core/sim/trace.ts';

/** A run of `ops` on a 16-cluster base holding clusters 0 and 1; `extra` overrides the configuration. */
function run(ops: object[], extra: Record<string, unknown> = {}) {
  const r = simulate({
    target: 'snapshot',
    disk: {
      sizeClusters: 16,
      data: [
        { cluster: 0, data: 'a0' },
        { cluster: 1, data: 'b0' },
      ],
    },
    ops,
    ...extra,
  });
  expect(r.errors).toEqual([]);
  const state = r.state as SnapshotState;
  const at = (step: number) => r.events.filter((e) => e.step === step);
  return { state, events: r.events, at };
}

const detail = (e: TraceEvent) => (typeof e.detail === 'string' ? e.detail : e.detail?.en);
const ext = (name: string, overlay: string, more: object = {}) => ({ snapshot: name, overlay, ...more });

describe('snapshot target: write', () => {
  it('allocates a full-cluster write in the active overlay only, with nothing copied', () => {
    const { state, at } = run([ext('s', 'ov'), { write: 0, data: 'a1' }]);
    expect(state.images.ov.clusters).toEqual({ 0: 'a1' });
    expect(state.images.base.clusters[0]).toBe('a0');
    expect(at(1).map((e) => e.kind)).toEqual(['issue', 'allocate']);
    expect(state.counters.cowCopies).toBe(0);
  });

  it('copies the rest of the cluster from the backing image on a partial write, and says so', () => {
    const { state, at } = run([ext('s', 'ov'), { write: 1, data: 'b1', bytes: 4096 }]);
    const alloc = at(1).find((e) => e.kind === 'allocate')!;
    expect(detail(alloc)).toBe('cluster 1: new cluster, 61440 bytes copied from base');
    expect(alloc.note?.en).toMatch(/copy on write/);
    expect(
      at(1)
        .filter((e) => e.kind === 'lookup')
        .map((e) => e.actor),
    ).toEqual(['image:base']);
    expect(state.counters.cowCopies).toBe(1);
  });

  it('copies nothing on a partial write where no image below has the cluster', () => {
    const { state } = run([ext('s', 'ov'), { write: 5, data: 'x', bytes: 512 }]);
    expect(state.counters.cowCopies).toBe(0);
    expect(state.images.ov.clusters).toEqual({ 5: 'x' });
  });

  it('writes in place a cluster the active image owns alone', () => {
    const { state, at } = run([{ write: 0, data: 'a1' }]);
    expect(detail(at(0)[1])).toBe('cluster 0: in place');
    expect(state.images.base.allocatedClusters).toBe(2);
    expect(state.counters.allocations).toBe(2);
  });

  it('copies a cluster an internal snapshot shares (refcount 2) before writing it', () => {
    const { state, at } = run([
      { snapshot: 'i', type: 'internal' },
      { write: 0, data: 'a1', bytes: 100 },
    ]);
    const cow = at(1).find((e) => e.kind === 'cow')!;
    expect(detail(cow)).toBe(
      'cluster 0: new cluster (refcount 2 shared with a snapshot), 65436 bytes copied from base',
    );
    expect(state.images.base.allocatedClusters).toBe(3);
    expect(state.images.base.clusters[0]).toBe('a1');
  });
});

describe('snapshot target: read', () => {
  it('walks the chain top-down and stops at the first image that has the cluster', () => {
    const { at } = run([ext('s1', 'ov1'), { write: 1, data: 'b1' }, ext('s2', 'ov2'), { read: 1 }, { read: 0 }]);
    expect(
      at(3)
        .filter((e) => e.kind === 'lookup')
        .map((e) => e.actor),
    ).toEqual(['image:ov2', 'image:ov1']);
    expect(detail(at(3).at(-1)!)).toBe('b1 (from ov1)');
    expect(at(4).filter((e) => e.kind === 'lookup')).toHaveLength(3);
    expect(detail(at(4).at(-1)!)).toBe('a0 (from base)');
  });

  it('reads zeros where no image of the chain has the cluster', () => {
    const { at } = run([ext('s', 'ov'), { read: 9 }]);
    expect(detail(at(1).at(-1)!)).toBe('zeros (no image has it)');
  });
});

describe('snapshot target: snapshot', () => {
  it('external: puts an empty overlay on top and makes the old top its read-only backing file', () => {
    const { state } = run([ext('s', 'ov')]);
    expect(state.chain).toEqual(['ov', 'base']);
    expect(state.images.base).toMatchObject({ readOnly: true, status: 'backing' });
    expect(state.images.ov).toMatchObject({ readOnly: false, status: 'active', allocatedClusters: 0, backing: 'base' });
    expect(state.snapshots.s).toMatchObject({ type: 'external', image: 'base', consistency: 'crash-consistent' });
  });

  it('quiesce freezes and thaws the guest file systems through the agent around the snapshot', () => {
    const { state, at } = run([ext('s', 'ov', { quiesce: true })], { vm: { guestAgent: true } });
    expect(at(0).map((e) => e.kind)).toEqual(['fsfreeze', 'snapshot', 'fsthaw']);
    expect(state.snapshots.s.consistency).toBe('quiesced');
  });

  it('quiesce without a guest agent is refused, with a fix', () => {
    const { state, at } = run([ext('s', 'ov', { quiesce: true })]);
    expect(at(0)).toHaveLength(1);
    expect(at(0)[0]).toMatchObject({ outcome: 'failed', fix: { en: expect.stringMatching(/guestAgent/) } });
    expect(state.snapshots).toEqual({});
    expect(state.chain).toEqual(['base']);
  });

  it('a memory snapshot saves the VM state as well', () => {
    const { state, at } = run([ext('s', 'ov', { memory: true })]);
    expect(at(0)[0]).toMatchObject({ kind: 'vmstate', actor: 'vmm:qemu' });
    expect(state.snapshots.s).toMatchObject({ memory: true, consistency: 'with-memory' });
  });

  it('internal: copies the table and shares every cluster (no new cluster), refused for a name taken', () => {
    const { state, at } = run([
      { snapshot: 'i', type: 'internal' },
      { snapshot: 'i', type: 'internal' },
    ]);
    expect(detail(at(0)[0])).toBe('base: L1 copied to the snapshot table, 2 refcounts +1');
    expect(state.images.base).toMatchObject({ allocatedClusters: 2, internalSnapshots: ['i'] });
    expect(at(1)[0]).toMatchObject({ outcome: 'denied' });
  });

  it('refuses an overlay name that is already an image', () => {
    const { at } = run([ext('s', 'ov'), ext('t', 'base')]);
    expect(at(1)[0]).toMatchObject({ kind: 'error', outcome: 'denied' });
  });
});

describe('snapshot target: commit', () => {
  const chain = [ext('s1', 'ov1'), { write: 1, data: 'b1' }, ext('s2', 'ov2'), { write: 2, data: 'c2' }];

  it('active commit merges the top down, signals ready, pivots, and leaves the top invalid', () => {
    const { state, at } = run([...chain, { commit: 'ov2' }]);
    expect(at(4).map((e) => e.kind)).toEqual(['block-commit', 'job-ready', 'pivot', 'complete']);
    expect(state.chain).toEqual(['ov1', 'base']);
    expect(state.images.ov1).toMatchObject({ status: 'active', readOnly: false, clusters: { 1: 'b1', 2: 'c2' } });
    expect(state.images.ov2).toMatchObject({ status: 'invalid', allocatedClusters: 0 });
    expect(state.snapshots.s2.valid).toBe(false);
    expect(state.snapshots.s1.valid).toBe(true);
  });

  it('commit of an intermediate image rebases the overlay above onto the base', () => {
    const { state, at } = run([...chain, { commit: 'ov1' }]);
    expect(at(4).map((e) => e.kind)).toEqual(['block-commit', 'rebase', 'complete']);
    expect(state.chain).toEqual(['ov2', 'base']);
    expect(state.images.base).toMatchObject({ readOnly: true, clusters: { 0: 'a0', 1: 'b1' } });
    expect(state.snapshots.s1.valid).toBe(false);
  });

  it('is refused for an image without a backing file, or a base above the top', () => {
    const { state, at } = run([...chain, { commit: 'base' }, { commit: 'ov1', base: 'ov2' }]);
    expect(at(4)[0]).toMatchObject({ kind: 'error', outcome: 'denied' });
    expect(at(5)[0]).toMatchObject({ kind: 'error', outcome: 'denied' });
    expect(state.chain).toEqual(['ov2', 'ov1', 'base']);
  });
});

describe('snapshot target: stream', () => {
  it('copies the chain up into the overlay and leaves the images below valid, out of the chain', () => {
    const { state } = run([ext('s1', 'ov1'), { write: 1, data: 'b1' }, ext('s2', 'ov2'), { stream: 'ov2' }]);
    expect(state.chain).toEqual(['ov2']);
    expect(state.images.ov2).toMatchObject({ backing: null, clusters: { 0: 'a0', 1: 'b1' } });
    expect(state.images.ov1.status).toBe('detached');
    expect(state.images.base.status).toBe('detached');
    expect(state.snapshots.s1.valid && state.snapshots.s2.valid).toBe(true);
  });

  it('with a base, stops there and rebases onto it', () => {
    const { state } = run([
      ext('s1', 'ov1'),
      { write: 1, data: 'b1' },
      ext('s2', 'ov2'),
      { stream: 'ov2', base: 'base' },
    ]);
    expect(state.chain).toEqual(['ov2', 'base']);
    expect(state.images.ov2.clusters).toEqual({ 1: 'b1' });
  });
});

describe('snapshot target: revert and delete', () => {
  it('external revert discards the overlays above the frozen image and puts a fresh overlay on it', () => {
    const { state, at } = run([ext('s1', 'ov1'), { write: 0, data: 'a1' }, ext('s2', 'ov2'), { revert: 's1' }]);
    expect(detail(at(3)[0])).toBe('discard ov2, ov1; new overlay ov1 on base');
    expect(at(3)[1]).toMatchObject({ kind: 'boot' });
    expect(state.chain).toEqual(['ov1', 'base']);
    expect(state.images.ov1.allocatedClusters).toBe(0);
    expect(state.images.ov2.status).toBe('discarded');
    expect(state.snapshots.s2.valid).toBe(false);
    expect(state.guestView).toEqual({ 0: 'a0', 1: 'b0' });
  });

  it('internal revert restores the table; deleting the snapshot then frees what only it held', () => {
    const { state, at } = run([
      { snapshot: 'i', type: 'internal' },
      { write: 0, data: 'a1' },
      { write: 3, data: 'd1' },
      { revert: 'i' },
      { delete: 'i' },
    ]);
    expect(state.guestView).toEqual({ 0: 'a0', 1: 'b0' });
    expect(detail(at(4)[0])).toBe('base: refcounts −1, 0 clusters freed');
    expect(state.images.base).toMatchObject({ allocatedClusters: 2, internalSnapshots: [] });
  });

  it('deleting an internal snapshot frees the clusters the image no longer maps', () => {
    const { state, at } = run([{ snapshot: 'i', type: 'internal' }, { write: 0, data: 'a1' }, { delete: 'i' }]);
    expect(detail(at(2)[0])).toBe('base: refcounts −1, 1 clusters freed');
    expect(state.images.base.allocatedClusters).toBe(2);
  });

  it('refuses an internal revert outside the active image, an unknown snapshot, and an invalid one', () => {
    const { at } = run([
      { snapshot: 'i', type: 'internal' },
      ext('s', 'ov'),
      { revert: 'i' },
      { revert: 'nope' },
      { commit: 'ov' },
      { revert: 's' },
    ]);
    for (const step of [2, 3, 5]) expect(at(step)[0]).toMatchObject({ kind: 'error', outcome: 'denied' });
  });

  it('deleting an external snapshot drops only its metadata', () => {
    const { state } = run([ext('s', 'ov'), { delete: 's' }]);
    expect(state.snapshots).toEqual({});
    expect(state.chain).toEqual(['ov', 'base']);
  });
});

describe('snapshot target: thin pool', () => {
  const pool = { pool: { name: 'lun', capacityClusters: 3 } };

  it('an overlay that grows past the pool fails the write and pauses the VM; a revert frees it and resumes', () => {
    const { state, at } = run(
      [
        ext('s', 'ov', { memory: true }),
        { write: 5, data: 'x' },
        { write: 6, data: 'y' },
        { read: 5 },
        { revert: 's' },
      ],
      pool,
    );
    expect(at(2)[1]).toMatchObject({ kind: 'pool-full', outcome: 'failed', actor: 'lun:lun' });
    expect(at(3)[0]).toMatchObject({ outcome: 'denied' });
    expect(at(4).map((e) => e.kind)).toEqual(['revert', 'vmstate']);
    expect(state.vm.status).toBe('running');
    expect(state.pool).toEqual({ name: 'lun', capacityClusters: 3, usedClusters: 2, freeClusters: 1 });
  });

  it('a stream that needs more than the pool has fails and leaves the chain as it was', () => {
    const { state, at } = run([ext('s', 'ov'), { write: 5, data: 'x' }, { stream: 'ov' }], pool);
    expect(at(2).map((e) => e.kind)).toEqual(['block-stream', 'pool-full']);
    expect(state.chain).toEqual(['ov', 'base']);
    expect(state.images.ov.allocatedClusters).toBe(1);
  });

  it('virtual size is not allocation: allocated bytes count written clusters only', () => {
    const { state } = run([], pool);
    expect(state.images.base).toMatchObject({ virtualBytes: 16 * 65_536, allocatedBytes: 2 * 65_536 });
  });
});

describe('snapshot target: configuration errors', () => {
  it('reports clusters outside the disk, duplicates, a missing overlay, an internal overlay, a small pool', () => {
    const r = simulate({
      target: 'snapshot',
      pool: { name: 'p', capacityClusters: 1 },
      disk: {
        sizeClusters: 4,
        data: [
          { cluster: 0, data: 'a' },
          { cluster: 0, data: 'b' },
        ],
      },
      ops: [
        { write: 4, data: 'x' },
        { read: 9 },
        { snapshot: 's' },
        { snapshot: 't', type: 'internal', overlay: 'o' },
        { write: 1, data: 'x', bytes: 70_000 },
      ],
    });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.path)).toEqual([
      'disk.data[1].cluster',
      'pool.capacityClusters',
      'ops[0].write',
      'ops[1].read',
      'ops[2].overlay',
      'ops[3].overlay',
      'ops[4].bytes',
    ]);
    for (const e of r.errors) expect(e.message.ko && e.message.en).toBeTruthy();
  });

  it('bounds the images before running', () => {
    const ops = Array.from({ length: MAX_IMAGES }, (_, i) => ext(`s${i}`, `o${i}`));
    const r = simulate({ target: 'snapshot', disk: { sizeClusters: 1 }, ops });
    expect(r.errors.map((e) => e.path)).toEqual([`ops[${MAX_IMAGES - 1}].overlay`]);
    expect(r.events).toEqual([]);
    expect(simulate({ target: 'snapshot', disk: { sizeClusters: 1 }, ops: ops.slice(1) }).ok).toBe(true);
  });

  it('refuses more ops than the limit', () => {
    const r = simulate(
      { target: 'snapshot', disk: { sizeClusters: 1 }, ops: [{ read: 0 }, { read: 0 }] },
      { limits: { ...SIM_LIMITS, maxOps: 1 } },
    );
    expect(r.errors.map((e) => e.path)).toEqual(['ops']);
  });

  it('gives the line of a bad cluster size and of a typo, in both languages', () => {
    const r = simulateText(
      ['target: snapshot', 'clusterSize: 1000', 'disk: { sizeClusters: 2 }', 'ops:', '  - { raed: 1 }'].join('\n'),
    );
    expect(r.errors.map((e) => [e.path, e.line])).toEqual([
      ['clusterSize', 2],
      ['ops[0]', 5],
    ]);
    expect(r.errors[0].message).toMatchObject({
      ko: expect.stringMatching(/2의 거듭제곱/),
      en: expect.stringMatching(/power of two/),
    });
  });
});
