/** One vCPU's time, in ticks of 1 ms. */
export interface VcpuState {
  ranTicks: number;
  /** Runnable but not running (waiting for a physical CPU, or held back by a cap): what the guest sees as steal. */
  stealTicks: number;
  /** The part of stealTicks spent held back by the VM's cap or cpu.max. */
  throttledTicks: number;
  /** Not runnable: the vCPU had no work (idle time is not steal). */
  idleTicks: number;
  /** Ticks run on a CPU of the VM's memory node, and on another node. */
  localTicks: number;
  remoteTicks: number;
  /** The physical CPU it last ran on. */
  lastCpu: number | null;
}

export interface VmState {
  running: boolean;
  vcpus: number;
  weight: number;
  /** credit2: cap in % of one pCPU (0 = none); null under cfs. */
  cap: number | null;
  /** cfs: cpu.max; null under credit2. */
  cpuMax: string | null;
  demand: number;
  memoryNode: string;
  pin: number[] | null;
  ranTicks: number;
  stealTicks: number;
  throttledTicks: number;
  idleTicks: number;
  /** CPU time over the run, in % of one physical CPU (200 = two pCPUs' worth). */
  cpuPercent: number;
  /** Its part of all CPU time given to VMs, in %. */
  sharePercent: number;
  /** steal / (ran + steal), in %. */
  stealPercent: number;
  /** Ticks run next to the VM's memory, in % of ticks run. */
  localPercent: number;
  /** Mean SLIT distance of its memory accesses (10 = all local): a relative cost, not a latency. */
  memoryDistance: number;
  vcpu: Record<string, VcpuState>;
}

export interface SchedulerState {
  scheduler: 'credit2' | 'cfs';
  ticks: number;
  host: {
    pcpus: number;
    vcpus: number;
    /** vCPUs per physical CPU. */
    overcommitRatio: number;
    busyTicks: number;
    utilizationPercent: number;
    nodes: Record<string, { cpus: number[]; busyTicks: number }>;
    distances: number[][];
  };
  vms: Record<string, VmState>;
}
