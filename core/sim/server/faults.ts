import { msg, type Msg } from '../../i18n.ts';
import type { Lane } from '../trace.ts';
import type { Subject, World } from '../techniques/world.ts';
import type { PLAIN_OPS } from './schema.ts';

/**
 * Faults: what each failure takes down. A guest crash takes one VM, a QEMU crash one KVM VM (its process), a
 * container's PID 1 one container. A host OS crash takes everything on a type-2 host. A control-domain crash —
 * Xen's Dom0, Hyper-V's root partition, KVM's Linux host — takes every guest: Xen reboots the machine when its
 * hardware domain crashes (xen/common/shutdown.c, `hwdom_shutdown`, unless booted with `noreboot`), the root
 * partition runs the whole virtualization stack (Hyper-V TLFS, partitions), and KVM guests are processes of the
 * host kernel. Only ESXi has no general-purpose OS in that place (check.ts refuses the fault there).
 */

export type FaultOp = Extract<(typeof PLAIN_OPS)[number], `fault.${string}`>;
type FaultHandler = (world: World, subject: Subject, all: readonly Subject[]) => void;

export const isFault = (name: string): name is FaultOp => name in FAULTS;

/** Who contains or reports a fault: the hypervisor (type 1) or the VMM process (type 2). */
function handlerOf(world: World): { lane: Lane; actor: string } {
  return world.product?.type === 'type-2'
    ? { lane: 'vmm', actor: world.product.actor }
    : { lane: 'hypervisor', actor: world.product?.actor ?? 'hypervisor' };
}

/** Stop every running guest and container with `reason`, one `stop` event each, on the lane that ran it. */
function stopAll(world: World, op: FaultOp, all: readonly Subject[], reason: Msg, detail: (name: string) => Msg): void {
  const handler = handlerOf(world);
  for (const other of all) {
    if (other.state.status !== 'running') continue;
    const who = other.kind === 'container' ? { lane: 'container' as const, actor: `container:${other.name}` } : handler;
    world.emit(other, op, { ...who, kind: 'stop', detail: detail(other.name), outcome: 'failed', note: reason });
    world.stop(other, 'stopped', reason);
  }
}

function guestCrash(world: World, subject: Subject): void {
  const op = 'fault.guest-crash';
  const guest = subject.kind === 'guest';
  const reason = guest
    ? msg('게스트 커널이 패닉을 일으켜 이 VM만 멈췄습니다.', 'The guest kernel panicked; only this VM stopped.')
    : msg(
        '컨테이너의 주 프로세스(PID 1)가 죽어 이 컨테이너만 멈췄습니다.',
        "The container's main process (PID 1) died; only this container stopped.",
      );
  world.emit(subject, op, {
    ...world.selfActor(subject),
    kind: 'fault',
    detail: guest ? msg('게스트 커널 패닉', 'guest kernel panic') : msg('PID 1 종료', 'PID 1 exits'),
    outcome: 'failed',
    note: reason,
  });
  world.emit(
    subject,
    op,
    guest
      ? {
          ...handlerOf(world),
          kind: 'contain',
          detail: msg(
            '이 VM만 멈춤; 메모리와 vCPU가 다른 VM과 격리되어 있어 나머지는 계속 실행됨',
            'only this VM is stopped; its memory and vCPUs are isolated from the others, which keep running',
          ),
          cycles: 0,
        }
      : {
          lane: 'host-os',
          actor: 'host-kernel',
          kind: 'contain',
          detail: msg(
            '커널이 이 컨테이너의 네임스페이스를 정리함; 나머지는 계속 실행됨',
            "the kernel tears down this container's namespaces; others keep running",
          ),
          cycles: 0,
        },
  );
  world.stop(subject, 'crashed', reason);
}

function hostOsCrash(world: World, _subject: Subject, all: readonly Subject[]): void {
  const op = 'fault.host-os-crash';
  world.emit(_subject, op, {
    lane: 'host-os',
    actor: 'host-os',
    kind: 'fault',
    detail: msg('호스트 커널 패닉', 'host kernel panic'),
    outcome: 'failed',
  });
  if (world.state.host.os) world.state.host.os.status = 'crashed';
  if (world.state.controlDomain?.kind === 'linux-host') world.state.controlDomain.status = 'crashed';
  const reason = msg(
    '호스트 OS가 멈췄습니다. VMM과 컨테이너는 그 위의 프로세스라 함께 멈췄습니다.',
    'The host OS crashed; VMMs and containers are processes on it, so they stopped with it.',
  );
  stopAll(world, op, all, reason, (name) => msg(`호스트 OS와 함께 ${name} 멈춤`, `${name} stops with the host OS`));
}

/** Each control domain: what its crash looks like, and why the guests go with it. */
const CONTROL_DOMAIN = {
  dom0: {
    lane: 'dom0' as const,
    actor: 'dom0',
    panic: msg(
      'Dom0 커널 패닉: 툴스택, xenstored, 백엔드(blkback/netback), QEMU 장치 모델이 모두 사라짐',
      'Dom0 kernel panic: toolstack, xenstored, backends (blkback/netback) and QEMU device models are gone',
    ),
    consequence: msg(
      '하드웨어 도메인이 죽으면 Xen이 머신을 재부팅함: "Hardware Dom0 crashed: rebooting machine"',
      'with its hardware domain dead, Xen reboots the machine: "Hardware Dom0 crashed: rebooting machine"',
    ),
    reason: msg(
      'Dom0가 죽자 Xen이 머신을 재부팅해 모든 게스트가 멈췄습니다. Dom0는 하이퍼바이저보다 큰 장애 도메인입니다: 범용 리눅스 커널이 모든 게스트의 I/O와 관리를 맡고 있습니다.',
      "Dom0 crashed and Xen rebooted the machine, so every guest stopped. Dom0 is a larger failure domain than the hypervisor: a general-purpose Linux kernel carries every guest's I/O and management.",
    ),
  },
  'root-partition': {
    lane: 'dom0' as const,
    actor: 'root-partition',
    panic: msg(
      '루트 파티션(Windows) 크래시: VMMS, 작업자 프로세스(vmwp), VSP, 장치 드라이버가 모두 사라짐',
      'root partition (Windows) crash: VMMS, the worker processes (vmwp), the VSPs and the device drivers are gone',
    ),
    consequence: msg(
      '가상화 스택이 루트 파티션에 있어 머신 전체가 함께 내려감',
      'the virtualization stack lives in the root partition, so the whole machine goes down with it',
    ),
    reason: msg(
      '루트 파티션이 죽자 모든 자식 파티션이 멈췄습니다. 루트 파티션은 모든 VM의 장치와 관리를 맡은 범용 Windows입니다.',
      'The root partition crashed and every child partition stopped with it: it is a general-purpose Windows that carries every VM’s devices and management.',
    ),
  },
  'linux-host': {
    lane: 'hypervisor' as const,
    actor: 'kvm',
    panic: msg(
      '리눅스 호스트 커널 패닉: kvm.ko와 모든 QEMU 프로세스가 함께 사라짐',
      'Linux host kernel panic: kvm.ko and every QEMU process go with it',
    ),
    consequence: msg(
      'KVM에서 VM은 호스트 커널 위의 QEMU 프로세스이므로 모두 멈춤',
      'under KVM each VM is a QEMU process on the host kernel, so all of them stop',
    ),
    reason: msg(
      '리눅스 호스트 커널이 죽었습니다. KVM의 VM은 그 커널 위의 프로세스라 모두 함께 멈췄습니다.',
      'The Linux host kernel crashed; KVM VMs are processes on that kernel, so all of them stopped.',
    ),
  },
} as const;

function controlDomainCrash(op: FaultOp): FaultHandler {
  return (world, subject, all) => {
    const domain = world.state.controlDomain;
    if (!domain) return; // check.ts refuses the fault where there is none.
    const cd = CONTROL_DOMAIN[domain.kind];
    world.emit(subject, op, {
      lane: cd.lane,
      actor: cd.actor,
      kind: 'fault',
      detail: cd.panic,
      outcome: 'failed',
      note: cd.reason,
    });
    domain.status = 'crashed';
    if (world.state.dom0) world.state.dom0.status = 'crashed';
    if (domain.kind === 'linux-host' && world.state.host.os) world.state.host.os.status = 'crashed';
    world.emit(subject, op, {
      ...handlerOf(world),
      kind: 'reboot',
      detail: cd.consequence,
      outcome: 'failed',
      note: cd.reason,
    });
    stopAll(world, op, all, cd.reason, (name) =>
      msg(`제어 도메인과 함께 ${name} 멈춤`, `${name} stops with the control domain`),
    );
  };
}

function qemuCrash(world: World, subject: Subject): void {
  const op = 'fault.qemu-crash';
  const reason = msg(
    '이 VM의 QEMU 프로세스가 죽어 이 VM만 멈췄습니다. 다른 VM은 각자의 QEMU 프로세스에서 계속 실행됩니다.',
    "This VM's QEMU process died, so only this VM stopped; the other VMs keep running in their own QEMU processes.",
  );
  world.emit(subject, op, {
    lane: 'vmm',
    actor: `vmm:qemu:${subject.name}`,
    kind: 'fault',
    detail: msg(
      'QEMU 프로세스 종료: vCPU 스레드와 장치 모델이 사라짐',
      'the QEMU process exits: its vCPU threads and device models are gone',
    ),
    outcome: 'failed',
    note: reason,
  });
  world.emit(subject, op, {
    lane: 'hypervisor',
    actor: 'kvm',
    kind: 'contain',
    detail: msg('VM fd가 닫혀 KVM이 이 VM만 정리함', 'its VM fd is closed and KVM tears down this VM alone'),
    cycles: 0,
  });
  world.stop(subject, 'crashed', reason);
}

/** One handler per fault. `fault.dom0-crash` is Xen's name for a control-domain crash. */
export const FAULTS = {
  'fault.guest-crash': guestCrash,
  'fault.host-os-crash': hostOsCrash,
  'fault.dom0-crash': controlDomainCrash('fault.dom0-crash'),
  'fault.control-domain-crash': controlDomainCrash('fault.control-domain-crash'),
  'fault.qemu-crash': qemuCrash,
} satisfies Record<FaultOp, FaultHandler>;
