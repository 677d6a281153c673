import type { CpuVirtualization } from '../config/server.ts';
import { CYCLES } from '../cost.ts';
import { runInstruction, type Handler } from '../x86/cpu.ts';
import type { InstructionName } from '../x86/instructions.ts';
import { IOREQ_STATE, hypercall } from '../xen/hypercalls.ts';
import { dom0Down, splitDriverHandshake, splitIo } from '../xen/split-drivers.ts';
import { runInGuestKernel } from './guest-kernel.ts';
import { exitDetail, hardwareAssistProblem, vmEnterInstruction } from './hardware-assist.ts';
import type { Op, Subject, Technique, World } from './world.ts';

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

const DEVICES = {
  disk: { hw: 'hardware:disk', emulated: 'AHCI disk controller', cycles: CYCLES.disk, reason: 30, exit: 'I/O instruction' },
  net: { hw: 'hardware:nic', emulated: 'e1000 network card', cycles: CYCLES.nic, reason: 48, exit: 'EPT violation (MMIO)' },
} as const;

/** A device access of an HVM guest: exit → device model (Dom0 QEMU on Xen) → real device → back to the guest. */
function emulatedIo(world: World, subject: Subject, op: string): void {
  const dev = DEVICES[op.startsWith('disk') ? 'disk' : 'net'];
  const hv = hypervisorHandler(world);
  const self = world.selfActor(subject);
  const assisted = world.cpuVirtualization === 'hardware-assist';
  world.emit(subject, op, { ...self, kind: 'io', detail: `guest driver programs the emulated ${dev.emulated}`, cycles: CYCLES.native });
  const how = world.cpuVirtualization;
  world.emit(subject, op, {
    ...hv,
    kind: how === 'hardware-assist' ? 'vmexit' : how === 'binary-translation' ? 'translate' : 'trap',
    detail:
      how === 'hardware-assist'
        ? exitDetail(world, dev.reason, dev.exit)
        : how === 'binary-translation'
          ? 'translated driver code calls the VMM for the device access'
          : `trap on the device access (${dev.exit})`,
    cycles: how === 'hardware-assist' ? CYCLES.vmExit : how === 'binary-translation' ? CYCLES.translated : CYCLES.trap,
  });
  const model = world.product?.deviceModel;
  const xen = world.product?.xen === true;
  if (!model) {
    // ESXi: the VMM inside the hypervisor emulates the device and the vmkernel driver does the I/O.
    world.emit(subject, op, { lane: 'hypervisor', actor: `${hv.actor}:vmm`, kind: 'emulate', detail: `VMM emulates the ${dev.emulated}`, cycles: CYCLES.deviceModel });
    world.emit(subject, op, { lane: 'hardware', actor: dev.hw, kind: 'io', detail: 'vmkernel driver performs the real I/O', cycles: dev.cycles });
  } else {
    if (model.lane === 'dom0' && world.state.dom0?.status === 'crashed') {
      world.emit(subject, op, { ...model, kind: 'io', detail: 'no device model to take the request', outcome: 'failed', note: dom0Down });
      return;
    }
    world.emit(subject, op, {
      ...hv,
      kind: 'ioreq',
      detail: xen
        ? `ioreq {type: ${dev.reason === 30 ? 'PIO' : 'COPY (MMIO)'}, dir: ${op.endsWith('read') || op.endsWith('recv') ? 'READ' : 'WRITE'}} state IOREQ_READY (${IOREQ_STATE.IOREQ_READY}); event channel notifies the device model`
        : 'intercept forwarded to the device model',
      cycles: CYCLES.eventChannel,
    });
    world.emit(subject, op, {
      ...model,
      kind: 'emulate',
      detail: `${xen ? `state INPROCESS (${IOREQ_STATE.INPROCESS}): ` : ''}device model emulates the ${dev.emulated}`,
      cycles: CYCLES.domainSwitch + CYCLES.deviceModel,
    });
    world.emit(subject, op, {
      ...hv,
      kind: 'io',
      detail: xen
        ? "Dom0's real driver request for the guest buffer passes Xen's IOMMU/p2m mapping to the device"
        : 'the real driver request is passed to the device',
      cycles: CYCLES.emulate,
    });
    world.emit(subject, op, { lane: 'hardware', actor: dev.hw, kind: 'io', detail: 'the physical device does the I/O', cycles: dev.cycles });
    world.emit(subject, op, {
      ...model,
      kind: 'complete',
      detail: xen ? `state IORESP_READY (${IOREQ_STATE.IORESP_READY}); EVTCHNOP_send back to Xen` : 'device model completes the request',
      hypercall: xen ? hypercall('event_channel_op') : undefined,
      cycles: CYCLES.eventChannel,
    });
  }
  world.emit(subject, op, {
    ...hv,
    kind: 'vmentry',
    detail: xen ? `state NONE (${IOREQ_STATE.NONE}); the guest instruction completes and the vCPU resumes` : 'the guest instruction completes and the vCPU resumes',
    cycles: assisted ? CYCLES.emulate : CYCLES.trap / 2,
  });
  world.emit(subject, op, { ...self, kind: 'complete', detail: 'the guest driver sees the I/O done', cycles: 0 });
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
      detail: 'toolstack (xl/libxl) creates the HVM domain: XEN_DOMCTL_createdomain',
      hypercall: hypercall('domctl'),
      cycles: CYCLES.hypercall,
    });
  } else {
    world.emit(subject, op, { ...hv, kind: 'create', detail: 'the hypervisor creates the VM', cycles: CYCLES.emulate });
  }
  const problem = world.cpuVirtualization === 'hardware-assist' ? hardwareAssistProblem(world) : undefined;
  if (problem) {
    world.emit(subject, op, { ...hv, kind: 'error', detail: problem.detail, outcome: 'failed', note: problem.reason, fix: problem.fix });
    world.stop(subject, 'failed', problem.reason, problem.fix);
    return;
  }
  const firmware = subject.config.os === 'windows' ? 'UEFI (OVMF)' : 'BIOS (SeaBIOS)';
  if (world.product?.deviceModel) {
    world.emit(subject, op, { ...world.product.deviceModel, kind: 'start', detail: `device model starts and emulates the platform, ${firmware} included`, cycles: CYCLES.deviceModel });
  }
  const how =
    world.cpuVirtualization === 'hardware-assist'
      ? `${vmEnterInstruction(world)}: the guest runs in guest mode (VMX non-root on Intel)`
      : world.cpuVirtualization === 'binary-translation'
        ? 'guest kernel code runs as translated blocks, user code directly'
        : 'guest kernel deprivileged to ring 1; privileged instructions trap';
  world.emit(subject, op, { ...world.selfActor(subject), kind: 'boot', detail: `${firmware} → bootloader → unmodified ${subject.config.os} kernel; ${how}`, cycles: CYCLES.vmBoot });
  if (subject.config.pvDrivers) {
    world.emit(subject, op, {
      ...world.selfActor(subject),
      kind: 'unplug',
      detail: 'PV drivers read magic 0x49d2 from I/O port 0x10, then write bits 0 and 1 to unplug the emulated disks and NICs',
      cycles: CYCLES.vmExit * 2,
    });
    splitDriverHandshake(world, subject);
  }
}

function run(world: World, subject: Subject, op: Op): void {
  if (op.name.startsWith('insn.')) {
    const name = op.name.slice(5) as InstructionName;
    const device = name === 'out' || name === 'in' ? () => portDevice(world, subject, op.name) : undefined;
    runInstruction(world, subject, name, world.cpuVirtualization, hypervisorHandler(world), device);
    return;
  }
  if (op.name === 'disk.read' || op.name === 'disk.write' || op.name === 'net.send' || op.name === 'net.recv') {
    if (subject.kind === 'guest' && subject.config.pvDrivers) splitIo(world, subject, op.name);
    else emulatedIo(world, subject, op.name);
    return;
  }
  if (op.name === 'pagetable.update') {
    pageTableUpdate(world, subject, op.name, world.cpuVirtualization);
    return;
  }
  runInGuestKernel(world, subject, op);
}

/** IN/OUT to an emulated port: the device model (if any) services it after the exit. */
function portDevice(world: World, subject: Subject, op: string): void {
  const model = world.product?.deviceModel;
  if (!model) return;
  if (model.lane === 'dom0' && world.state.dom0?.status === 'crashed') {
    world.emit(subject, op, { ...model, kind: 'io', detail: 'no device model to take the port access', outcome: 'failed', note: dom0Down });
    return;
  }
  world.emit(subject, op, { ...model, kind: 'emulate', detail: 'device model services the emulated port (ioreq type PIO)', cycles: CYCLES.domainSwitch + CYCLES.deviceModel });
}

/** A guest kernel writes a page-table entry: EPT makes that free; without it the hypervisor keeps shadow tables. */
export function pageTableUpdate(world: World, subject: Subject, op: string, how: CpuVirtualization): void {
  const self = world.selfActor(subject);
  if (how === 'hardware-assist') {
    world.emit(subject, op, {
      ...self,
      kind: 'execute',
      detail: 'guest writes its own page table; EPT/NPT translates guest-physical to host-physical, no VM exit',
      cycles: CYCLES.native,
    });
    return;
  }
  const hv = hypervisorHandler(world);
  world.emit(subject, op, { ...self, kind: 'issue', detail: 'guest writes a page-table entry (the page is write-protected by the hypervisor)', cycles: CYCLES.native });
  world.emit(subject, op, { ...hv, kind: 'trap', detail: 'page fault on the write-protected page-table page', cycles: CYCLES.trap });
  world.emit(subject, op, { ...hv, kind: 'emulate', detail: 'hypervisor applies the write and updates its shadow page table', cycles: CYCLES.emulate * 2 });
}

export const fullVirtualization: Technique = { id: 'full-virtualization', boot, run };
