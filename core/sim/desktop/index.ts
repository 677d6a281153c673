import type { TargetSimulator } from '../target.ts';
import { checkDesktop } from './check.ts';
import { runDesktop } from './run.ts';
import { desktopConfigSchema, type DesktopConfig } from './schema.ts';
import type { DesktopState } from './state.ts';

/**
 * The `desktop` target (VDI): desktop VMs in persistent or non-persistent pools on data-center hosts, a connection
 * broker, clients on any device over a display protocol, and network outages on a simulated clock (seconds).
 */
export const desktopSimulator = {
  target: 'desktop',
  schema: desktopConfigSchema,
  check: checkDesktop,
  run: runDesktop,
  /**
   * Calibrated by test/bench/sim-worst-case.ts (limits.ts: one work unit ≈ 10 ns). At 1,500 the worst case (64 users
   * through repeated outages) ran 3,298 events in 51–53 ms on the loaded 2-core machine, and at 1,800 2,777 events in
   * 44–48 ms: 16–17 µs an event. 2,000 stops it at 2,500 events, about 40–43 ms.
   */
  eventWork: 2000,
} satisfies TargetSimulator<DesktopConfig, DesktopState>;
