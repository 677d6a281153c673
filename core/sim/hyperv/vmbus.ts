import { msg } from '../../i18n.ts';
import { CYCLES } from '../cost.ts';
import { deviceKindOf, driverSeesCompletion, physicalIo } from '../techniques/device-io.ts';
import type { GuestSubject } from '../techniques/guest-kernel.ts';
import type { World } from '../techniques/world.ts';
import { HV_CPUID, HV_MSR, callCode, hex, vmbusMsg } from './tlfs.ts';

/**
 * Hyper-V's synthetic devices. The Windows install is the root (parent) partition; each VM is a child partition.
 * An enlightened child (integration services loaded) finds the hypervisor through CPUID, enables its hypercall page,
 * and connects to VMBus: the root offers one channel per synthetic device, the child opens it over two rings in
 * memory it shares by GPADL. A VSC (virtualization service client) in the child then talks to a VSP (provider) in
 * the root partition's kernel: no device emulation, and no trip through the VM's worker process (vmwp), which only
 * emulated devices need. Sources: Hyper-V TLFS; FreeBSD hv_vmbus(4); Linux include/linux/hyperv.h; Windows
 * Internals, 6th ed., ch. 3 (vmwp).
 */

const HYPERV = { lane: 'hypervisor' as const, actor: 'hyper-v' };
const ROOT_VMBUS = { lane: 'dom0' as const, actor: 'root-partition:vmbus' };

/** The VSC/VSP pair of each synthetic device. */
const SYNTHETIC = {
  disk: {
    channel: 'storage',
    vsc: 'storvsc',
    vsp: 'root-partition:storage-vsp',
    path: msg('루트 파티션의 저장 장치 스택 → 디스크 드라이버', "the root partition's storage stack → disk driver"),
  },
  net: {
    channel: 'network',
    vsc: 'netvsc',
    vsp: 'root-partition:network-vsp',
    path: msg('루트 파티션의 가상 스위치 → NIC 드라이버', "the root partition's virtual switch → NIC driver"),
  },
} as const;

export const usesVmbus = (s: GuestSubject): boolean =>
  s.config.devices.disk === 'vmbus' || s.config.devices.net === 'vmbus';

export const isVmbusOp = (s: GuestSubject, op: string): boolean => s.config.devices[deviceKindOf(op)] === 'vmbus';

/** Boot of an enlightened child: discover Hyper-V, enable the hypercall page, connect VMBus and open each channel. */
export function enlightenedBoot(world: World, subject: GuestSubject): void {
  const op = 'boot';
  const kernel = { lane: 'guest' as const, actor: `guest:${subject.name}:kernel` };
  subject.state.enlightened = true;
  world.emit(subject, op, {
    ...kernel,
    kind: 'enlighten',
    detail: msg(
      `통합 서비스: CPUID ${hex(HV_CPUID.VENDOR_AND_MAX_FUNCTIONS, 8)} → "Microsoft Hv"; HV_X64_MSR_GUEST_OS_ID (${hex(HV_MSR.HV_X64_MSR_GUEST_OS_ID, 8)})에 OS 식별자, HV_X64_MSR_HYPERCALL (${hex(HV_MSR.HV_X64_MSR_HYPERCALL, 8)})에 GPA | 1을 써서 하이퍼콜 페이지를 켬`,
      `integration services: CPUID ${hex(HV_CPUID.VENDOR_AND_MAX_FUNCTIONS, 8)} → "Microsoft Hv"; writes its OS identity to HV_X64_MSR_GUEST_OS_ID (${hex(HV_MSR.HV_X64_MSR_GUEST_OS_ID, 8)}), then GPA | 1 to HV_X64_MSR_HYPERCALL (${hex(HV_MSR.HV_X64_MSR_HYPERCALL, 8)}) to enable the hypercall page`,
    ),
    cycles: CYCLES.vmExit * 3,
  });
  world.emit(subject, op, {
    ...kernel,
    kind: 'vmbus',
    detail: `${callCode('HvCallPostMessage')}: ${vmbusMsg('CHANNELMSG_INITIATE_CONTACT')}, ${vmbusMsg('CHANNELMSG_REQUESTOFFERS')}`,
    cycles: CYCLES.hypercall * 2,
  });
  for (const kind of ['disk', 'net'] as const) {
    if (subject.config.devices[kind] !== 'vmbus') continue;
    const dev = SYNTHETIC[kind];
    world.emit(subject, op, {
      ...ROOT_VMBUS,
      kind: 'vmbus',
      detail: msg(
        `VMBus 서버가 ${dev.channel} 채널을 제안: ${vmbusMsg('CHANNELMSG_OFFERCHANNEL')}`,
        `the VMBus server offers the ${dev.channel} channel: ${vmbusMsg('CHANNELMSG_OFFERCHANNEL')}`,
      ),
      cycles: CYCLES.domainSwitch,
    });
    world.emit(subject, op, {
      lane: 'guest',
      actor: `guest:${subject.name}:${dev.vsc}`,
      kind: 'vmbus',
      detail: msg(
        `${dev.vsc}가 송신·수신 링을 공유: ${vmbusMsg('CHANNELMSG_GPADL_HEADER')}, 이어서 ${vmbusMsg('CHANNELMSG_OPENCHANNEL')}`,
        `${dev.vsc} shares its outbound and inbound rings: ${vmbusMsg('CHANNELMSG_GPADL_HEADER')}, then ${vmbusMsg('CHANNELMSG_OPENCHANNEL')}`,
      ),
      cycles: CYCLES.hypercall * 2,
    });
    subject.state.vmbusChannels[dev.channel] = {
      vsc: dev.vsc,
      vsp: dev.vsp,
      state: 'open',
      outbound: 0,
      inbound: 0,
      signals: 0,
    };
  }
}

/** One synthetic-device request: VSC → outbound ring → SignalEvent → VSP in the root → device → inbound ring → child. */
export function vmbusIo(world: World, subject: GuestSubject, op: string): void {
  const dev = SYNTHETIC[deviceKindOf(op)];
  const channel = subject.state.vmbusChannels[dev.channel];
  const vsc = { lane: 'guest' as const, actor: `guest:${subject.name}:${dev.vsc}` };
  const vsp = { lane: 'dom0' as const, actor: dev.vsp };
  channel.outbound += 1;
  channel.signals += 1;
  world.emit(subject, op, {
    ...vsc,
    kind: 'vmbus',
    detail: msg(
      `${dev.vsc}가 요청 패킷을 채널의 송신 링(게스트 → 루트)에 넣음`,
      `${dev.vsc} puts a request packet on the channel's outbound ring (child → root)`,
    ),
    cycles: CYCLES.sharedPageWrite,
  });
  world.emit(subject, op, {
    ...HYPERV,
    kind: 'hypercall',
    detail: msg(
      `${callCode('HvCallSignalEvent')}: 하이퍼바이저가 루트 파티션의 SynIC에 이벤트를 알림`,
      `${callCode('HvCallSignalEvent')}: the hypervisor signals the event to the root partition's SynIC`,
    ),
    cycles: CYCLES.hypercall,
  });
  world.emit(subject, op, {
    ...vsp,
    kind: 'backend',
    detail: msg(
      `루트 파티션 커널의 VSP가 링에서 요청을 꺼냄: ${dev.path.ko} (에뮬레이션도 vmwp도 없음)`,
      `the VSP in the root partition's kernel takes the request off the ring: ${dev.path.en} (no emulation, no vmwp)`,
    ),
    cycles: CYCLES.domainSwitch + CYCLES.backend,
  });
  physicalIo(world, subject, op);
  channel.inbound += 1;
  world.emit(subject, op, {
    ...vsp,
    kind: 'complete',
    detail: msg(
      '완료 패킷을 수신 링(루트 → 게스트)에 넣고 게스트에 신호',
      'completion packet on the inbound ring (root → child), and a signal to the child',
    ),
    cycles: CYCLES.hypercall,
  });
  driverSeesCompletion(
    world,
    subject,
    op,
    vsc,
    msg('SynIC 인터럽트: VSC가 완료를 읽음', 'SynIC interrupt: the VSC reads the completion'),
  );
}
