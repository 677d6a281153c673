/**
 * Explicit bounds on simulated work. Every simulator checks them; exceeding one ends the run with a clear error
 * (`limit` issue), never a hang or an exception.
 */
export const SIM_LIMITS = {
  /** Guests (VMs, containers, desktops, applications, VNFs…) in one configuration. */
  maxGuests: 64,
  /** Workload operations in one run, summed over all guests. */
  maxOps: 2_000,
  /** Trace events recorded in one run. */
  maxEvents: 20_000,
  /** Disks in one storage configuration. */
  maxDisks: 64,
  /** Bytes held by one simulated disk. */
  maxDiskBytes: 64 * 1024,
  /** Abstract work units (one per byte moved or computed, one per hop): the budget for the whole run. */
  maxWork: 5_000_000,
  /** Scheduler ticks (1 ms each) in one run, and vCPUs scheduled in it. */
  maxTicks: 500,
  maxVcpus: 128,
} as const;

export type SimLimits = { [K in keyof typeof SIM_LIMITS]: number };
