import { msg } from '../../i18n.ts';
import { CYCLES } from '../cost.ts';
import type { VirtqueueState } from '../server/state.ts';
import { deviceKindOf, driverSeesCompletion, physicalIo } from '../techniques/device-io.ts';
import { exitDetail } from '../techniques/hardware-assist.ts';
import type { GuestSubject } from '../techniques/guest-kernel.ts';
import type { World } from '../techniques/world.ts';
import { VMX_EXIT } from '../x86/exit-reasons.ts';
import { KVM_EXIT, ioctl } from './api.ts';
import {
  QUEUE,
  VIRTIO_BLK_S_OK,
  VIRTIO_BLK_T,
  VIRTIO_ID,
  VIRTIO_PCI_VENDOR,
  VIRTQ_DESC_F,
  makeAvailable,
  markUsed,
  newVirtqueue,
  ringBytes,
} from './virtio.ts';

/**
 * KVM: kvm.ko in a Linux host, one QEMU process per VM. A virtio device is a pair of rings in guest memory: the
 * guest driver makes buffers available and "kicks" (a write to the device's notify address, which exits as
 * EPT_MISCONFIG, exit reason 49, Intel SDM Appendix C; KVM marks MMIO that way, Linux arch/x86/kvm/mmu/spte.c);
 * the device (QEMU in userspace, or vhost-net in the host kernel) takes them, does the I/O through the host
 * kernel, returns them on the used ring and interrupts the guest through an irqfd. Set beside Xen's
 * blkfront/blkback: the ring and the notification are the same idea, but the backend is a process or a kernel
 * thread of the host that *is* the hypervisor, not a separate domain.
 */

const KVM = { lane: 'hypervisor' as const, actor: 'kvm' };
const qemu = (s: GuestSubject) => ({ lane: 'vmm' as const, actor: `vmm:qemu:${s.name}` });
const VHOST = { lane: 'hypervisor' as const, actor: 'kvm-host:vhost-net' };
const BLOCK = { lane: 'hypervisor' as const, actor: 'kvm-host:block-layer' };
const NET = { lane: 'hypervisor' as const, actor: 'kvm-host:net' };

/** Notify-address exits are MMIO, which KVM sees as an EPT misconfiguration (49) on Intel. */
const NOTIFY_EXIT = VMX_EXIT.EPT_MISCONFIG;

const virtioNet = (s: GuestSubject) => s.config.devices.net === 'virtio-net' || s.config.devices.net === 'vhost-net';
const usesVirtio = (s: GuestSubject) => s.config.devices.disk === 'virtio-blk' || virtioNet(s);

/** Boot of a KVM guest: its own QEMU process, the KVM ioctls it issues, and the eventfds virtio uses. */
export function kvmCreateVm(world: World, subject: GuestSubject): void {
  const op = 'boot';
  world.emit(subject, op, {
    ...qemu(subject),
    kind: 'spawn',
    detail: msg(
      `이 VM만의 QEMU 프로세스: /dev/kvm을 열고 ${ioctl('KVM_CREATE_VM')}, 게스트 RAM을 자기 메모리에서 ${ioctl('KVM_SET_USER_MEMORY_REGION')}로 등록, vCPU마다 ${ioctl('KVM_CREATE_VCPU')}와 스레드 하나`,
      `this VM's own QEMU process: opens /dev/kvm, ${ioctl('KVM_CREATE_VM')}, registers guest RAM from its own memory with ${ioctl('KVM_SET_USER_MEMORY_REGION')}, one ${ioctl('KVM_CREATE_VCPU')} and one thread per vCPU`,
    ),
    cycles: CYCLES.fork,
  });
  if (!usesVirtio(subject)) return;
  const { devices } = subject.config;
  const wired = devices.ioeventfd || devices.net === 'vhost-net';
  world.emit(subject, op, {
    ...KVM,
    kind: 'eventfd',
    detail: msg(
      `virtio-pci 장치 (vendor 0x${VIRTIO_PCI_VENDOR.toString(16).toUpperCase()}): ${wired ? `알림 주소마다 ${ioctl('KVM_IOEVENTFD')}, ` : ''}MSI-X 벡터마다 ${ioctl('KVM_IRQFD')} 등록`,
      `virtio-pci devices (vendor 0x${VIRTIO_PCI_VENDOR.toString(16).toUpperCase()}): ${wired ? `${ioctl('KVM_IOEVENTFD')} on each notify address, ` : ''}${ioctl('KVM_IRQFD')} per MSI-X vector`,
    ),
    cycles: CYCLES.syscall * 2,
  });
  if (devices.net === 'vhost-net') {
    world.emit(subject, op, {
      ...VHOST,
      kind: 'start',
      detail: msg(
        'QEMU가 /dev/vhost-net을 열고 kick·call eventfd를 넘김; 커널이 작업 스레드 vhost-<QEMU pid>를 시작',
        'QEMU opens /dev/vhost-net and hands over the kick and call eventfds; the kernel starts the worker thread vhost-<QEMU pid>',
      ),
      cycles: CYCLES.fork,
    });
  }
}

/** After the guest kernel is up: its virtio drivers negotiate (status bits, §2.1) and lay out their rings. */
export function virtioProbe(world: World, subject: GuestSubject): void {
  const { devices } = subject.config;
  const q = devices.queueSize;
  const bytes = ringBytes(q);
  const layout = `Q=${q}: descriptor table ${bytes.descriptors} B, available ring ${bytes.available} B, used ring ${bytes.used} B`;
  const probe = (driver: string, id: number, queues: string) =>
    world.emit(subject, 'boot', {
      lane: 'guest',
      actor: `guest:${subject.name}:${driver}`,
      kind: 'virtio-init',
      detail: `${driver} (PCI 0x${VIRTIO_PCI_VENDOR.toString(16)}:0x${(0x1040 + id).toString(16)}): status ACKNOWLEDGE (1) → DRIVER (2) → FEATURES_OK (8) → DRIVER_OK (4); ${queues}, ${layout}`,
      cycles: CYCLES.vmExit * 4,
    });
  const queues = subject.state.virtqueues;
  if (devices.disk === 'virtio-blk') {
    probe('virtio-blk', VIRTIO_ID.block, QUEUE.blk.name);
    queues[QUEUE.blk.name] = newVirtqueue('virtio-blk', 'qemu', q);
  }
  if (virtioNet(subject)) {
    probe('virtio-net', VIRTIO_ID.net, `${QUEUE.rx.name} + ${QUEUE.tx.name}`);
    const backend = devices.net === 'vhost-net' ? 'vhost-net' : 'qemu';
    queues[QUEUE.rx.name] = newVirtqueue('virtio-net', backend, q);
    queues[QUEUE.tx.name] = newVirtqueue('virtio-net', backend, q);
  }
}

/** True when this guest's `op` goes through a virtio device rather than an emulated one. */
export const isVirtioOp = (subject: GuestSubject, op: string): boolean =>
  deviceKindOf(op) === 'disk' ? subject.config.devices.disk === 'virtio-blk' : virtioNet(subject);

/**
 * One virtio request: the driver makes a chain available and kicks (a receive only posts a buffer: the packet's
 * arrival is the event), the backend takes it and does the I/O through the host kernel, returns it on the used
 * ring and the irqfd interrupts the guest.
 */
export function virtioIo(world: World, subject: GuestSubject, op: string): void {
  const disk = deviceKindOf(op) === 'disk';
  const receive = op === 'net.recv';
  const queue = subject.state.virtqueues[disk ? QUEUE.blk.name : receive ? QUEUE.rx.name : QUEUE.tx.name];
  const vhost = queue.backend === 'vhost-net';
  const driver = { lane: 'guest' as const, actor: `guest:${subject.name}:${queue.device}` };
  const backend = vhost ? VHOST : qemu(subject);
  const name = disk ? QUEUE.blk.name : receive ? QUEUE.rx.name : QUEUE.tx.name;

  const slot = makeAvailable(queue);
  const chain = disk
    ? `virtio-blk ${op === 'disk.write' ? `OUT (${VIRTIO_BLK_T.OUT})` : `IN (${VIRTIO_BLK_T.IN})`}: header → data${op === 'disk.read' ? ' (WRITE 2)' : ''} → status (WRITE ${VIRTQ_DESC_F.WRITE}), linked by NEXT (${VIRTQ_DESC_F.NEXT})`
    : receive
      ? `empty receive buffer (WRITE ${VIRTQ_DESC_F.WRITE})`
      : 'virtio_net_hdr + packet';
  world.emit(subject, op, {
    ...driver,
    kind: 'virtqueue',
    detail: `${name}: ${chain}; head in avail ring[${slot}], avail.idx = ${queue.availIdx}`,
    cycles: CYCLES.sharedPageWrite,
  });

  if (receive) {
    world.emit(subject, op, {
      lane: 'hardware',
      actor: 'hardware:nic',
      kind: 'io',
      detail: msg('NIC가 패킷을 받음', 'the NIC receives a packet'),
      cycles: CYCLES.nic,
    });
    world.emit(subject, op, {
      ...NET,
      kind: 'io',
      detail: msg('호스트 NIC 드라이버 → 브리지 → tap', 'host NIC driver → bridge → tap'),
      cycles: CYCLES.hostIo,
    });
    world.emit(subject, op, {
      ...backend,
      kind: 'virtqueue',
      detail: vhost
        ? msg(
            'vhost 작업 스레드가 tap에서 패킷을 꺼내 게스트 버퍼에 복사 (QEMU 없음)',
            'the vhost worker takes the packet from tap and copies it into the guest buffer (no QEMU)',
          )
        : msg(
            'QEMU가 tap fd에서 read()하여 게스트 버퍼에 복사',
            'QEMU read()s the tap fd and copies the packet into the guest buffer',
          ),
      cycles: vhost ? CYCLES.backend : CYCLES.backend + CYCLES.worldSwitch,
    });
  } else {
    kick(world, subject, op, queue, name);
    world.emit(subject, op, {
      ...backend,
      kind: 'virtqueue',
      detail: vhost
        ? msg(
            `vhost 작업 스레드가 깨어나 호스트 커널 안에서 ${name}의 체인을 꺼냄: QEMU도 사용자 공간 전환도 없음`,
            `the vhost worker wakes and pops the chain from ${name} inside the host kernel: no QEMU, no switch to userspace`,
          )
        : msg(
            `QEMU가 가용 링에서 체인을 꺼내 게스트 버퍼를 자기 주소 공간에서 바로 읽음`,
            `QEMU pops the chain from the available ring and reads the guest buffers straight from its own address space`,
          ),
      cycles: vhost ? CYCLES.backend : CYCLES.backend + CYCLES.worldSwitch,
    });
    world.emit(subject, op, {
      ...(disk ? BLOCK : NET),
      kind: 'io',
      detail: disk
        ? msg(
            `QEMU의 ${op === 'disk.write' ? 'pwritev()' : 'preadv()'} → 호스트 블록 계층 → 디스크 드라이버`,
            `QEMU's ${op === 'disk.write' ? 'pwritev()' : 'preadv()'} → host block layer → disk driver`,
          )
        : vhost
          ? msg(
              'vhost가 tap 소켓에 넘김 → 브리지 → NIC 드라이버',
              'vhost hands it to the tap socket → bridge → NIC driver',
            )
          : msg('QEMU의 tap fd write() → 브리지 → NIC 드라이버', "QEMU's write() on the tap fd → bridge → NIC driver"),
      cycles: CYCLES.syscall + CYCLES.hostIo,
    });
    physicalIo(world, subject, op);
  }

  const used = markUsed(queue);
  queue.interrupts += 1;
  world.emit(subject, op, {
    ...backend,
    kind: 'used',
    detail: `${disk ? `status VIRTIO_BLK_S_OK (${VIRTIO_BLK_S_OK}); ` : ''}used ring[${used}] = {id, len}, used.idx = ${queue.usedIdx}; ${vhost ? 'call eventfd' : 'irqfd'} signalled`,
    cycles: CYCLES.sharedPageWrite,
  });
  world.emit(subject, op, {
    ...KVM,
    kind: 'irqfd',
    detail: msg(
      `${ioctl('KVM_IRQFD')}: eventfd 신호가 게스트에 MSI-X 인터럽트로 주입됨`,
      `${ioctl('KVM_IRQFD')}: the eventfd signal is injected into the guest as an MSI-X interrupt`,
    ),
    cycles: CYCLES.emulate,
  });
  driverSeesCompletion(
    world,
    subject,
    op,
    driver,
    msg(
      `인터럽트: 드라이버가 사용 링(used.idx = ${queue.usedIdx})에서 완료를 읽음`,
      `interrupt: the driver reads the completion off the used ring (used.idx = ${queue.usedIdx})`,
    ),
  );
}

/** The notification: an MMIO write that exits; an ioeventfd finishes it in the kernel, otherwise QEMU gets it. */
function kick(world: World, subject: GuestSubject, op: string, queue: VirtqueueState, name: string): void {
  const viaEventfd = subject.config.devices.ioeventfd || queue.backend === 'vhost-net';
  queue.notifications += 1;
  world.emit(subject, op, {
    lane: 'guest',
    actor: `guest:${subject.name}:${queue.device}`,
    kind: 'kick',
    detail: msg(
      `알림: ${name}의 큐 번호를 알림 주소(BAR + queue_notify_off × notify_off_multiplier)에 씀`,
      `notify: writes ${name}'s queue index to its notify address (BAR + queue_notify_off × notify_off_multiplier)`,
    ),
    cycles: CYCLES.native,
  });
  world.emit(subject, op, {
    ...KVM,
    kind: 'vmexit',
    detail: exitDetail(world, NOTIFY_EXIT.reason, NOTIFY_EXIT.name),
    cycles: CYCLES.vmExit,
  });
  if (viaEventfd) {
    world.emit(subject, op, {
      ...KVM,
      kind: 'ioeventfd',
      detail: msg(
        '주소가 등록된 ioeventfd와 맞아 커널이 eventfd에 신호하고 곧바로 게스트로 돌아감: 사용자 공간으로 나가지 않음',
        'the address matches a registered ioeventfd: the kernel signals the eventfd and re-enters the guest at once, without leaving for userspace',
      ),
      cycles: CYCLES.emulate,
    });
    return;
  }
  queue.userspaceExits += 1;
  world.emit(subject, op, {
    ...KVM,
    kind: 'exit-to-userspace',
    detail: msg(
      `ioeventfd 없음: KVM_RUN이 QEMU의 vCPU 스레드로 exit_reason KVM_EXIT_MMIO (${KVM_EXIT.MMIO})를 가지고 돌아감; QEMU가 처리한 뒤 KVM_RUN으로 재진입`,
      `no ioeventfd: KVM_RUN returns to QEMU's vCPU thread with exit_reason KVM_EXIT_MMIO (${KVM_EXIT.MMIO}); QEMU handles it, then re-enters with KVM_RUN`,
    ),
    cycles: CYCLES.worldSwitch,
  });
}
