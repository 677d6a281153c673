import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../core/sim/simulate.ts';
import type { SnapshotState } from '../../../core/sim/snapshot/state.ts';
import type { TraceEvent } from '../../../core/sim/trace.ts';
import { snapshotConfig } from './snapshot-generators.ts';

type Config = ReturnType<typeof snapshotConfig> extends fc.Arbitrary<infer C> ? C : never;
type View = Record<string, string>;

const failedAt = (events: TraceEvent[], step: number) =>
  events.some((e) => e.step === step && (e.outcome === 'denied' || e.outcome === 'failed'));

/**
 * A model of what the guest sees, with no chain at all: one map from cluster to the last write. A snapshot keeps a
 * copy; a revert the simulator carried out brings that copy back; commit, stream and delete change nothing. Where
 * the simulator refused an op (in its trace), the model skips it too.
 */
function model(config: Config, events: TraceEvent[]) {
  let view: View = Object.fromEntries(config.disk.data.map((d) => [d.cluster, d.data]));
  const saved = new Map<string, View>();
  const reads: Array<{ step: number; expect: string }> = [];
  config.ops.forEach((op, step) => {
    const ok = !failedAt(events, step);
    if ('write' in op && ok) view = { ...view, [op.write]: op.data };
    if ('read' in op && ok) reads.push({ step, expect: view[op.read] ?? 'zeros' });
    if ('snapshot' in op && ok) saved.set(op.snapshot, view);
    if ('revert' in op && ok) view = saved.get(op.revert)!;
    if ('delete' in op && ok) saved.delete(op.delete);
  });
  return { view, reads };
}

const readResult = (events: TraceEvent[], step: number) => {
  const last = events.filter((e) => e.step === step && e.kind === 'complete').at(-1)!;
  return String(last.detail).split(' ')[0];
};

describe('snapshot target properties', () => {
  it('reads return the latest write through any chain of snapshots, commits, streams and reverts', () => {
    fc.assert(
      fc.property(snapshotConfig(false), (config) => {
        const r = simulate(config);
        expect(r.errors).toEqual([]);
        const { view, reads } = model(config, r.events);
        for (const read of reads) expect(readResult(r.events, read.step)).toBe(read.expect);
        expect((r.state as SnapshotState).guestView).toEqual(view);
      }),
      { numRuns: 400 },
    );
  });

  it('commit and stream leave what the guest reads unchanged', () => {
    fc.assert(
      fc.property(snapshotConfig(false), fc.nat(), fc.boolean(), (config, i, useCommit) => {
        const before = simulate(config).state as SnapshotState;
        const top = before.chain[i % before.chain.length];
        const job = useCommit ? { commit: top } : { stream: top };
        const r = simulate({ ...config, ops: [...config.ops, job] });
        expect((r.state as SnapshotState).guestView).toEqual(before.guestView);
      }),
      { numRuns: 300 },
    );
  });

  it('a revert restores the disk as the snapshot saw it', () => {
    fc.assert(
      fc.property(snapshotConfig(false), fc.boolean(), (config, internal) => {
        const snap = internal ? { snapshot: 'x', type: 'internal' } : { snapshot: 'x', overlay: 'ovx' };
        const at = simulate({ ...config, ops: [...config.ops, snap] });
        const r = simulate({ ...config, ops: [...config.ops, snap, { write: 0, data: 'later' }, { revert: 'x' }] });
        const n = config.ops.length;
        // Internal snapshots revert only in the image that holds them, which the write above does not change.
        expect(failedAt(r.events, n + 2)).toBe(false);
        expect((r.state as SnapshotState).guestView).toEqual((at.state as SnapshotState).guestView);
      }),
      { numRuns: 300 },
    );
  });

  it('with a thin pool, the pool counts exactly the clusters of the images still in use and never overflows', () => {
    fc.assert(
      fc.property(snapshotConfig(true), (config) => {
        const r = simulate(config);
        expect(r.errors).toEqual([]);
        const s = r.state as SnapshotState;
        const live = Object.values(s.images).filter((i) => i.status !== 'invalid' && i.status !== 'discarded');
        expect(s.pool!.usedClusters).toBe(live.reduce((n, i) => n + i.allocatedClusters, 0));
        expect(s.pool!.usedClusters).toBeLessThanOrEqual(config.pool!.capacityClusters);
        // A write refused for space pauses the VM: no guest I/O succeeds until a revert resumes it.
        let paused = false;
        config.ops.forEach((op, step) => {
          if (paused && ('read' in op || 'write' in op)) expect(failedAt(r.events, step)).toBe(true);
          if ('revert' in op && !failedAt(r.events, step)) paused = false;
          if (r.events.some((e) => e.step === step && e.kind === 'pool-full' && e.op === 'snap.write')) paused = true;
        });
        expect(s.vm.status).toBe(paused ? 'paused' : 'running');
      }),
      { numRuns: 300 },
    );
  });
});
