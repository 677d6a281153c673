import { msg } from '../../i18n.ts';
import type { CpuVirtualization } from '../config/server.ts';
import { CYCLES } from '../cost.ts';
import { exitDetail } from '../techniques/hardware-assist.ts';
import type { Subject, World } from '../techniques/world.ts';
import type { Lane } from '../trace.ts';
import { INSTRUCTIONS, type InstructionName } from './instructions.ts';

export interface Handler {
  lane: Lane;
  actor: string;
}

const FIX_VIOLATION = msg(
  '하드웨어 지원(VT-x/AMD-V)이나 바이너리 변환을 쓰면 이 명령은 가상 CPU 상태에서 올바르게 처리됩니다.',
  'With hardware assist (VT-x/AMD-V) or binary translation, this instruction would be handled correctly on the virtual CPU state.',
);

/**
 * An unmodified guest kernel executes one x86 instruction; what happens depends on how the CPU is virtualized.
 * `handler` is who takes control when the instruction leaves the guest (the hypervisor, or a hosted VMM);
 * `device` adds the hops of a device access (IN/OUT) once the handler has it.
 */
export function runInstruction(
  world: World,
  subject: Subject,
  name: InstructionName,
  how: CpuVirtualization,
  handler: Handler,
  device?: () => void,
): void {
  const insn = INSTRUCTIONS[name];
  const op = `insn.${name}`;
  const self = world.selfActor(subject);
  const issue = (detail: string) =>
    world.emit(subject, op, { ...self, kind: 'issue', detail, cycles: CYCLES.native });
  const handled = (kind: string, detail: string, cycles: number) => {
    world.emit(subject, op, { ...handler, kind, detail, cycles });
    world.emit(subject, op, { ...handler, kind: 'emulate', detail: `${insn.mnemonic} emulated on the virtual CPU state`, note: insn.effect, cycles: CYCLES.emulate });
    device?.();
    world.emit(subject, op, { ...self, kind: 'resume', detail: 'guest continues after the emulated instruction', cycles: 0 });
  };

  if (how === 'hardware-assist') {
    if (insn.vmx.when === 'never') {
      world.emit(subject, op, {
        ...self,
        kind: 'execute',
        detail: `${insn.mnemonic} runs in guest mode (VMX non-root, or SVM guest mode) on guest state; no VM exit (${insn.vmx.name})`,
        note: insn.effect,
        cycles: CYCLES.native,
        outcome: 'ok',
      });
      return;
    }
    issue(`${insn.mnemonic} in guest mode (VMX non-root, or SVM guest mode)`);
    handled('vmexit', exitDetail(world, insn.vmx.reason, insn.vmx.name), CYCLES.vmExit);
    return;
  }

  if (how === 'binary-translation') {
    if (insn.class === 'innocuous' && name !== 'cpuid') {
      world.emit(subject, op, { ...self, kind: 'execute', detail: `${insn.mnemonic} copied unchanged into the translated block`, cycles: CYCLES.native });
      return;
    }
    issue(`${insn.mnemonic} found by the translator in guest kernel code`);
    handled(
      'translate',
      `binary translation: the block calls the VMM instead of ${insn.mnemonic}, which acts on the virtual CPU state`,
      CYCLES.translated,
    );
    return;
  }

  // Classic trap-and-emulate: the guest kernel runs deprivileged (ring 1) and only privileged instructions trap.
  if (insn.class === 'privileged') {
    issue(`${insn.mnemonic} at ring 1 (deprivileged guest kernel)`);
    handled('trap', `#GP: ${insn.mnemonic} is privileged at ring 1 (for CLI, STI, IN, OUT: because the VMM keeps IOPL at 0), so it traps to the hypervisor`, CYCLES.trap);
    return;
  }
  if (insn.class === 'sensitive-unprivileged') {
    world.emit(subject, op, {
      ...self,
      kind: 'execute',
      detail: `${insn.mnemonic} is sensitive but not privileged: no trap at ring 1, the hypervisor never sees it`,
      cycles: CYCLES.native,
      outcome: 'violation',
      note: insn.violation,
      fix: FIX_VIOLATION,
    });
    return;
  }
  world.emit(subject, op, {
    ...self,
    kind: 'execute',
    detail: `${insn.mnemonic} runs natively`,
    note:
      name === 'cpuid'
        ? msg('CPUID는 트랩되지 않아 실제 CPU 정보를 돌려줍니다: 하이퍼바이저가 기능을 숨길 수 없습니다.', "CPUID does not trap and returns the real CPU's answer: the hypervisor cannot hide features.")
        : insn.effect,
    cycles: CYCLES.native,
  });
}
