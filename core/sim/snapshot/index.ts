import type { TargetSimulator } from '../target.ts';
import { checkSnapshot } from './check.ts';
import { runSnapshot } from './run.ts';
import { snapshotConfigSchema, type SnapshotConfig } from './schema.ts';
import type { SnapshotState } from './state.ts';

/**
 * The `snapshot` target: qcow2-style copy-on-write images and backing chains (external and internal snapshots,
 * block-commit, block-stream, revert), on a thin pool that an overlay's growth can fill.
 */
export const snapshotSimulator = {
  target: 'snapshot',
  schema: snapshotConfigSchema,
  check: checkSnapshot,
  run: runSnapshot,
} satisfies TargetSimulator<SnapshotConfig, SnapshotState>;
