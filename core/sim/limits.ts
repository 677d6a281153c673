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
  /**
   * Abstract work units: the budget for the whole run. One unit stands for about 10 ns of CPU on the reference machine
   * (2 shared cores), so the budget bounds a run to about 50 ms whatever the target: each target charges its steps
   * by what they cost there (storage/work.ts per RAID level, `eventWork` per target), measured by `npm run bench`
   * (test/bench/sim-worst-case.ts).
   */
  maxWork: 5_000_000,
} as const;

export type SimLimits = { [K in keyof typeof SIM_LIMITS]: number };

/** CPU time one work unit stands for on the reference machine: `maxWork` × this is the time bound of one run. */
export const NS_PER_WORK_UNIT = 10;
