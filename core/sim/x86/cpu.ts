import { msg } from '../../i18n.ts';
import type { CpuVirtualization } from '../server/schema.ts';
import { CYCLES } from '../cost.ts';
import { exitDetail } from '../techniques/hardware-assist.ts';
import type { Subject, World } from '../techniques/world.ts';
import { detailIn, type Detail, type Lane } from '../trace.ts';
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
  const m = insn.mnemonic;
  const issue = (detail: Detail) => world.emit(subject, op, { ...self, kind: 'issue', detail, cycles: CYCLES.native });
  const handled = (kind: string, detail: Detail, cycles: number) => {
    world.emit(subject, op, { ...handler, kind, detail, cycles });
    world.emit(subject, op, {
      ...handler,
      kind: 'emulate',
      detail: msg(`가상 CPU 상태에서 ${m} 에뮬레이션`, `${m} emulated on the virtual CPU state`),
      note: insn.effect,
      cycles: CYCLES.emulate,
    });
    device?.();
    world.emit(subject, op, {
      ...self,
      kind: 'resume',
      detail: msg(
        '에뮬레이션된 명령 다음부터 게스트가 실행을 이어 감',
        'guest continues after the emulated instruction',
      ),
      cycles: 0,
    });
  };

  if (how === 'hardware-assist') {
    if (insn.vmx.when === 'never') {
      const why = insn.vmx.name;
      world.emit(subject, op, {
        ...self,
        kind: 'execute',
        detail: msg(
          `${m}: 게스트 모드(VMX non-root 또는 SVM 게스트 모드)에서 게스트 상태로 실행; VM exit 없음 (${detailIn(why, 'ko')})`,
          `${m} runs in guest mode (VMX non-root, or SVM guest mode) on guest state; no VM exit (${detailIn(why, 'en')})`,
        ),
        note: insn.effect,
        cycles: CYCLES.native,
        outcome: 'ok',
      });
      return;
    }
    issue(
      msg(
        `게스트 모드(VMX non-root 또는 SVM 게스트 모드)에서 ${m}`,
        `${m} in guest mode (VMX non-root, or SVM guest mode)`,
      ),
    );
    handled('vmexit', exitDetail(world, insn.vmx.reason, insn.vmx.name), CYCLES.vmExit);
    return;
  }

  if (how === 'binary-translation') {
    if (insn.class === 'innocuous' && name !== 'cpuid') {
      world.emit(subject, op, {
        ...self,
        kind: 'execute',
        detail: msg(`${m}: 변환된 블록에 그대로 복사됨`, `${m} copied unchanged into the translated block`),
        cycles: CYCLES.native,
      });
      return;
    }
    issue(msg(`변환기가 게스트 커널 코드에서 ${m} 발견`, `${m} found by the translator in guest kernel code`));
    handled(
      'translate',
      msg(
        `바이너리 변환: 블록이 ${m} 대신 VMM을 호출하고, VMM이 가상 CPU 상태에 반영`,
        `binary translation: the block calls the VMM instead of ${m}, which acts on the virtual CPU state`,
      ),
      CYCLES.translated,
    );
    return;
  }

  // Classic trap-and-emulate: the guest kernel runs deprivileged (ring 1) and only privileged instructions trap.
  if (insn.class === 'privileged') {
    issue(msg(`링 1에서 ${m} (특권을 낮춘 게스트 커널)`, `${m} at ring 1 (deprivileged guest kernel)`));
    handled(
      'trap',
      msg(
        `#GP: 링 1에서 특권 명령인 ${m} → 하이퍼바이저로 트랩 (CLI, STI, IN, OUT은 VMM이 IOPL을 0으로 두기 때문)`,
        `#GP: ${m} is privileged at ring 1 (for CLI, STI, IN, OUT: because the VMM keeps IOPL at 0), so it traps to the hypervisor`,
      ),
      CYCLES.trap,
    );
    return;
  }
  if (insn.class === 'sensitive-unprivileged') {
    world.emit(subject, op, {
      ...self,
      kind: 'execute',
      detail: msg(
        `${m}: 민감하지만 특권 명령이 아님; 링 1에서 트랩되지 않아 하이퍼바이저가 보지 못함`,
        `${m} is sensitive but not privileged: no trap at ring 1, the hypervisor never sees it`,
      ),
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
    detail: msg(`${m}: 그대로 실행됨`, `${m} runs natively`),
    note:
      name === 'cpuid'
        ? msg(
            'CPUID는 트랩되지 않아 실제 CPU 정보를 돌려줍니다: 하이퍼바이저가 기능을 숨길 수 없습니다.',
            "CPUID does not trap and returns the real CPU's answer: the hypervisor cannot hide features.",
          )
        : insn.effect,
    cycles: CYCLES.native,
  });
}
