import type { Lang, Msg } from '../i18n.ts';
import { msg } from '../i18n.ts';
import { SIM_LIMITS, type SimLimits } from './limits.ts';

/**
 * Swim lanes of the sequence diagram, top of the stack first. Every event sits in one lane; the other targets
 * map their actors onto the same vocabulary (a RAID controller is `hypervisor`-like software in the array, so it
 * has its own lane, and so on), which keeps one renderer for all of them.
 */
export const LANES = [
  'client',
  'guest',
  'container',
  'app',
  'vmm',
  'hypervisor',
  'dom0',
  'host-os',
  'controller',
  'mano',
  'network',
  'hardware',
] as const;
export type Lane = (typeof LANES)[number];

/** A trace detail: language-neutral text, or prose in both languages. */
export type Detail = string | Msg;

/** A detail as `lang` reads it. */
export const detailIn = (d: Detail | undefined, lang: Lang): string | undefined =>
  d === undefined || typeof d === 'string' ? d : d[lang];

/** A Korean and an English head before a detail from elsewhere: prose, so always both languages. */
export const proseBefore = (ko: string, en: string, d: Detail): Msg =>
  msg(`${ko}${detailIn(d, 'ko')}`, `${en}${detailIn(d, 'en')}`);

export interface Hypercall {
  name: string;
  number: number;
}

/** One step of an operation through one actor. The trace is the ordered list of these. */
export interface TraceEvent {
  /** 0-based position in the trace. */
  seq: number;
  /** Index of the workload operation this event belongs to (-1 for setup: boot, creation…). */
  step: number;
  /** Who handled it: `guest:win11`, `hypervisor`, `dom0:qemu`, `host-os`, `hardware:disk`, `disk:2`, `vnf:fw1`… */
  actor: string;
  lane: Lane;
  /** What kind of step: `issue`, `trap`, `vmexit`, `hypercall`, `emulate`, `io`, `syscall`, `fault`, `error`… */
  kind: string;
  /** The workload operation, e.g. `disk.write`, `insn.popf`, `pagetable.update`. */
  op: string;
  /** The guest, container, array, packet or session the operation belongs to. */
  subject?: string;
  /**
   * Technical detail for the learner (register values, ports, exit reasons): a plain string where it is only names
   * and numbers (`EVTCHNOP_send (4)`, `vlan 10 → fw`), both languages where it is prose.
   */
  detail?: Detail;
  hypercall?: Hypercall;
  /** Simulated cost of this hop in CPU cycles (0 where cost is not meaningful). */
  cycles: number;
  /** How the step ended, where that matters (absent on an ordinary hop); `note` says why. */
  outcome?: 'ok' | 'denied' | 'failed' | 'violation' | 'dropped' | 'lost';
  /** Why it happened, for the learner. */
  note?: Msg;
  /** What would have made it succeed, where the simulator can tell ("with VT-x enabled in firmware…"). */
  fix?: Msg;
}

export type TraceEventInput = Omit<TraceEvent, 'seq' | 'cycles' | 'step'> & { cycles?: number; step?: number };

/** Thrown inside a simulator when a bound is crossed; `simulate` turns it into an issue. Never escapes core. */
export class WorkLimitExceeded extends Error {
  constructor(
    readonly limit: keyof SimLimits,
    readonly value: number,
  ) {
    super(`limit ${limit} exceeded (${value})`);
  }
}

/** Collects events in order and meters work against the limits. One per simulation run. */
export class Trace {
  readonly events: TraceEvent[] = [];
  private work = 0;
  private cycleTotal = 0;
  step = -1;

  /** `eventWork`: the work one event stands for in this target (its share of the CPU a step costs; see limits.ts). */
  constructor(
    readonly limits: SimLimits = SIM_LIMITS,
    readonly eventWork = 1,
  ) {}

  emit(e: TraceEventInput): TraceEvent {
    if (this.events.length >= this.limits.maxEvents) throw new WorkLimitExceeded('maxEvents', this.events.length + 1);
    this.spend(this.eventWork);
    const event: TraceEvent = { ...e, step: e.step ?? this.step, seq: this.events.length, cycles: e.cycles ?? 0 };
    this.events.push(event);
    this.cycleTotal += event.cycles;
    return event;
  }

  /** Account for work that is not an event (bytes of parity computed, packets hashed…). */
  spend(units: number): void {
    // Refuse before doing the work, so the recorded total never passes the bound.
    if (this.work + units > this.limits.maxWork) throw new WorkLimitExceeded('maxWork', this.work + units);
    this.work += units;
  }

  get totalWork(): number {
    return this.work;
  }

  get totalCycles(): number {
    return this.cycleTotal;
  }
}

export function limitMessage(limit: keyof SimLimits, max: number): Msg {
  const names: Record<keyof SimLimits, Msg> = {
    maxGuests: msg('게스트 수', 'guests'),
    maxOps: msg('워크로드 연산 수', 'workload operations'),
    maxEvents: msg('트레이스 이벤트 수', 'trace events'),
    maxDisks: msg('디스크 수', 'disks'),
    maxDiskBytes: msg('디스크 크기(바이트)', 'bytes per disk'),
    maxWork: msg('시뮬레이션 작업량', 'simulated work'),
    maxTicks: msg('스케줄러 틱 수', 'scheduler ticks'),
    maxVcpus: msg('vCPU 수', 'vCPUs'),
  };
  const n = names[limit];
  return msg(
    `시뮬레이션 한도를 넘었습니다: ${n.ko} 최대 ${max}.`,
    `The simulation limit was exceeded: at most ${max} ${n.en}.`,
  );
}
