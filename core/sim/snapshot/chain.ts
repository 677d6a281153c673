import { msg, type Msg } from '../../i18n.ts';
import type { Trace, TraceEventInput } from '../trace.ts';
import type { SnapshotConfig } from './schema.ts';
import type { ImageStatus, SnapshotEntry, SnapshotState } from './state.ts';

/**
 * A host cluster. Images map guest clusters to these (qcow2 docs/interop/qcow2.rst: guest offset → L1 → L2 → data
 * cluster); `refcount` counts the tables that map it, so an internal snapshot shares it (refcount ≥ 2 = copy on write).
 */
export interface HostCluster {
  data: string;
  refcount: number;
}

/** A guest cluster → host cluster table: the L1/L2 mapping of one image or of one internal snapshot. */
export type Table = Map<number, HostCluster>;

export interface InternalSnapshot {
  name: string;
  table: Table;
}

export interface Image {
  name: string;
  backing: string | null;
  readOnly: boolean;
  table: Table;
  internal: InternalSnapshot[];
  /** invalid: merged away by a commit; discarded: dropped by a revert. */
  gone: 'invalid' | 'discarded' | null;
}

/** Work units per cluster a job or a table copy touches (calibrated by `npm run bench`, figure 7). */
export const CLUSTER_WORK = 8;

/** Everything a snapshot run holds between two ops. */
export class SnapshotRun {
  readonly images = new Map<string, Image>();
  readonly snapshots = new Map<string, SnapshotEntry>();
  active: string;
  /** Host clusters in use, all images together: what the thin pool has handed out. */
  used = 0;
  /** The op being run, as the trace names it. */
  op = 'image.create';
  vm: SnapshotState['vm'];
  readonly counters: SnapshotState['counters'] = {
    reads: 0,
    writes: 0,
    lookups: 0,
    allocations: 0,
    cowCopies: 0,
    failures: 0,
  };

  constructor(
    readonly config: SnapshotConfig,
    readonly trace: Trace,
  ) {
    this.vm = { name: config.vm.name, status: 'running', reason: null };
    const base = this.addImage(config.disk.name, null);
    trace.spend(CLUSTER_WORK * config.disk.data.length);
    // The check refuses a cluster written twice, so each is one new host cluster.
    for (const d of config.disk.data) base.table.set(d.cluster, this.allocate(d.data));
    this.active = base.name;
  }

  addImage(name: string, backing: string | null): Image {
    const image: Image = { name, backing, readOnly: false, table: new Map(), internal: [], gone: null };
    this.images.set(name, image);
    return image;
  }

  image(name: string): Image | undefined {
    const i = this.images.get(name);
    return i && !i.gone ? i : undefined;
  }

  /** The backing chain from `top` down (every image in it exists: only a whole chain top is ever removed). */
  chainFrom(top: string): Image[] {
    const out: Image[] = [];
    for (let i = this.image(top); i; i = i.backing === null ? undefined : this.image(i.backing)) out.push(i);
    return out;
  }

  get chain(): Image[] {
    return this.chainFrom(this.active);
  }

  emit(e: Omit<TraceEventInput, 'op'>, op: string): void {
    this.trace.emit({ subject: this.config.vm.name, ...e, op });
  }

  /** Take `n` clusters from the thin pool; false (and a failure event) when it has fewer free. */
  reserve(n: number, op: string, fix: Msg): boolean {
    const pool = this.config.pool;
    if (!pool || this.used + n <= pool.capacityClusters) return true;
    this.counters.failures++;
    this.emit(
      {
        actor: `lun:${pool.name}`,
        lane: 'hardware',
        kind: 'pool-full',
        outcome: 'failed',
        detail: `${n} clusters needed, ${pool.capacityClusters - this.used} free of ${pool.capacityClusters}`,
        note: msg(
          `씬 프로비저닝된 풀 '${pool.name}'이(가) 가득 찼습니다(ENOSPC): 가상 크기는 약속일 뿐, 클러스터는 쓸 때 할당됩니다.`,
          `The thin pool '${pool.name}' is full (ENOSPC): virtual size is a promise; clusters are allocated on write.`,
        ),
        fix,
      },
      op,
    );
    return false;
  }

  /** A host cluster for `data`, counted against the pool (the caller reserved it). */
  allocate(data: string): HostCluster {
    this.used++;
    this.counters.allocations++;
    return { data, refcount: 1 };
  }

  /** One table stops mapping `c`; the host cluster is freed when no table maps it any more. */
  release(c: HostCluster): void {
    c.refcount--;
    if (c.refcount === 0) this.used--;
  }

  releaseTable(table: Table): void {
    this.trace.spend(CLUSTER_WORK * table.size);
    for (const c of table.values()) this.release(c);
    table.clear();
  }

  /** Remove an image from use: its clusters go back to the pool, and snapshots that pointed at it are no longer valid. */
  drop(image: Image, why: 'invalid' | 'discarded'): void {
    this.releaseTable(image.table);
    for (const s of image.internal) this.releaseTable(s.table);
    for (const s of image.internal) this.snapshots.delete(s.name);
    image.internal = [];
    image.gone = why;
    this.invalidate(image.name);
  }

  /** External snapshots frozen at `image` no longer describe what it holds. */
  invalidate(image: string): void {
    for (const s of this.snapshots.values()) if (s.type === 'external' && s.image === image) s.valid = false;
  }

  /** The first image of the chain below `from` (inclusive) that maps cluster `c`, tracing each lookup. */
  lookup(from: Image[], c: number, op: string): Image | undefined {
    for (const image of from) {
      this.counters.lookups++;
      const hit = image.table.has(c);
      this.emit(
        {
          actor: `image:${image.name}`,
          lane: 'hardware',
          kind: 'lookup',
          detail: `cluster ${c}: ${hit ? 'allocated' : image.backing ? `unallocated → backing ${image.backing}` : 'unallocated'}`,
        },
        op,
      );
      if (hit) return image;
    }
    return undefined;
  }

  status(image: Image, inChain: Set<string>): ImageStatus {
    if (image.gone) return image.gone;
    if (image.name === this.active) return 'active';
    return inChain.has(image.name) ? 'backing' : 'detached';
  }
}
