import type { TargetSimulator } from '../target.ts';
import { checkNetwork } from './check.ts';
import { runNetwork } from './run.ts';
import { networkConfigSchema, type NetworkConfig } from './schema.ts';
import type { NetworkState } from './state.ts';

/**
 * The `network` target (NFV): VNFs on NFVI hosts behind Open vSwitch-style bridges, VXLAN between hosts, service
 * function chains, and the MANO lifecycle (instantiate, fail, heal, scale).
 */
export const networkSimulator = {
  target: 'network',
  schema: networkConfigSchema,
  check: checkNetwork,
  run: runNetwork,
  /** Calibrated by test/bench/sim-worst-case.ts (limits.ts: one work unit ≈ 10 ns). */
  eventWork: 2500,
} satisfies TargetSimulator<NetworkConfig, NetworkState>;
