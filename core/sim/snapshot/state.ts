import type { Msg } from '../../i18n.ts';

/** Where an image stands: the top of the chain, below it, out of the chain but intact, or gone. */
export type ImageStatus = 'active' | 'backing' | 'detached' | 'invalid' | 'discarded';

export interface ImageState {
  status: ImageStatus;
  backing: string | null;
  readOnly: boolean;
  virtualClusters: number;
  virtualBytes: number;
  /** Clusters this image holds on storage (its own table and its internal snapshots'): thin, so ≤ virtual. */
  allocatedClusters: number;
  allocatedBytes: number;
  /** Cluster index → what is written there, for the clusters this image's own table maps. */
  clusters: Record<string, string>;
  internalSnapshots: string[];
}

export interface SnapshotEntry {
  type: 'external' | 'internal';
  /** external: the image frozen as read-only backing; internal: the image whose snapshot table holds it. */
  image: string;
  overlay: string | null;
  memory: boolean;
  consistency: 'quiesced' | 'crash-consistent' | 'with-memory';
  /** False once a commit, stream or revert has changed or removed what it points at. */
  valid: boolean;
}

/** The final state of a snapshot run: `images.base.allocatedClusters`, `chain`, `snapshots.s1.valid`… */
export interface SnapshotState {
  vm: { name: string; status: 'running' | 'paused'; reason: Msg | null };
  clusterSize: number;
  active: string;
  /** The backing chain, active image first. */
  chain: string[];
  images: Record<string, ImageState>;
  snapshots: Record<string, SnapshotEntry>;
  pool: { name: string; capacityClusters: number; usedClusters: number; freeClusters: number } | null;
  /** What the guest reads at each cluster that some image of the chain holds (the rest reads as zeros). */
  guestView: Record<string, string>;
  counters: {
    reads: number;
    writes: number;
    lookups: number;
    allocations: number;
    cowCopies: number;
    failures: number;
  };
}
