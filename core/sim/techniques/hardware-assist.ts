import { msg, type Msg } from '../../i18n.ts';
import type { World } from './world.ts';

export interface Unavailable {
  detail: string;
  reason: Msg;
  fix: Msg;
}

/** Why VT-x/AMD-V cannot be used on this host, or undefined when it can. */
export function hardwareAssistProblem(world: World): Unavailable | undefined {
  const { vendor, hardwareAssist } = world.config.host.cpu;
  const ext = vendor === 'amd' ? 'AMD-V' : 'VT-x';
  if (!hardwareAssist.present) {
    return {
      detail: `CPUID reports no ${ext}`,
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
        ? { what: 'VM_CR.SVMDIS is set and locked', then: 'setting EFER.SVME raises #GP' }
        : { what: 'IA32_FEATURE_CONTROL is locked with VMX disabled', then: 'VMXON raises #GP' };
    return {
      detail: `${lock.what}, so ${lock.then}`,
      reason: msg(
        `펌웨어(BIOS/UEFI)에서 ${ext}가 꺼져 있습니다 (${lock.what}: ${lock.then}).`,
        `${ext} is disabled in firmware (BIOS/UEFI): ${lock.what}, so ${lock.then}.`,
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
export function exitDetail(world: World, reason: number, name: string): string {
  return world.config.host.cpu.vendor === 'amd'
    ? `#VMEXIT (AMD-V, VMCB); VT-x would report basic exit reason ${reason} (${name})`
    : `VM exit, basic exit reason ${reason} (${name})`;
}

/** The instruction that enters the guest on this host's CPU. */
export const vmEnterInstruction = (world: World): string => (world.config.host.cpu.vendor === 'amd' ? 'VMRUN' : 'VMLAUNCH');
