import * as z from 'zod';
import { opUnion } from '../op-union.ts';
import { msg } from '../../i18n.ts';
import { bilingual } from '../../validation.ts';
import { RecordName as Name } from '../record-name.ts';

/**
 * qcow2 cluster sizes (QEMU docs/interop/qcow2.rst: `cluster_bits` ≥ 9, and QEMU supports clusters up to 2 MB;
 * block/qcow2.h `DEFAULT_CLUSTER_SIZE` 65536). The simulator counts clusters, so the size only scales bytes.
 */
export const MIN_CLUSTER_SIZE = 512;
export const MAX_CLUSTER_SIZE = 2 * 1024 * 1024;
export const DEFAULT_CLUSTER_SIZE = 65_536;

/** Simulator bounds (not qcow2 facts): images that may exist at once, virtual clusters per disk, snapshots held. */
export const MAX_IMAGES = 16;
export const MAX_CLUSTERS = 4096;
export const MAX_SNAPSHOTS = 32;

const Cluster = z
  .number()
  .int()
  .min(0)
  .max(MAX_CLUSTERS - 1);
/** What the guest wrote, as a label: the simulator follows which write a cluster holds, not its bytes. */
const Data = z.string().min(1).max(40);

const ClusterSize = z
  .number()
  .int()
  .min(MIN_CLUSTER_SIZE)
  .max(MAX_CLUSTER_SIZE)
  .refine((n) => (n & (n - 1)) === 0, {
    error: bilingual(msg('클러스터 크기는 2의 거듭제곱입니다.', 'The cluster size is a power of two.')),
  })
  .default(DEFAULT_CLUSTER_SIZE);

export const SNAPSHOT_OP_KEYS = ['write', 'read', 'snapshot', 'commit', 'stream', 'revert', 'delete'] as const;
export type SnapshotOpKind = (typeof SNAPSHOT_OP_KEYS)[number];

export const snapshotOpSchema = opUnion(SNAPSHOT_OP_KEYS, [
  /** The guest writes one cluster of the disk; fewer than clusterSize bytes is a partial-cluster write. */
  z.strictObject({ write: Cluster, data: Data, bytes: z.number().int().min(1).max(MAX_CLUSTER_SIZE).optional() }),
  /** The guest reads one cluster: the block layer walks the chain from the active image down. */
  z.strictObject({ read: Cluster }),
  /**
   * external: a new empty overlay on top, the old top becomes its read-only backing file (blockdev-snapshot-sync).
   * internal: the active image's L1 table is copied into its snapshot table (qcow2 internal snapshot).
   */
  z.strictObject({
    snapshot: Name,
    type: z.enum(['external', 'internal']).default('external'),
    overlay: Name.optional(),
    /** Save the VM state (RAM and devices) too, not only the disk. */
    memory: z.boolean().default(false),
    /** Freeze the guest's file systems through the guest agent (fsfreeze) for the moment of the snapshot. */
    quiesce: z.boolean().default(false),
  }),
  /** block-commit: merge `commit` (and any image between) down into `base` (default: its backing file). */
  z.strictObject({ commit: Name, base: Name.optional() }),
  /** block-stream: copy into `stream` the clusters it lacks from its backing chain, down to `base` (default: all). */
  z.strictObject({ stream: Name, base: Name.optional() }),
  /** Return the disk (and the VM state, if saved) to a snapshot. */
  z.strictObject({ revert: Name }),
  /** Delete a snapshot: an internal one frees its clusters; an external one drops its metadata only. */
  z.strictObject({ delete: Name }),
]);
export type SnapshotOp = z.output<typeof snapshotOpSchema>;

export const snapshotConfigSchema = z.strictObject({
  target: z.literal('snapshot'),
  title: z.string().max(200).optional(),
  clusterSize: ClusterSize,
  vm: z
    .strictObject({
      name: Name.default('vm'),
      /** A guest agent (qemu-guest-agent) runs in the guest: needed to quiesce. */
      guestAgent: z.boolean().default(false),
    })
    .default({ name: 'vm', guestAgent: false }),
  /** A thin LUN or pool that holds every image; clusters are taken from it only when allocated. */
  pool: z.strictObject({ name: Name, capacityClusters: z.number().int().min(1).max(1_000_000) }).optional(),
  /** The base image: its virtual size, and the clusters already written in it. */
  disk: z.strictObject({
    name: Name.default('base'),
    sizeClusters: z.number().int().min(1).max(MAX_CLUSTERS),
    data: z
      .array(z.strictObject({ cluster: Cluster, data: Data }))
      .max(MAX_CLUSTERS)
      .default([]),
  }),
  ops: z.array(snapshotOpSchema).default([]),
});
export type SnapshotConfig = z.output<typeof snapshotConfigSchema>;
