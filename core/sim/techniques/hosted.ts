import { msg, type Msg } from '../../i18n.ts';
import { CYCLES } from '../cost.ts';
import { runInstruction, type Handler } from '../x86/cpu.ts';
import { VMX_EXIT } from '../x86/exit-reasons.ts';
import type { InstructionName } from '../x86/instructions.ts';
import { pageTableUpdate } from './full-virtualization.ts';
import { GUEST_KERNEL_HANDLERS, guestStep, type GuestHandlers } from './guest-kernel.ts';
import { driverSeesCompletion, physicalIo } from './device-io.ts';
import { exitDetail, stopWithoutHardwareAssist } from './hardware-assist.ts';
import { opKindOf, type Op, type Subject, type Technique, type World } from './world.ts';

/**
 * Hosted (type 2: VirtualBox, VMware Workstation, Parallels): the VMM is a process (plus a kernel driver) on a
 * host OS. What leaves the guest goes to the VMM, which needs the host OS to reach the hardware; so the host OS is
 * on every such path, and when it falls every guest falls with it. Modern products require VT-x/AMD-V.
 */

const vmm = (world: World): Handler => ({ lane: 'vmm', actor: world.product?.actor ?? 'vmm' });
const HOST = { lane: 'host-os' as const, actor: 'host-os' };

const HOST_DRIVER_WORK = msg('물리 CPU에서 호스트 드라이버 작업', 'host driver work on the physical CPU');

const HOST_STEP: Partial<Record<InstructionName, { detail: Msg; hw: string; hwDetail: Msg }>> = {
  hlt: {
    detail: msg(
      'VMM의 vCPU 스레드가 블록되고 호스트 스케줄러가 다른 호스트 작업을 실행',
      "the VMM's vCPU thread blocks; the host scheduler runs other host work",
    ),
    hw: 'hardware:cpu',
    hwDetail: msg('물리 CPU가 호스트 작업을 실행하거나 쉼', 'the physical CPU runs host tasks or idles'),
  },
  out: {
    detail: msg(
      'VMM이 포트 쓰기를 호스트 시스템 콜로 바꿈 (예: 자기 장치 백엔드로)',
      'the VMM turns the port write into a host system call (e.g. to its device backend)',
    ),
    hw: 'hardware:cpu',
    hwDetail: HOST_DRIVER_WORK,
  },
  in: {
    detail: msg(
      'VMM이 장치 상태를 읽고, 호스트 커널이 VM entry로 돌아감',
      'the VMM reads its device state; the host kernel returns to VM entry',
    ),
    hw: 'hardware:cpu',
    hwDetail: HOST_DRIVER_WORK,
  },
};

function boot(world: World, subject: Subject): void {
  if (subject.kind !== 'guest') return;
  const op = 'boot';
  const product = world.config.hypervisor?.product ?? 'vmm';
  world.emit(subject, op, {
    ...HOST,
    kind: 'spawn',
    detail: msg(
      `호스트 OS가 이 VM의 ${product} VMM 프로세스를 시작`,
      `the host OS starts the ${product} VMM process for this VM`,
    ),
    cycles: CYCLES.fork,
  });
  const vboxDisabled = product === 'virtualbox' && world.config.host.cpu.hardwareAssist.present;
  const stopped = stopWithoutHardwareAssist(world, subject, vmm(world), {
    // VirtualBox names the firmware-disabled case with its own status code.
    detail: (d) =>
      vboxDisabled
        ? msg(
            'BIOS에서 모든 CPU 모드의 VT-x가 꺼져 있음 (VERR_VMX_MSR_ALL_VMX_DISABLED)',
            'VT-x is disabled in the BIOS for all CPU modes (VERR_VMX_MSR_ALL_VMX_DISABLED)',
          )
        : d,
    reason: (r) =>
      msg(
        `${r.ko} 최신 타입 2 하이퍼바이저는 하드웨어 지원 없이는 VM을 시작하지 않습니다.`,
        `${r.en} Modern type-2 hypervisors will not start a VM without hardware assist.`,
      ),
  });
  if (stopped) return;
  world.emit(subject, op, {
    ...vmm(world),
    kind: 'start',
    detail: msg(
      'VMM이 커널 드라이버를 올리고 VMXON을 실행한 뒤 가상 펌웨어를 에뮬레이션',
      'the VMM loads its kernel driver, executes VMXON and emulates the virtual firmware',
    ),
    cycles: CYCLES.deviceModel,
  });
  world.emit(subject, op, {
    ...world.selfActor(subject),
    kind: 'boot',
    detail: `virtual BIOS/UEFI → bootloader → ${subject.config.os} kernel`,
    cycles: CYCLES.vmBoot,
  });
}

/** The way out of the VMM: every exit is handled by a host process, so it passes the host OS. */
function throughHost(world: World, subject: Subject, op: string, name: InstructionName): void {
  const step = HOST_STEP[name] ?? {
    detail: msg(
      'VMM의 링 0 드라이버가 호스트 커널을 거쳐 돌아온 뒤 게스트에 다시 진입',
      "the VMM's ring-0 driver returns through the host kernel before re-entering the guest",
    ),
    hw: 'hardware:cpu',
    hwDetail: msg('물리 CPU에서 VMRESUME', 'VMRESUME on the physical CPU'),
  };
  world.emit(subject, op, { ...HOST, kind: 'schedule', detail: step.detail, cycles: CYCLES.worldSwitch });
  world.emit(subject, op, {
    lane: 'hardware',
    actor: step.hw,
    kind: 'execute',
    detail: step.hwDetail,
    cycles: CYCLES.native,
  });
}

function io(world: World, subject: Subject, op: string): void {
  const disk = op.startsWith('disk');
  const device = disk ? msg('디스크 컨트롤러', 'disk controller') : msg('네트워크 카드', 'network card');
  const self = world.selfActor(subject);
  world.emit(subject, op, {
    ...self,
    kind: 'io',
    detail: msg(`게스트 드라이버가 가상 ${device.ko}를 설정`, `guest driver programs the virtual ${device.en}`),
    cycles: CYCLES.native,
  });
  world.emit(subject, op, {
    ...vmm(world),
    kind: 'vmexit',
    detail: disk
      ? exitDetail(world, VMX_EXIT.IO_INSTRUCTION.reason, VMX_EXIT.IO_INSTRUCTION.name)
      : exitDetail(world, VMX_EXIT.EPT_VIOLATION.reason, 'EPT violation, MMIO'),
    cycles: CYCLES.vmExit,
  });
  world.emit(subject, op, {
    ...vmm(world),
    kind: 'emulate',
    detail: msg(`VMM 프로세스가 ${device.ko}를 에뮬레이션`, `the VMM process emulates the ${device.en}`),
    cycles: CYCLES.deviceModel,
  });
  const call = op.endsWith('write') ? 'write()' : 'read()';
  world.emit(subject, op, {
    ...HOST,
    kind: 'syscall',
    detail: disk
      ? msg(
          `호스트 파일 시스템을 거쳐 가상 디스크 이미지 파일에 ${call}`,
          `${call} on the virtual disk image file through the host file system`,
        )
      : msg(
          '호스트 네트워크 스택으로 송수신 (NAT 또는 브리지)',
          'send/receive through the host network stack (NAT or bridged)',
        ),
    cycles: CYCLES.worldSwitch + CYCLES.hostIo,
  });
  physicalIo(world, subject, op, msg('호스트 드라이버가 실제 I/O 수행', 'the host driver performs the real I/O'));
  world.emit(subject, op, {
    ...vmm(world),
    kind: 'complete',
    detail: msg(
      'VMM이 가상 인터럽트를 올리고 게스트를 재개',
      'the VMM raises the virtual interrupt and resumes the guest',
    ),
    cycles: CYCLES.emulate,
  });
  driverSeesCompletion(
    world,
    subject,
    op,
    self,
    msg('게스트 드라이버가 I/O 완료를 확인', 'the guest driver sees the I/O done'),
  );
}

/** One handler per kind of operation; `run` only picks. */
export const HOSTED_HANDLERS = {
  ...GUEST_KERNEL_HANDLERS,
  insn({ world, subject, op }) {
    const name = op.name.slice(5) as InstructionName;
    runInstruction(world, subject, name, 'hardware-assist', vmm(world), () =>
      throughHost(world, subject, op.name, name),
    );
  },
  io: ({ world, subject, op }) => io(world, subject, op.name),
  'pagetable.update': ({ world, subject, op }) => pageTableUpdate(world, subject, op.name, 'hardware-assist'),
} satisfies GuestHandlers;

function run(world: World, subject: Subject, op: Op): void {
  if (subject.kind !== 'guest') return;
  HOSTED_HANDLERS[opKindOf(op.name)](guestStep(world, subject, op));
}

export const hosted: Technique = { id: 'hosted', boot, run };
