import type { Msg } from '../../i18n.ts';
import { HYPERVISORS, type HypervisorProduct } from '../hypervisors.ts';
import type { ContainerConfig, CpuVirtualization, GuestConfig, ServerConfig } from '../server/schema.ts';
import type { ContainerState, GuestState, ServerState, Status } from '../server/state.ts';
import type { Lane, Trace, TraceEventInput } from '../trace.ts';

/** A guest or container the current operation belongs to. */
export type Subject =
  | { kind: 'guest'; name: string; config: GuestConfig; state: GuestState }
  | { kind: 'container'; name: string; config: ContainerConfig; state: ContainerState };

/** One workload operation, normalized: `{ mem.alloc: 300 }` → `{ name: 'mem.alloc', arg: 300 }`. */
export interface Op {
  name: string;
  arg?: number;
}

/**
 * The kinds of operation a technique handles, one handler each: faults never reach a technique (the target handles
 * them), and every other operation name is one of these (server/schema.ts OP_PATTERN).
 */
export const OP_KINDS = ['insn', 'compute', 'mem.alloc', 'proc.fork', 'pagetable.update', 'io', 'syscall'] as const;
export type OpKind = (typeof OP_KINDS)[number];

/** The handler an operation name goes to. */
export function opKindOf(name: string): OpKind {
  if (name.startsWith('insn.')) return 'insn';
  if (name.startsWith('disk.') || name.startsWith('net.')) return 'io';
  if (name.startsWith('syscall.')) return 'syscall';
  return name as Exclude<OpKind, 'insn' | 'io' | 'syscall'>;
}

export type EmitInput = Omit<TraceEventInput, 'op' | 'subject'>;

/** What a technique sees: the configuration, the trace and the mutable state of the run. */
export class World {
  readonly product: HypervisorProduct | undefined;

  constructor(
    readonly config: ServerConfig,
    readonly trace: Trace,
    readonly state: ServerState,
  ) {
    this.product = config.hypervisor ? HYPERVISORS[config.hypervisor.product] : undefined;
  }

  get cpuVirtualization(): CpuVirtualization {
    return this.config.hypervisor?.cpuVirtualization ?? 'hardware-assist';
  }

  /** Emit one event of `op` on behalf of `subject`. */
  emit(subject: Subject, op: string, e: EmitInput): void {
    this.trace.emit({ ...e, op, subject: subject.name });
  }

  /** The guest or container lane and actor of a subject (`guest:win11`, `container:web`). */
  selfActor(subject: Subject): { lane: Lane; actor: string } {
    return subject.kind === 'guest'
      ? { lane: 'guest', actor: `guest:${subject.name}` }
      : { lane: 'container', actor: `container:${subject.name}` };
  }

  /** Mark a subject as not running, with the reason a learner reads. */
  stop(subject: Subject, status: Status | 'killed', reason: Msg, fix?: Msg): void {
    const s = subject.state as { status: string; reason?: Msg; fix?: Msg };
    s.status = status;
    s.reason = reason;
    if (fix) s.fix = fix;
  }
}

/** Emit one event of a handler's step: its operation, on behalf of its subject. */
export const emitStep = (s: { world: World; subject: Subject; op: Op }, e: EmitInput): void =>
  s.world.emit(s.subject, s.op.name, e);

/** One module per technique: how a subject boots and how each of its operations travels through the stack. */
export interface Technique {
  readonly id: 'hosted' | 'full-virtualization' | 'paravirt' | 'container';
  boot(world: World, subject: Subject): void;
  /** Handle one operation of a running subject. Faults and the not-running case are handled by the target. */
  run(world: World, subject: Subject, op: Op): void;
}
