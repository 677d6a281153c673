import { msg } from '../../i18n.ts';
import { CYCLES } from '../cost.ts';
import type { Lane } from '../trace.ts';
import { emitStep, type Op, type OpKind, type Subject, type World } from './world.ts';

export type GuestSubject = Extract<Subject, { kind: 'guest' }>;

/** What a VM technique's handler works on: the run, the guest (its state is `subject.state`) and the operation. */
export interface GuestStep {
  world: World;
  subject: GuestSubject;
  op: Op;
  /** The guest's own lane and actor (`guest:win11`), and its kernel's (`guest:win11:kernel`). */
  self: { lane: Lane; actor: string };
  kernel: { lane: Lane; actor: string };
}

export function guestStep(world: World, subject: GuestSubject, op: Op): GuestStep {
  return {
    world,
    subject,
    op,
    self: world.selfActor(subject),
    kernel: { lane: 'guest', actor: `guest:${subject.name}:kernel` },
  };
}

/** One handler per kind of operation a VM technique has; `satisfies` checks the table is complete. */
export type GuestHandlers = Record<OpKind, (s: GuestStep) => void>;

function compute(s: GuestStep): void {
  emitStep(s, {
    ...s.self,
    kind: 'execute',
    detail: msg('무해한 명령은 물리 CPU에서 직접 실행됨', 'innocuous instructions run directly on the physical CPU'),
    cycles: s.op.arg ?? CYCLES.compute,
  });
}

/** The guest process issues SYSCALL; where it lands (its own kernel, or Xen first) is the technique's. */
export function issueSyscall(s: GuestStep): void {
  emitStep(s, {
    ...s.self,
    kind: 'issue',
    detail: msg('게스트 프로세스의 SYSCALL', 'SYSCALL from a guest process'),
    cycles: CYCLES.native,
  });
}

function syscall(s: GuestStep): void {
  issueSyscall(s);
  emitStep(s, {
    ...s.kernel,
    kind: 'syscall',
    detail: msg('게스트 자신의 커널이 처리함', 'served by the guest’s own kernel'),
    cycles: CYCLES.syscall,
  });
}

function memAlloc(s: GuestStep): void {
  const mib = s.op.arg ?? 64;
  const state = s.subject.state;
  if (state.memoryUsedMiB + mib > state.memoryReservedMiB) {
    emitStep(s, {
      ...s.kernel,
      kind: 'oom',
      detail: msg(
        `${state.memoryUsedMiB} + ${mib} MiB > 게스트 메모리 ${state.memoryReservedMiB} MiB`,
        `${state.memoryUsedMiB} + ${mib} MiB > ${state.memoryReservedMiB} MiB of guest memory`,
      ),
      cycles: CYCLES.allocPerMiB,
      outcome: 'failed',
      note: msg(
        '게스트 안의 메모리가 모자라 게스트 커널의 OOM 킬러가 그 안의 프로세스를 끝냈습니다. 호스트와 다른 게스트는 영향을 받지 않습니다.',
        "The guest ran out of its own memory and the guest kernel's OOM killer ended a process inside it; the host and other guests are unaffected.",
      ),
    });
    return;
  }
  state.memoryUsedMiB += mib;
  emitStep(s, {
    ...s.kernel,
    kind: 'alloc',
    detail: msg(
      `호스트가 이 VM에 미리 예약해 둔 메모리에서 ${mib} MiB (${state.memoryUsedMiB}/${state.memoryReservedMiB} MiB 사용)`,
      `${mib} MiB from memory the host already reserved for this VM (${state.memoryUsedMiB}/${state.memoryReservedMiB} MiB used)`,
    ),
    cycles: CYCLES.allocPerMiB * mib,
  });
}

function fork(s: GuestStep): void {
  const n = s.op.arg ?? 1;
  emitStep(s, {
    ...s.kernel,
    kind: 'fork',
    detail: msg(`게스트 커널이 프로세스 ${n}개를 만듦`, `${n} process(es) created by the guest kernel`),
    cycles: CYCLES.fork * n,
  });
}

/**
 * Work a VM's own kernel does without leaving the guest: computation, system calls, memory and process
 * management. Shared by every VM technique's table; a technique replaces what it handles differently (PV fork).
 */
export const GUEST_KERNEL_HANDLERS = {
  compute,
  syscall,
  'mem.alloc': memAlloc,
  'proc.fork': fork,
} satisfies Partial<GuestHandlers>;
