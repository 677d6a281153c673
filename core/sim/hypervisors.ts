import { msg, type Msg } from '../i18n.ts';
import type { Lane } from './trace.ts';

export type HypervisorType = 'type-1' | 'type-2' | 'debated';

export interface HypervisorProduct {
  type: HypervisorType;
  /** Actor name of the hypervisor (type 1) or of the VMM process (type 2) in the trace. */
  actor: string;
  /**
   * Who emulates an HVM guest's devices, when it is not the hypervisor itself; `perVm` when each VM has its own
   * process (KVM's QEMU, Hyper-V's vmwp), whose actor then ends with the guest's name.
   */
  deviceModel?: { lane: Lane; actor: string; perVm?: boolean };
  /** Xen splits work with Dom0 and offers PV/PVH guests. */
  xen: boolean;
  /** Whether the product can virtualize the CPU by binary translation (no VT-x needed). */
  binaryTranslation: boolean;
  note: Msg;
}

export const HYPERVISORS = {
  xen: {
    type: 'type-1',
    actor: 'xen',
    deviceModel: { lane: 'dom0', actor: 'dom0:qemu' },
    xen: true,
    binaryTranslation: false,
    note: msg(
      '베어메탈 위의 얇은 하이퍼바이저입니다. 장치 드라이버와 관리 도구는 특권 도메인 Dom0에 있습니다.',
      'A thin hypervisor on bare metal; device drivers and the toolstack live in the privileged domain Dom0.',
    ),
  },
  esxi: {
    type: 'type-1',
    actor: 'esxi:vmkernel',
    xen: false,
    binaryTranslation: true,
    note: msg(
      '자체 vmkernel을 가진 베어메탈 하이퍼바이저입니다. 장치 에뮬레이션도 하이퍼바이저 안의 VMM이 합니다.',
      'A bare-metal hypervisor with its own vmkernel; device emulation happens in its VMM, inside the hypervisor.',
    ),
  },
  'hyper-v': {
    type: 'type-1',
    actor: 'hyper-v',
    deviceModel: { lane: 'dom0', actor: 'root-partition:vmwp', perVm: true },
    xen: false,
    binaryTranslation: false,
    note: msg(
      'Windows 10/11에서도 타입 1입니다. Windows 설치본은 루트 파티션이 되어 Xen의 Dom0와 같은 역할을 합니다.',
      'Type 1 even on Windows 10/11: the Windows install becomes the root partition, the counterpart of Xen Dom0.',
    ),
  },
  kvm: {
    type: 'debated',
    actor: 'kvm',
    deviceModel: { lane: 'vmm', actor: 'vmm:qemu', perVm: true },
    xen: false,
    binaryTranslation: false,
    note: msg(
      'KVM은 보통 타입 1로 부르지만 논쟁이 있습니다: kvm 모듈이 리눅스를 하이퍼바이저로 바꾸지만 리눅스는 여전히 범용 OS라 타입 2로 분류하기도 합니다.',
      'KVM is generally called type 1, but this is debated: the kvm module turns Linux into a hypervisor, yet Linux stays a general-purpose OS, so some class it as type 2.',
    ),
  },
  virtualbox: {
    type: 'type-2',
    actor: 'vmm:virtualbox',
    xen: false,
    binaryTranslation: false,
    note: msg(
      '호스트 OS 위의 응용 프로그램(과 커널 드라이버)으로 실행되는 타입 2 하이퍼바이저입니다. 호스트 OS만큼만 안전합니다.',
      'A type-2 hypervisor: an application (plus a kernel driver) on a host OS, only as secure as that host.',
    ),
  },
  'vmware-workstation': {
    type: 'type-2',
    actor: 'vmm:vmware-workstation',
    xen: false,
    binaryTranslation: false,
    note: msg(
      'Windows나 리눅스 호스트 위에서 실행되는 타입 2 하이퍼바이저입니다.',
      'A type-2 hypervisor that runs on a Windows or Linux host.',
    ),
  },
  parallels: {
    type: 'type-2',
    actor: 'vmm:parallels',
    xen: false,
    binaryTranslation: false,
    note: msg('macOS 호스트 위의 타입 2 하이퍼바이저입니다.', 'A type-2 hypervisor on a macOS host.'),
  },
} as const satisfies Record<string, HypervisorProduct>;

export type HypervisorName = keyof typeof HYPERVISORS;
export const HYPERVISOR_NAMES = Object.keys(HYPERVISORS) as HypervisorName[];
