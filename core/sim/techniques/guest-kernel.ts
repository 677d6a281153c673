import { msg } from '../../i18n.ts';
import { CYCLES } from '../cost.ts';
import type { Op, Subject, World } from './world.ts';

/**
 * Work a VM's own kernel does without leaving the guest: computation, system calls, memory and process
 * management. Shared by every VM technique; a technique overrides what it handles differently (PV fork).
 */
export function runInGuestKernel(world: World, subject: Subject, op: Op): boolean {
  if (subject.kind !== 'guest') return false;
  const kernel = { lane: 'guest' as const, actor: `guest:${subject.name}:kernel` };
  const self = world.selfActor(subject);
  if (op.name === 'compute') {
    world.emit(subject, op.name, {
      ...self,
      kind: 'execute',
      detail: msg('무해한 명령은 물리 CPU에서 직접 실행됨', 'innocuous instructions run directly on the physical CPU'),
      cycles: op.arg ?? CYCLES.compute,
    });
    return true;
  }
  if (op.name.startsWith('syscall.')) {
    world.emit(subject, op.name, {
      ...self,
      kind: 'issue',
      detail: msg('게스트 프로세스의 SYSCALL', 'SYSCALL from a guest process'),
      cycles: CYCLES.native,
    });
    world.emit(subject, op.name, {
      ...kernel,
      kind: 'syscall',
      detail: msg('게스트 자신의 커널이 처리함', 'served by the guest’s own kernel'),
      cycles: CYCLES.syscall,
    });
    return true;
  }
  if (op.name === 'mem.alloc') {
    const mib = op.arg ?? 64;
    const state = subject.state;
    if (state.memoryUsedMiB + mib > state.memoryReservedMiB) {
      world.emit(subject, op.name, {
        ...kernel,
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
      return true;
    }
    state.memoryUsedMiB += mib;
    world.emit(subject, op.name, {
      ...kernel,
      kind: 'alloc',
      detail: msg(
        `호스트가 이 VM에 미리 예약해 둔 메모리에서 ${mib} MiB (${state.memoryUsedMiB}/${state.memoryReservedMiB} MiB 사용)`,
        `${mib} MiB from memory the host already reserved for this VM (${state.memoryUsedMiB}/${state.memoryReservedMiB} MiB used)`,
      ),
      cycles: CYCLES.allocPerMiB * mib,
    });
    return true;
  }
  if (op.name === 'proc.fork') {
    const n = op.arg ?? 1;
    world.emit(subject, op.name, {
      ...kernel,
      kind: 'fork',
      detail: msg(`게스트 커널이 프로세스 ${n}개를 만듦`, `${n} process(es) created by the guest kernel`),
      cycles: CYCLES.fork * n,
    });
    return true;
  }
  return false;
}
