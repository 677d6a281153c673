import { msg, type Msg } from '../../i18n.ts';
import type { Detail, Lane } from '../trace.ts';
import type { Subject, World } from './world.ts';

export interface Unavailable {
  detail: Detail;
  reason: Msg;
  fix: Msg;
}

/** Why VT-x/AMD-V cannot be used on this host, or undefined when it can. */
export function hardwareAssistProblem(world: World): Unavailable | undefined {
  const { vendor, hardwareAssist } = world.config.host.cpu;
  const ext = vendor === 'amd' ? 'AMD-V' : 'VT-x';
  if (!hardwareAssist.present) {
    return {
      detail: msg(`CPUID에 ${ext} 지원이 없음`, `CPUID reports no ${ext}`),
      reason: msg(`이 CPU에는 ${ext}가 없습니다.`, `This CPU has no ${ext}.`),
      fix: msg(
        `${ext}를 지원하는 CPU라면 이 게스트가 부팅됩니다. 이 CPU에서는 반가상화(mode: pv)를 쓰세요.`,
        `On a CPU with ${ext} this guest would boot; on this one, use paravirtualization (mode: pv).`,
      ),
    };
  }
  if (!hardwareAssist.enabledInFirmware) {
    // Intel: the firmware locks IA32_FEATURE_CONTROL without VMX; AMD: it sets and locks VM_CR.SVMDIS.
    const lock =
      vendor === 'amd'
        ? msg(
            'VM_CR.SVMDIS가 설정·잠금되어 EFER.SVME를 켜면 #GP 발생',
            'VM_CR.SVMDIS is set and locked, so setting EFER.SVME raises #GP',
          )
        : msg(
            'IA32_FEATURE_CONTROL이 VMX 비활성으로 잠겨 VMXON에서 #GP 발생',
            'IA32_FEATURE_CONTROL is locked with VMX disabled, so VMXON raises #GP',
          );
    return {
      detail: lock,
      reason: msg(
        `펌웨어(BIOS/UEFI)에서 ${ext}가 꺼져 있습니다 (${lock.ko}).`,
        `${ext} is disabled in firmware (BIOS/UEFI): ${lock.en}.`,
      ),
      fix: msg(
        `펌웨어 설정에서 ${ext}를 켜고 전원을 껐다 켜면 이 게스트가 부팅됩니다.`,
        `With ${ext} enabled in firmware this guest would boot (after a power cycle).`,
      ),
    };
  }
  return undefined;
}

/**
 * How a VM exit reads on this host's CPU. The reason numbers are Intel's (SDM Appendix C); AMD-V leaves the
 * guest with #VMEXIT and its own exit codes in the VMCB, so there the VT-x number is given for comparison.
 */
export function exitDetail(world: World, reason: number, name: string): Detail {
  return world.config.host.cpu.vendor === 'amd'
    ? msg(
        `#VMEXIT (AMD-V, VMCB); VT-x라면 basic exit reason ${reason} (${name})`,
        `#VMEXIT (AMD-V, VMCB); VT-x would report basic exit reason ${reason} (${name})`,
      )
    : `VM exit, basic exit reason ${reason} (${name})`;
}

/** The instruction that enters the guest on this host's CPU. */
export const vmEnterInstruction = (world: World): string =>
  world.config.host.cpu.vendor === 'amd' ? 'VMRUN' : 'VMLAUNCH';

/**
 * The one way a boot ends for want of VT-x/AMD-V: `handler` reports it (why, and what would fix it) and the subject
 * stops as `failed`. `frame` lets a caller put the problem in its own words (a head before the detail, a longer
 * reason); returns true when the subject was stopped, so the caller returns too.
 */
export function stopWithoutHardwareAssist(
  world: World,
  subject: Subject,
  handler: { lane: Lane; actor: string },
  frame: { detail?: (d: Detail) => Detail; reason?: (r: Msg) => Msg } = {},
): boolean {
  const problem = hardwareAssistProblem(world);
  if (!problem) return false;
  const detail = frame.detail ? frame.detail(problem.detail) : problem.detail;
  const reason = frame.reason ? frame.reason(problem.reason) : problem.reason;
  world.emit(subject, 'boot', { ...handler, kind: 'error', detail, outcome: 'failed', note: reason, fix: problem.fix });
  world.stop(subject, 'failed', reason, problem.fix);
  return true;
}
