import type { Msg } from '../../i18n.ts';
import type { HypervisorName, HypervisorType } from '../hypervisors.ts';
import type { ContainerConfig, CpuVirtualization, GuestConfig, Namespace } from './schema.ts';

/** Counts a grader reads, per guest/container and for the whole run. */
export interface Counters {
  vmExits: number;
  hypercalls: number;
  /** Operations in which Dom0 (or the root partition) had to act. */
  dom0Involvements: number;
  violations: number;
  /** #GP traps into the hypervisor (classic trap-and-emulate). */
  traps: number;
  /** Sensitive instructions rewritten by binary translation. */
  translations: number;
  syscalls: number;
  /** Operations that failed, were denied or were lost. */
  failures: number;
}

export type Status = 'running' | 'failed' | 'stopped' | 'crashed';

/** What a guest and a container both account for: why it stopped, and what its operations cost. */
export interface RunAccount {
  /** Why it is not running, when it is not. */
  reason?: Msg;
  fix?: Msg;
  /** Cycles spent booting or starting (step -1), which workload counters do not include. */
  bootCycles: number;
  /** Workload operations addressed to it, and what they cost. Counters cover workload operations only. */
  ops: number;
  /** Cycles of all its operations, and the part spent outside it (hypervisor, VMM, Dom0, host OS). */
  cycles: number;
  overheadCycles: number;
  counters: Counters;
}

export interface GuestState extends RunAccount {
  status: Status;
  os: GuestConfig['os'];
  mode: GuestConfig['mode'];
  /** The technique that carries this guest: hosted, full-virtualization or paravirt. */
  technique: 'hosted' | 'full-virtualization' | 'paravirt';
  vcpus: number;
  /** The whole allocation is reserved on the host from boot, used or not. */
  memoryReservedMiB: number;
  /** What the guest kernel has handed out inside the VM. */
  memoryUsedMiB: number;
  /** Share of time a runnable vCPU waits for a physical CPU (vCPUs > pCPUs). */
  stealPercent: number;
}

export interface ContainerState extends RunAccount {
  /** `killed`: an OOM killer ended it (see `oomScope`). */
  status: Status | 'killed';
  imageOs: ContainerConfig['image']['os'];
  isolation: ContainerConfig['isolation'];
  namespaces: Namespace[];
  /** Actual use, which grows with mem.alloc; a container reserves nothing up front. */
  memoryUsedMiB: number;
  /** memory.max, or null for `max`. */
  memoryMaxMiB: number | null;
  oomKilled: boolean;
  /** Which OOM killer ended it: its own cgroup's (memory.max reached) or the host kernel's (host memory ran out). */
  oomScope: 'cgroup' | 'host' | null;
  pids: { current: number; max: number | null };
  /** fork()/clone() calls refused with EAGAIN by pids.max. */
  forkFailures: number;
  /** cpu.max as written to the cgroup, e.g. "50000 100000". */
  cpuMax: string;
  /** Compute operations slowed by cpu.max throttling. */
  throttledOps: number;
}

/**
 * The final state of a server run: plain JSON, records by name, so a grader addresses `guests.win11.status`,
 * `containers.web.oomKilled`, `counters.vmExits` or `hypervisor.type`.
 */
export interface ServerState {
  host: {
    cores: number;
    memoryMiB: number;
    hardwareAssist: { present: boolean; enabledInFirmware: boolean; usable: boolean };
    os: { family: 'linux' | 'windows' | 'macos'; status: 'running' | 'crashed' } | null;
    /** Memory the host OS keeps for itself (0 without a host OS), memory reserved by VMs (their full allocation,
     * plus Dom0), and memory running containers actually use. */
    memoryReservedByOsMiB: number;
    memoryReservedByVmsMiB: number;
    memoryUsedByContainersMiB: number;
    /** Containers the host kernel's OOM killer ended because host memory ran out (cgroup OOM kills not included). */
    oomKills: number;
    /** Runnable vCPUs (guests + Dom0) per physical core. */
    vcpusPerCore: number;
  };
  hypervisor: {
    product: HypervisorName;
    type: HypervisorType;
    cpuVirtualization: CpuVirtualization;
    note: Msg;
  } | null;
  dom0: { status: 'running' | 'crashed'; memoryGiB: number; vcpus: number } | null;
  guests: Record<string, GuestState>;
  containers: Record<string, ContainerState>;
  counters: Counters;
}

export const zeroCounters = (): Counters => ({
  vmExits: 0,
  hypercalls: 0,
  dom0Involvements: 0,
  violations: 0,
  traps: 0,
  translations: 0,
  syscalls: 0,
  failures: 0,
});
