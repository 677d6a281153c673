import { msg } from '../../i18n.ts';
import type { CpuVirtualization, GuestConfig } from '../server/schema.ts';
import { CYCLES } from '../cost.ts';
import { runInstruction, type Handler } from '../x86/cpu.ts';
import type { InstructionName } from '../x86/instructions.ts';
import { IOREQ_STATE, hypercall } from '../xen/hypercalls.ts';
import { splitDriverHandshake, splitIo } from '../xen/split-drivers.ts';
import { enlightenedBoot, isVmbusOp, usesVmbus, vmbusIo } from '../hyperv/vmbus.ts';
import { KVM_EXIT } from '../kvm/api.ts';
import { VMX_EXIT } from '../x86/exit-reasons.ts';
import { isVirtioOp, kvmCreateVm, virtioIo, virtioProbe } from '../kvm/virtio-path.ts';
import { GUEST_KERNEL_HANDLERS, guestStep, type GuestHandlers, type GuestStep } from './guest-kernel.ts';
import { deviceKindOf, driverSeesCompletion, physicalIo } from './device-io.ts';
import { exitDetail, stopWithoutHardwareAssist, vmEnterInstruction } from './hardware-assist.ts';
import type { Detail, Lane } from '../trace.ts';
import { opKindOf, type Op, type Subject, type Technique, type World } from './world.ts';

/**
 * Full virtualization (Xen HVM, ESXi, Hyper-V, KVM): the guest is unmodified. Sensitive instructions reach the
 * hypervisor by VM exit (hardware assist), by translation (binary translation) or by trap (classic
 * trap-and-emulate, unfaithful on x86). Devices are emulated: on Xen by QEMU in Dom0, which the ioreq protocol
 * drives. Every hop costs cycles, so the overhead shows.
 */

export function hypervisorHandler(world: World): Handler {
  const actor = world.product?.actor ?? 'hypervisor';
  return { lane: 'hypervisor', actor: world.cpuVirtualization === 'binary-translation' ? `${actor}:bt` : actor };
}

/**
 * The emulated devices. The disk is an IDE controller driven by port I/O at 0x1F0 (the legacy primary ATA channel,
 * QEMU hw/ide): that is what the trace does (exit 30, ioreq PIO), and IDE is Xen HVM's default emulated disk
 * (xl.cfg `hdtype`, default ide) and Hyper-V generation 1's boot disk. The NIC is an e1000 (Hyper-V: its legacy
 * network adapter) reached through MMIO: an EPT violation (48) where the hypervisor has no mapping, an EPT
 * misconfiguration (49) under KVM, which marks MMIO pages that way (Linux arch/x86/kvm/mmu/spte.c). Exit reasons:
 * Intel SDM Appendix C; KVM exit codes: Linux include/uapi/linux/kvm.h.
 */
const pair = (e: { reason: number; name: string }) => ({ reason: e.reason, exit: e.name });

function emulatedDevice(world: World, op: string) {
  const kvm = world.config.hypervisor?.product === 'kvm';
  if (deviceKindOf(op) === 'disk') {
    return {
      emulated: msg('IDE 디스크 컨트롤러 (포트 0x1F0)', 'IDE disk controller (port 0x1F0)'),
      ...pair(VMX_EXIT.IO_INSTRUCTION),
      kvmExit: `KVM_EXIT_IO (${KVM_EXIT.IO})`,
    };
  }
  const nic =
    world.config.hypervisor?.product === 'hyper-v'
      ? msg('레거시 네트워크 어댑터', 'legacy network adapter')
      : msg('e1000 네트워크 카드', 'e1000 network card');
  return {
    emulated: nic,
    ...pair(kvm ? VMX_EXIT.EPT_MISCONFIG : VMX_EXIT.EPT_VIOLATION),
    kvmExit: `KVM_EXIT_MMIO (${KVM_EXIT.MMIO})`,
  };
}

/** Who takes the device model's request to the real driver: Xen's mappings, KVM's host kernel, the root partition. */
function realDriverHop(world: World, op: string, hv: Handler): { lane: Lane; actor: string; detail: Detail } {
  const disk = deviceKindOf(op) === 'disk';
  switch (world.config.hypervisor?.product) {
    case 'xen':
      return {
        ...hv,
        detail: msg(
          '게스트 버퍼에 대한 Dom0 실제 드라이버의 요청이 Xen의 IOMMU/p2m 매핑을 거쳐 장치로 감',
          "Dom0's real driver request for the guest buffer passes Xen's IOMMU/p2m mapping to the device",
        ),
      };
    case 'kvm':
      return disk
        ? {
            lane: 'hypervisor',
            actor: 'kvm-host:block-layer',
            detail: msg(
              'QEMU의 read/write → 호스트 블록 계층 → 디스크 드라이버',
              "QEMU's read/write → host block layer → disk driver",
            ),
          }
        : {
            lane: 'hypervisor',
            actor: 'kvm-host:net',
            detail: msg(
              'QEMU의 tap fd write() → 브리지 → NIC 드라이버',
              "QEMU's write() on the tap fd → bridge → NIC driver",
            ),
          };
    case 'hyper-v':
      return {
        lane: 'dom0',
        actor: 'root-partition',
        detail: disk
          ? msg(
              'vmwp의 요청이 루트 파티션의 저장 장치 스택을 거쳐 드라이버로 감',
              "vmwp's request goes down the root partition's storage stack to the driver",
            )
          : msg(
              'vmwp의 요청이 루트 파티션의 가상 스위치를 거쳐 NIC 드라이버로 감',
              "vmwp's request goes through the root partition's virtual switch to the NIC driver",
            ),
      };
    default:
      return {
        ...hv,
        detail: msg('실제 드라이버의 요청이 장치로 넘어감', 'the real driver request is passed to the device'),
      };
  }
}

/** The device model serving this guest: one shared actor (Xen's QEMU in Dom0), or this VM's own process. */
function deviceModelOf(world: World, subject: Subject): { lane: Lane; actor: string } | undefined {
  const model = world.product?.deviceModel;
  if (!model) return undefined;
  return { lane: model.lane, actor: 'perVm' in model && model.perVm ? `${model.actor}:${subject.name}` : model.actor };
}

/** How the hypervisor hands an emulated access to its device model, where that is not Xen's ioreq. */
function forwardDetail(world: World, kvmExit: string) {
  switch (world.config.hypervisor?.product) {
    case 'kvm':
      return msg(
        `KVM_RUN이 이 VM의 QEMU vCPU 스레드로 ${kvmExit}을 가지고 돌아감`,
        `KVM_RUN returns to this VM's QEMU vCPU thread with ${kvmExit}`,
      );
    case 'hyper-v':
      return msg(
        '하이퍼바이저가 인터셉트를 루트 파티션에 보내고, 이 VM의 작업자 프로세스(vmwp)가 받음',
        "the hypervisor sends the intercept to the root partition, where this VM's worker process (vmwp) takes it",
      );
    default:
      return msg('인터셉트를 장치 모델로 넘김', 'intercept forwarded to the device model');
  }
}

/** A device access of an HVM guest: exit → device model (Dom0 QEMU on Xen) → real device → back to the guest. */
function emulatedIo(world: World, subject: Subject, op: string): void {
  const dev = emulatedDevice(world, op);
  const hv = hypervisorHandler(world);
  const self = world.selfActor(subject);
  const assisted = world.cpuVirtualization === 'hardware-assist';
  world.emit(subject, op, {
    ...self,
    kind: 'io',
    detail: msg(
      `게스트 드라이버가 에뮬레이션된 ${dev.emulated.ko}를 조작함`,
      `guest driver programs the emulated ${dev.emulated.en}`,
    ),
    cycles: CYCLES.native,
  });
  const how = world.cpuVirtualization;
  world.emit(subject, op, {
    ...hv,
    kind: how === 'hardware-assist' ? 'vmexit' : how === 'binary-translation' ? 'translate' : 'trap',
    detail:
      how === 'hardware-assist'
        ? exitDetail(world, dev.reason, dev.exit)
        : how === 'binary-translation'
          ? msg(
              '변환된 드라이버 코드가 장치 접근을 VMM에 맡김',
              'translated driver code calls the VMM for the device access',
            )
          : msg(`장치 접근에서 트랩 (${dev.exit})`, `trap on the device access (${dev.exit})`),
    cycles: how === 'hardware-assist' ? CYCLES.vmExit : how === 'binary-translation' ? CYCLES.translated : CYCLES.trap,
  });
  const model = deviceModelOf(world, subject);
  const xen = world.product?.xen === true;
  if (!model) {
    // ESXi: the VMM inside the hypervisor emulates the device and the vmkernel driver does the I/O.
    world.emit(subject, op, {
      lane: 'hypervisor',
      actor: `${hv.actor}:vmm`,
      kind: 'emulate',
      detail: msg(`VMM이 ${dev.emulated.ko}를 에뮬레이션함`, `VMM emulates the ${dev.emulated.en}`),
      cycles: CYCLES.deviceModel,
    });
    physicalIo(
      world,
      subject,
      op,
      msg('vmkernel 드라이버가 실제 I/O를 수행함', 'vmkernel driver performs the real I/O'),
    );
  } else {
    // The ioreq fields and states are Xen's names, the same in both languages.
    const dir = op.endsWith('read') || op.endsWith('recv') ? 'READ' : 'WRITE';
    const ioreq = `ioreq {type: ${dev.reason === VMX_EXIT.IO_INSTRUCTION.reason ? 'PIO' : 'COPY (MMIO)'}, dir: ${dir}} state IOREQ_READY (${IOREQ_STATE.IOREQ_READY})`;
    const inProcess = xen ? `state INPROCESS (${IOREQ_STATE.INPROCESS}): ` : '';
    const respReady = `state IORESP_READY (${IOREQ_STATE.IORESP_READY})`;
    world.emit(subject, op, {
      ...hv,
      kind: 'ioreq',
      detail: xen
        ? msg(`${ioreq}; 이벤트 채널로 장치 모델에 알림`, `${ioreq}; event channel notifies the device model`)
        : forwardDetail(world, dev.kvmExit),
      cycles: CYCLES.eventChannel,
    });
    world.emit(subject, op, {
      ...model,
      kind: 'emulate',
      detail: msg(
        `${inProcess}장치 모델이 ${dev.emulated.ko}를 에뮬레이션함`,
        `${inProcess}device model emulates the ${dev.emulated.en}`,
      ),
      cycles: CYCLES.domainSwitch + CYCLES.deviceModel,
    });
    world.emit(subject, op, { ...realDriverHop(world, op, hv), kind: 'io', cycles: CYCLES.emulate });
    physicalIo(world, subject, op);
    world.emit(subject, op, {
      ...model,
      kind: 'complete',
      detail: xen
        ? msg(`${respReady}; EVTCHNOP_send로 Xen에 알림`, `${respReady}; EVTCHNOP_send back to Xen`)
        : msg('장치 모델이 요청을 완료함', 'device model completes the request'),
      hypercall: xen ? hypercall('event_channel_op') : undefined,
      cycles: CYCLES.eventChannel,
    });
  }
  const resumeState = xen ? `state NONE (${IOREQ_STATE.NONE}); ` : '';
  world.emit(subject, op, {
    ...hv,
    kind: 'vmentry',
    detail: msg(
      `${resumeState}게스트 명령이 완료되고 vCPU가 재개됨`,
      `${resumeState}the guest instruction completes and the vCPU resumes`,
    ),
    cycles: assisted ? CYCLES.emulate : CYCLES.trap / 2,
  });
  driverSeesCompletion(
    world,
    subject,
    op,
    self,
    msg('게스트 드라이버가 I/O 완료를 확인함', 'the guest driver sees the I/O done'),
  );
}

/**
 * The virtual firmware a guest boots through. Xen and KVM: QEMU's SeaBIOS, or OVMF for UEFI. ESXi: VMware's own
 * virtual BIOS, or its virtual EFI (ESXi 5.0 on). Hyper-V: its own firmware, BIOS in generation 1 (emulated IDE
 * boot disk) and UEFI in generation 2 (synthetic devices only; Microsoft, "Should I create a generation 1 or 2
 * virtual machine in Hyper-V?"). Windows guests take the UEFI firmware where there is a choice.
 */
export function firmwareOf(world: World, guest: GuestConfig): string {
  const uefi = guest.os === 'windows';
  switch (world.config.hypervisor?.product) {
    case 'esxi':
      return uefi ? 'VMware virtual EFI' : 'VMware virtual BIOS';
    case 'hyper-v':
      return guest.devices.disk === 'emulated' || guest.devices.net === 'emulated'
        ? 'Hyper-V generation 1 BIOS'
        : 'Hyper-V generation 2 UEFI';
    default:
      return uefi ? 'UEFI (OVMF)' : 'BIOS (SeaBIOS)';
  }
}

function boot(world: World, subject: Subject): void {
  if (subject.kind !== 'guest') return;
  const hv = hypervisorHandler(world);
  const op = 'boot';
  const xen = world.product?.xen === true;
  if (xen) {
    world.emit(subject, op, {
      lane: 'dom0',
      actor: 'dom0:xl',
      kind: 'hypercall',
      detail: msg(
        '툴스택(xl/libxl)이 HVM 도메인을 만듦: XEN_DOMCTL_createdomain',
        'toolstack (xl/libxl) creates the HVM domain: XEN_DOMCTL_createdomain',
      ),
      hypercall: hypercall('domctl'),
      cycles: CYCLES.hypercall,
    });
  } else {
    if (subject.kind === 'guest' && world.config.hypervisor?.product === 'kvm') kvmCreateVm(world, subject);
    else
      world.emit(subject, op, {
        ...hv,
        kind: 'create',
        detail: msg('하이퍼바이저가 VM을 만듦', 'the hypervisor creates the VM'),
        cycles: CYCLES.emulate,
      });
  }
  if (world.cpuVirtualization === 'hardware-assist' && stopWithoutHardwareAssist(world, subject, hv)) return;
  const firmware = firmwareOf(world, subject.config);
  const model = deviceModelOf(world, subject);
  if (model) {
    world.emit(subject, op, {
      ...model,
      kind: 'start',
      detail: msg(
        `장치 모델이 시작되어 ${firmware}를 포함한 플랫폼을 에뮬레이션함`,
        `device model starts and emulates the platform, ${firmware} included`,
      ),
      cycles: CYCLES.deviceModel,
    });
  }
  const how =
    world.cpuVirtualization === 'hardware-assist'
      ? msg(
          `${vmEnterInstruction(world)}: 게스트가 게스트 모드(Intel에서는 VMX non-root)로 실행됨`,
          `${vmEnterInstruction(world)}: the guest runs in guest mode (VMX non-root on Intel)`,
        )
      : world.cpuVirtualization === 'binary-translation'
        ? msg(
            '게스트 커널 코드는 변환된 블록으로, 사용자 코드는 그대로 실행됨',
            'guest kernel code runs as translated blocks, user code directly',
          )
        : msg(
            '게스트 커널을 링 1로 낮춤; 특권 명령은 트랩됨',
            'guest kernel deprivileged to ring 1; privileged instructions trap',
          );
  const os = subject.config.os;
  world.emit(subject, op, {
    ...world.selfActor(subject),
    kind: 'boot',
    detail: msg(
      `${firmware} → 부트 로더 → 수정하지 않은 ${os} 커널; ${how.ko}`,
      `${firmware} → bootloader → unmodified ${os} kernel; ${how.en}`,
    ),
    cycles: CYCLES.vmBoot,
  });
  if (usesVmbus(subject)) enlightenedBoot(world, subject);
  if (world.config.hypervisor?.product === 'kvm') virtioProbe(world, subject);
  if (subject.config.pvDrivers) {
    world.emit(subject, op, {
      ...world.selfActor(subject),
      kind: 'unplug',
      detail: msg(
        'PV 드라이버가 I/O 포트 0x10에서 매직 값 0x49d2를 읽고, 비트 0과 1을 써서 에뮬레이션된 디스크와 NIC를 언플러그함',
        'PV drivers read magic 0x49d2 from I/O port 0x10, then write bits 0 and 1 to unplug the emulated disks and NICs',
      ),
      cycles: CYCLES.vmExit * 2,
    });
    splitDriverHandshake(world, subject);
  }
}

/** A device operation takes the guest's driver path: PV drivers, virtio, VMBus, or the emulated device. */
function io(s: GuestStep): void {
  const { world, subject, op } = s;
  if (subject.config.pvDrivers) splitIo(world, subject, op.name);
  else if (isVirtioOp(subject, op.name)) virtioIo(world, subject, op.name);
  else if (isVmbusOp(subject, op.name)) vmbusIo(world, subject, op.name);
  else emulatedIo(world, subject, op.name);
}

/** One handler per kind of operation; `run` only picks. */
export const FULL_VIRTUALIZATION_HANDLERS = {
  ...GUEST_KERNEL_HANDLERS,
  insn({ world, subject, op }) {
    const name = op.name.slice(5) as InstructionName;
    const device = name === 'out' || name === 'in' ? () => portDevice(world, subject, op.name) : undefined;
    runInstruction(world, subject, name, world.cpuVirtualization, hypervisorHandler(world), device);
  },
  io,
  'pagetable.update': ({ world, subject, op }) => pageTableUpdate(world, subject, op.name, world.cpuVirtualization),
} satisfies GuestHandlers;

function run(world: World, subject: Subject, op: Op): void {
  if (subject.kind !== 'guest') return;
  FULL_VIRTUALIZATION_HANDLERS[opKindOf(op.name)](guestStep(world, subject, op));
}

/** IN/OUT to an emulated port: the device model (if any) services it after the exit. */
function portDevice(world: World, subject: Subject, op: string): void {
  const model = deviceModelOf(world, subject);
  if (!model) return;
  world.emit(subject, op, {
    ...model,
    kind: 'emulate',
    detail: msg(
      '장치 모델이 에뮬레이션된 포트를 처리함 (ioreq type PIO)',
      'device model services the emulated port (ioreq type PIO)',
    ),
    cycles: CYCLES.domainSwitch + CYCLES.deviceModel,
  });
}

/** A guest kernel writes a page-table entry: EPT makes that free; without it the hypervisor keeps shadow tables. */
export function pageTableUpdate(world: World, subject: Subject, op: string, how: CpuVirtualization): void {
  const self = world.selfActor(subject);
  if (how === 'hardware-assist') {
    world.emit(subject, op, {
      ...self,
      kind: 'execute',
      detail: msg(
        '게스트가 자기 페이지 테이블을 직접 씀; EPT/NPT가 게스트 물리 주소를 호스트 물리 주소로 변환, VM exit 없음',
        'guest writes its own page table; EPT/NPT translates guest-physical to host-physical, no VM exit',
      ),
      cycles: CYCLES.native,
    });
    return;
  }
  const hv = hypervisorHandler(world);
  world.emit(subject, op, {
    ...self,
    kind: 'issue',
    detail: msg(
      '게스트가 페이지 테이블 항목을 씀 (하이퍼바이저가 쓰기 금지한 페이지)',
      'guest writes a page-table entry (the page is write-protected by the hypervisor)',
    ),
    cycles: CYCLES.native,
  });
  world.emit(subject, op, {
    ...hv,
    kind: 'trap',
    detail: msg(
      '쓰기 금지된 페이지 테이블 페이지에서 페이지 폴트',
      'page fault on the write-protected page-table page',
    ),
    cycles: CYCLES.trap,
  });
  world.emit(subject, op, {
    ...hv,
    kind: 'emulate',
    detail: msg(
      '하이퍼바이저가 쓰기를 대신 반영하고 섀도 페이지 테이블을 갱신함',
      'hypervisor applies the write and updates its shadow page table',
    ),
    cycles: CYCLES.emulate * 2,
  });
}

export const fullVirtualization: Technique = { id: 'full-virtualization', boot, run };
