import type { CapRule } from './cap.ts';
import type { VcpuState, VmState } from './state.ts';

/** A vCPU while the run goes on. */
export interface VcpuRun {
  vm: VmRun;
  index: number;
  /** Virtual time: grows by 1/weight per tick run (credit2), or by one tick within its VM (cfs). */
  vruntime: number;
  /** Pending work in % of a tick: `demand` arrives each tick; 100 or more makes the vCPU runnable. */
  backlog: number;
  runnable: boolean;
  /** Sum of the SLIT distances of the ticks it ran (10 per local tick). */
  distanceSum: number;
  state: VcpuState;
}

/** A VM while the run goes on: its reported state plus the scheduler's bookkeeping. */
export interface VmRun {
  name: string;
  order: number;
  state: VmState;
  /** Node index of its memory. */
  home: number;
  /** Its pin as a lookup by CPU number; null = any CPU. */
  allowed: boolean[] | null;
  /** cfs: the VM's cgroup virtual time (grows by 1/weight per vCPU-tick run). */
  vruntime: number;
  /** What is left of its cap or cpu.max this period, in the cap's units; null = no cap. */
  budget: number | null;
  vcpus: VcpuRun[];
  /** The cap rule, parsed once per change of cap or cpu.max. */
  rule?: { knob: string; value: CapRule | null };
  /** This trace window's tallies. */
  window: { ran: number; steal: number; throttled: number; remote: number; remoteDistance: number };
}

export const emptyWindow = () => ({ ran: 0, steal: 0, throttled: 0, remote: 0, remoteDistance: 0 });

/** The pin as a lookup by CPU number. */
export const allowedOf = (pin: readonly number[] | null, pcpus: number): boolean[] | null =>
  pin ? Array.from({ length: pcpus }, (_, cpu) => pin.includes(cpu)) : null;
