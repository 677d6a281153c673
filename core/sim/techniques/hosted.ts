import { msg } from '../../i18n.ts';
import { CYCLES } from '../cost.ts';
import { runInstruction, type Handler } from '../x86/cpu.ts';
import type { InstructionName } from '../x86/instructions.ts';
import { pageTableUpdate } from './full-virtualization.ts';
import { runInGuestKernel } from './guest-kernel.ts';
import { exitDetail, hardwareAssistProblem } from './hardware-assist.ts';
import type { Op, Subject, Technique, World } from './world.ts';

/**
 * Hosted (type 2: VirtualBox, VMware Workstation, Parallels): the VMM is a process (plus a kernel driver) on a
 * host OS. What leaves the guest goes to the VMM, which needs the host OS to reach the hardware; so the host OS is
 * on every such path, and when it falls every guest falls with it. Modern products require VT-x/AMD-V.
 */

const vmm = (world: World): Handler => ({ lane: 'vmm', actor: world.product?.actor ?? 'vmm' });
const HOST = { lane: 'host-os' as const, actor: 'host-os' };

const HOST_STEP: Partial<Record<InstructionName, { detail: string; hw: string; hwDetail: string }>> = {
  hlt: { detail: "the VMM's vCPU thread blocks; the host scheduler runs other host work", hw: 'hardware:cpu', hwDetail: 'the physical CPU runs host tasks or idles' },
  out: { detail: 'the VMM turns the port write into a host system call (e.g. to its device backend)', hw: 'hardware:cpu', hwDetail: 'host driver work on the physical CPU' },
  in: { detail: 'the VMM reads its device state; the host kernel returns to VM entry', hw: 'hardware:cpu', hwDetail: 'host driver work on the physical CPU' },
};

function boot(world: World, subject: Subject): void {
  if (subject.kind !== 'guest') return;
  const op = 'boot';
  const product = world.config.hypervisor?.product ?? 'vmm';
  world.emit(subject, op, { ...HOST, kind: 'spawn', detail: `the host OS starts the ${product} VMM process for this VM`, cycles: CYCLES.fork });
  const problem = hardwareAssistProblem(world);
  if (problem) {
    const detail =
      product === 'virtualbox' && world.config.host.cpu.hardwareAssist.present
        ? 'VT-x is disabled in the BIOS for all CPU modes (VERR_VMX_MSR_ALL_VMX_DISABLED)'
        : problem.detail;
    const reason = msg(
      `${problem.reason.ko} 최신 타입 2 하이퍼바이저는 하드웨어 지원 없이는 VM을 시작하지 않습니다.`,
      `${problem.reason.en} Modern type-2 hypervisors will not start a VM without hardware assist.`,
    );
    world.emit(subject, op, { ...vmm(world), kind: 'error', detail, outcome: 'failed', note: reason, fix: problem.fix });
    world.stop(subject, 'failed', reason, problem.fix);
    return;
  }
  world.emit(subject, op, { ...vmm(world), kind: 'start', detail: 'the VMM loads its kernel driver, executes VMXON and emulates the virtual firmware', cycles: CYCLES.deviceModel });
  world.emit(subject, op, { ...world.selfActor(subject), kind: 'boot', detail: `virtual BIOS/UEFI → bootloader → ${subject.config.os} kernel`, cycles: CYCLES.vmBoot });
}

/** The way out of the VMM: every exit is handled by a host process, so it passes the host OS. */
function throughHost(world: World, subject: Subject, op: string, name: InstructionName): void {
  const step = HOST_STEP[name] ?? {
    detail: "the VMM's ring-0 driver returns through the host kernel before re-entering the guest",
    hw: 'hardware:cpu',
    hwDetail: 'VMRESUME on the physical CPU',
  };
  world.emit(subject, op, { ...HOST, kind: 'schedule', detail: step.detail, cycles: CYCLES.worldSwitch });
  world.emit(subject, op, { lane: 'hardware', actor: step.hw, kind: 'execute', detail: step.hwDetail, cycles: CYCLES.native });
}

function io(world: World, subject: Subject, op: string): void {
  const disk = op.startsWith('disk');
  const self = world.selfActor(subject);
  world.emit(subject, op, { ...self, kind: 'io', detail: `guest driver programs the virtual ${disk ? 'disk controller' : 'network card'}`, cycles: CYCLES.native });
  world.emit(subject, op, { ...vmm(world), kind: 'vmexit', detail: disk ? exitDetail(world, 30, 'I/O instruction') : exitDetail(world, 48, 'EPT violation, MMIO'), cycles: CYCLES.vmExit });
  world.emit(subject, op, { ...vmm(world), kind: 'emulate', detail: `the VMM process emulates the ${disk ? 'disk controller' : 'network card'}`, cycles: CYCLES.deviceModel });
  world.emit(subject, op, {
    ...HOST,
    kind: 'syscall',
    detail: disk ? `${op.endsWith('write') ? 'write()' : 'read()'} on the virtual disk image file through the host file system` : 'send/receive through the host network stack (NAT or bridged)',
    cycles: CYCLES.worldSwitch + CYCLES.hostIo,
  });
  world.emit(subject, op, { lane: 'hardware', actor: disk ? 'hardware:disk' : 'hardware:nic', kind: 'io', detail: 'the host driver performs the real I/O', cycles: disk ? CYCLES.disk : CYCLES.nic });
  world.emit(subject, op, { ...vmm(world), kind: 'complete', detail: 'the VMM raises the virtual interrupt and resumes the guest', cycles: CYCLES.emulate });
  world.emit(subject, op, { ...self, kind: 'complete', detail: 'the guest driver sees the I/O done', cycles: 0 });
}

function run(world: World, subject: Subject, op: Op): void {
  if (op.name.startsWith('insn.')) {
    const name = op.name.slice(5) as InstructionName;
    runInstruction(world, subject, name, 'hardware-assist', vmm(world), () => throughHost(world, subject, op.name, name));
    return;
  }
  if (op.name.startsWith('disk.') || op.name.startsWith('net.')) {
    io(world, subject, op.name);
    return;
  }
  if (op.name === 'pagetable.update') {
    pageTableUpdate(world, subject, op.name, 'hardware-assist');
    return;
  }
  runInGuestKernel(world, subject, op);
}

export const hosted: Technique = { id: 'hosted', boot, run };
