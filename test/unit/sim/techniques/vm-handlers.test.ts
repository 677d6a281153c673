import { describe, it, expect } from 'vitest';
import { FULL_VIRTUALIZATION_HANDLERS } from '../../../../core/sim/techniques/full-virtualization.ts';
import { GUEST_KERNEL_HANDLERS, guestStep, type GuestSubject } from '../../../../core/sim/techniques/guest-kernel.ts';
import { HOSTED_HANDLERS } from '../../../../core/sim/techniques/hosted.ts';
import { PVH_HANDLERS, PV_HANDLERS, PV_REPLACEMENTS } from '../../../../core/sim/techniques/paravirt.ts';
import { OP_KINDS } from '../../../../core/sim/techniques/world.ts';
import { Trace } from '../../../../core/sim/trace.ts';
import { PV_LINUX, XEN_HOST, worldOf } from '../server-fixture.ts';

/** A world with one guest, not booted, and the step one handler works on. */
function step(
  op: { name: string; arg?: number },
  guest: Record<string, unknown>,
  hypervisor: Record<string, unknown> = { product: 'xen' },
) {
  const { world, trace, subjects } = worldOf({ host: XEN_HOST, hypervisor, guests: [guest] });
  const [subject] = subjects as GuestSubject[];
  return { s: guestStep(world, subject, op), trace, subject };
}

const PVH_LINUX = { ...PV_LINUX, mode: 'pvh' };
const HVM_LINUX = { name: 'hvm', os: 'linux', mode: 'hvm', vcpus: 2, memoryGiB: 4 };
const path = (trace: Trace) => trace.events.map((e) => `${e.actor} ${e.kind}`);

describe('VM technique handler tables', () => {
  it.each([
    ['full virtualization', FULL_VIRTUALIZATION_HANDLERS],
    ['hosted', HOSTED_HANDLERS],
    ['PV', PV_HANDLERS],
    ['PVH', PVH_HANDLERS],
  ])('%s has exactly one handler per kind of operation', (_, handlers) => {
    expect(Object.keys(handlers).sort()).toEqual([...OP_KINDS].sort());
  });

  it('the guest kernel serves compute, system calls, allocation and fork without leaving the guest', () => {
    const alloc = step({ name: 'mem.alloc', arg: 100 }, PV_LINUX);
    GUEST_KERNEL_HANDLERS['mem.alloc'](alloc.s);
    expect(alloc.subject.state.memoryUsedMiB).toBe(100);
    expect(path(alloc.trace)).toEqual(['guest:deb:kernel alloc']);
    const oom = step({ name: 'mem.alloc', arg: 5000 }, PV_LINUX);
    GUEST_KERNEL_HANDLERS['mem.alloc'](oom.s);
    expect(oom.subject.state.memoryUsedMiB).toBe(0);
    expect(oom.trace.events[0]).toMatchObject({ kind: 'oom', outcome: 'failed' });
    const fork = step({ name: 'proc.fork', arg: 3 }, PV_LINUX);
    GUEST_KERNEL_HANDLERS['proc.fork'](fork.s);
    expect(fork.trace.events.map((e) => e.lane)).toEqual(['guest']);
  });

  it('PV bounces a system call through Xen; PVH serves it in the guest kernel alone', () => {
    const pv = step({ name: 'syscall.read' }, PV_LINUX);
    PV_HANDLERS.syscall(pv.s);
    expect(path(pv.trace)).toEqual(['guest:deb issue', 'xen bounce', 'guest:deb:kernel syscall']);
    const pvh = step({ name: 'syscall.read' }, PVH_LINUX);
    PVH_HANDLERS.syscall(pvh.s);
    expect(path(pvh.trace)).toEqual(['guest:deb issue', 'guest:deb:kernel syscall']);
  });

  it('PV fork adds mmu_update and mmuext_op after the guest kernel; PVH adds none', () => {
    const pv = step({ name: 'proc.fork', arg: 2 }, PV_LINUX);
    PV_HANDLERS['proc.fork'](pv.s);
    expect(pv.trace.events.map((e) => e.hypercall?.name)).toEqual([undefined, 'mmu_update', 'mmuext_op']);
    const pvh = step({ name: 'proc.fork', arg: 2 }, PVH_LINUX);
    PVH_HANDLERS['proc.fork'](pvh.s);
    expect(pvh.trace.events.some((e) => e.hypercall)).toBe(false);
  });

  it('a PV instruction goes to the replacement its PV ABI names: hypercall, or #GP for port I/O', () => {
    const hlt = step({ name: 'insn.hlt' }, PV_LINUX);
    PV_HANDLERS.insn(hlt.s);
    expect(hlt.trace.events.at(-1)).toMatchObject({ actor: 'xen', hypercall: { name: 'sched_op' } });
    const out = step({ name: 'insn.out' }, PV_LINUX);
    PV_HANDLERS.insn(out.s);
    expect(out.trace.events.at(-1)).toMatchObject({ kind: 'trap', outcome: 'denied' });
    expect(Object.keys(PV_REPLACEMENTS).sort()).toEqual([
      'avoided',
      'denied',
      'hypercall',
      'trap-emulate',
      'vcpu-info',
    ]);
  });

  it('page-table updates: PV asks Xen, PVH and hosted write under EPT, full virtualization without it traps', () => {
    const pv = step({ name: 'pagetable.update' }, PV_LINUX);
    PV_HANDLERS['pagetable.update'](pv.s);
    expect(pv.trace.events.at(-1)?.hypercall?.name).toBe('mmu_update');
    const pvh = step({ name: 'pagetable.update' }, PVH_LINUX);
    PVH_HANDLERS['pagetable.update'](pvh.s);
    expect(path(pvh.trace)).toEqual(['guest:deb execute']);
    const hosted = step({ name: 'pagetable.update' }, HVM_LINUX, { product: 'virtualbox' });
    HOSTED_HANDLERS['pagetable.update'](hosted.s);
    expect(path(hosted.trace)).toEqual(['guest:hvm execute']);
    const bt = step({ name: 'pagetable.update' }, HVM_LINUX, {
      product: 'esxi',
      cpuVirtualization: 'binary-translation',
    });
    FULL_VIRTUALIZATION_HANDLERS['pagetable.update'](bt.s);
    expect(bt.trace.events.map((e) => e.kind)).toEqual(['issue', 'trap', 'emulate']);
  });

  it('full-virtualization I/O takes the guest driver path: split drivers with PV drivers, else the emulated device', () => {
    const pvDrivers = step({ name: 'disk.write' }, { ...HVM_LINUX, pvDrivers: true });
    FULL_VIRTUALIZATION_HANDLERS.io(pvDrivers.s);
    expect(pvDrivers.trace.events.map((e) => e.actor)).toContain('dom0:blkback');
    expect(pvDrivers.trace.events.some((e) => e.actor === 'dom0:qemu')).toBe(false);
    const emulated = step({ name: 'disk.write' }, HVM_LINUX);
    FULL_VIRTUALIZATION_HANDLERS.io(emulated.s);
    expect(emulated.trace.events.map((e) => e.kind)).toContain('ioreq');
    expect(emulated.trace.events.map((e) => e.actor)).toContain('dom0:qemu');
  });

  it('hosted: an instruction that exits passes the host OS; I/O ends in a host system call', () => {
    const hlt = step({ name: 'insn.hlt' }, HVM_LINUX, { product: 'virtualbox' });
    HOSTED_HANDLERS.insn(hlt.s);
    expect(hlt.trace.events.map((e) => e.lane)).toContain('host-os');
    const disk = step({ name: 'disk.read' }, HVM_LINUX, { product: 'virtualbox' });
    HOSTED_HANDLERS.io(disk.s);
    expect(disk.trace.events.find((e) => e.lane === 'host-os')).toMatchObject({ kind: 'syscall' });
  });
});
