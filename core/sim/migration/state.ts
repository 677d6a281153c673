import type { Msg } from '../../i18n.ts';

/** One pre-copy round: the pages it sent, the pages the guest dirtied meanwhile, and how long it took. */
export interface RoundState {
  round: number;
  pagesSent: number;
  dirtied: number;
  ms: number;
}

/** The final state of a migration run: `outcome`, `rounds[2].dirtied`, `downtimeMs`… */
export interface MigrationState {
  vm: string;
  source: string;
  destination: string;
  /** Where the VM runs at the end, or null when it was lost. */
  host: string | null;
  bandwidthPagesPerSecond: number;
  rounds: RoundState[];
  totalPagesSent: number;
  /** Stop-and-copy time (the VM paused): remaining pages / bandwidth; 0 after a post-copy switch-over. */
  downtimeMs: number;
  totalMs: number;
  converged: boolean;
  outcome: 'migrated' | 'failed' | 'refused';
  method: 'pre-copy' | 'post-copy';
  throttlePercent: number;
  /** Pages the destination fetched on demand after a post-copy switch-over. */
  postCopyPages: number;
  reason: Msg | null;
}
