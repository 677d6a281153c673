import type { TargetSimulator } from '../target.ts';
import { checkStorage } from './check.ts';
import { runStorage } from './run.ts';
import { storageConfigSchema, type StorageConfig } from './schema.ts';
import type { StorageState } from './state.ts';

/** The `storage` target: disks → RAID arrays → a pool → LUNs masked to hosts, with a workload of I/O and faults. */
export const storageSimulator = {
  target: 'storage',
  schema: storageConfigSchema,
  check: checkStorage,
  run: runStorage,
  /** Calibrated by test/bench/sim-worst-case.ts (limits.ts: one work unit ≈ 10 ns); stripe units are charged apart (work.ts). */
  eventWork: 500,
} satisfies TargetSimulator<StorageConfig, StorageState>;
