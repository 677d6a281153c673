import { applicationSimulator } from './application/index.ts';
import { desktopSimulator } from './desktop/index.ts';
import { memorySimulator } from './memory/index.ts';
import { migrationSimulator } from './migration/index.ts';
import { schedulerSimulator } from './scheduler/index.ts';
import { networkSimulator } from './network/index.ts';
import { serverSimulator } from './server/index.ts';
import { snapshotSimulator } from './snapshot/index.ts';
import { storageSimulator } from './storage/index.ts';
import type { AnySimulator, TargetName } from './target.ts';

/** Every target's simulator, by name: one line per target, and the type fails the build if a target has none. */
export const SIMULATORS = {
  server: serverSimulator,
  storage: storageSimulator,
  network: networkSimulator,
  desktop: desktopSimulator,
  application: applicationSimulator,
  memory: memorySimulator,
  scheduler: schedulerSimulator,
  migration: migrationSimulator,
  snapshot: snapshotSimulator,
} satisfies Record<TargetName, AnySimulator>;
