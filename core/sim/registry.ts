import type { TargetName, TargetSimulator } from './target.ts';
import { networkSimulator } from './targets/network.ts';
import { desktopSimulator } from './targets/desktop.ts';
import { applicationSimulator } from './targets/application.ts';
import { serverSimulator } from './server/index.ts';
import { storageSimulator } from './targets/storage.ts';

/** Every target's simulator, by name. Each target module adds itself here with one line. */
export const SIMULATORS: Partial<Record<TargetName, TargetSimulator>> = {
  server: serverSimulator,
  network: networkSimulator,
  desktop: desktopSimulator,
  application: applicationSimulator,
  storage: storageSimulator,
};
