import type { Msg } from '../../i18n.ts';
import type { HypervisorName, HypervisorType } from '../hypervisors.ts';
import type { ContainerConfig, CpuVirtualization, DiskModel, GuestConfig, Namespace, NetModel } from './schema.ts';

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
  /** The device models of its disk and NIC (guests.<name>.devices in the configuration). */
  devices: { disk: DiskModel; net: NetModel };
  /** KVM virtio queues by virtio name (`requestq1`, `receiveq1`, `transmitq1`); empty without virtio. */
  virtqueues: Record<string, VirtqueueState>;
  /** Hyper-V: the guest loaded its integration services (hypercall page, VMBus); true when it uses a VMBus device. */
  enlightened: boolean;
  /** Hyper-V VMBus channels by device (`storage`, `network`); empty without VMBus devices. */
  vmbusChannels: Record<string, VmbusChannelState>;
}

/** One split virtqueue (virtio 1.2 §2.7): the driver's available index, the device's used index, and what they cost. */
export interface VirtqueueState {
  device: 'virtio-blk' | 'virtio-net';
  /** Who takes the buffers off the ring: the VM's QEMU process, or the vhost-net worker in the host kernel. */
  backend: 'qemu' | 'vhost-net';
  size: number;
  /** avail.idx and used.idx: free-running 16-bit counters, as the spec has them. */
  availIdx: number;
  usedIdx: number;
  /** Kicks (driver → device notifications), and how many of them left the kernel as KVM_EXIT_MMIO to QEMU. */
  notifications: number;
  userspaceExits: number;
  /** Used-buffer interrupts injected into the guest (through an irqfd). */
  interrupts: number;
}

/** One VMBus channel: a VSC in the child, a VSP in the root partition, two rings in GPADL-shared memory. */
export interface VmbusChannelState {
  vsc: string;
  vsp: string;
  state: 'open';
  /** Packets the child put on its outbound ring (to the root) and the root put on its inbound ring. */
  outbound: number;
  inbound: number;
  /** HvCallSignalEvent hypercalls the child made to tell the root. */
  signals: number;
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
  /**
   * The CPU limit as the container's kernel takes it: cpu.max as written to the cgroup ("50000 100000") on Linux;
   * the job object's JOBOBJECT_CPU_RATE_CONTROL_INFORMATION.CpuRate on Windows ("CpuRate=2500", "CpuRate=none").
   */
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
  /**
   * The general-purpose OS the hypervisor relies on for I/O and management: Xen's Dom0, Hyper-V's root partition,
   * KVM's Linux host. Null for ESXi (its vmkernel has none), type-2 products (see `host.os`) and no hypervisor.
   */
  controlDomain: { kind: 'dom0' | 'root-partition' | 'linux-host'; status: 'running' | 'crashed' } | null;
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
