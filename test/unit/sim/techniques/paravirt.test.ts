import { describe, it, expect } from 'vitest';
import { detailIn } from '../../../../core/sim/trace.ts';
import { XEN_HYPERCALLS, isXenHypercallNumber } from '../../../../core/sim/xen/hypercalls.ts';
import { HVM_WIN, PV_LINUX, XEN_HOST, lanePath, runServer, stepOf } from '../server-fixture.ts';

const pv = (ops: unknown[], guest: Record<string, unknown> = PV_LINUX, host: Record<string, unknown> = XEN_HOST) =>
  runServer({ host, hypervisor: { product: 'xen' }, guests: [guest], workload: [{ guest: String(guest.name), ops }] });

describe('paravirtualization (Xen PV)', () => {
  it.each([
    ['pagetable.update', 'mmu_update', 1],
    ['insn.mov-cr3', 'mmuext_op', 26],
    ['insn.lidt', 'set_trap_table', 0],
    ['insn.lgdt', 'set_gdt', 2],
    ['insn.hlt', 'sched_op', 29],
    ['insn.invlpg', 'mmuext_op', 26],
  ])('%s becomes the hypercall %s (%i), straight to Xen without Dom0', (op, name, number) => {
    const { events, state } = pv([op]);
    const step = stepOf(events, 0);
    expect(step.find((e) => e.hypercall)).toMatchObject({
      lane: 'hypervisor',
      actor: 'xen',
      hypercall: { name, number },
    });
    expect(step.some((e) => e.lane === 'dom0')).toBe(false);
    expect(state.counters.dom0Involvements).toBe(0);
    expect(state.counters.vmExits).toBe(0);
  });

  it('explains a PV page-table update in Korean and English, with the hypercall names and numbers kept', () => {
    const step = stepOf(pv(['pagetable.update']).events, 0);
    const [ask, update] = step;
    expect(detailIn(ask.detail, 'ko')).toMatch(/[가-힣]/);
    expect(detailIn(ask.detail, 'en')).toBe('page-table pages are read-only to a PV guest, so the kernel asks Xen');
    expect(detailIn(update.detail, 'ko')).toMatch(/^MMU_NORMAL_PT_UPDATE \(0\): .*[가-힣]/);
    expect(detailIn(update.detail, 'en')).toMatch(/^MMU_NORMAL_PT_UPDATE \(0\): Xen validates the entry/);
  });

  it('builds a forked address space with mmu_update (1), then pins it with mmuext_op (26)', () => {
    const { events } = pv(['proc.fork']);
    const calls = stepOf(events, 0)
      .filter((e) => e.hypercall)
      .map((e) => [e.hypercall!.name, e.hypercall!.number]);
    expect(calls).toEqual([
      ['mmu_update', 1],
      ['mmuext_op', 26],
    ]);
  });

  it('turns CLI/STI into a write to vcpu_info.evtchn_upcall_mask, with no hypercall', () => {
    const { events, state } = pv(['insn.cli', 'insn.sti']);
    for (const s of [0, 1]) {
      const step = stepOf(events, s);
      expect(step).toHaveLength(1);
      expect(detailIn(step[0].detail, 'en')).toContain('evtchn_upcall_mask');
      expect(step[0].lane).toBe('guest');
    }
    expect(state.counters.hypercalls).toBe(0);
  });

  it('does disk I/O through split drivers: frontend → event channel (32) → blkback in Dom0 → grant map (20) → hardware', () => {
    const { events } = pv(['disk.write']);
    const step = stepOf(events, 0);
    expect(lanePath(step).slice(0, 5)).toEqual(['guest', 'hypervisor', 'dom0', 'hypervisor', 'hardware']);
    expect(step[0].actor).toBe('guest:deb:blkfront');
    expect(step[1].hypercall).toEqual({ name: 'event_channel_op', number: 32 });
    expect(step[2].actor).toBe('dom0:blkback');
    expect(step[3].hypercall).toEqual({ name: 'grant_table_op', number: 20 });
    expect(step.some((e) => e.actor === 'dom0:qemu')).toBe(false);
    expect(stepOf(pv(['net.send']).events, 0).some((e) => e.actor === 'dom0:netback')).toBe(true);
  });

  it('refuses to boot an unmodified kernel (Windows) in PV mode, as a boot failure, not a config error', () => {
    const { state, events } = pv(['disk.write'], { ...HVM_WIN, mode: 'pv' });
    expect(state.guests.win.status).toBe('failed');
    expect(state.guests.win.reason?.en).toMatch(/unmodified windows kernel/i);
    expect(state.guests.win.fix?.en).toMatch(/mode: hvm/);
    expect(stepOf(events, 0)).toHaveLength(1);
    expect(stepOf(events, 0)[0].outcome).toBe('failed');
  });

  it('boots PV directly (domctl 36, no firmware, no QEMU) and needs no VT-x', () => {
    const { state, events } = pv(['pagetable.update'], PV_LINUX, {
      cpu: { hardwareAssist: { present: false, enabledInFirmware: false } },
    });
    expect(state.guests.deb.status).toBe('running');
    const boot = stepOf(events, -1);
    expect(boot[0].hypercall).toEqual({ name: 'domctl', number: 36 });
    expect(boot.some((e) => e.actor === 'dom0:qemu' || /SeaBIOS|OVMF/.test(detailIn(e.detail, 'en') ?? ''))).toBe(
      false,
    );
    expect(boot.some((e) => e.hypercall?.name === 'set_trap_table')).toBe(true);
    // The xenbus handshake ends Connected (4) on both sides.
    expect(
      boot.filter((e) => e.kind === 'xenbus' && /Connected \(4\)/.test(detailIn(e.detail, 'en') ?? '')).length,
    ).toBe(2);
  });

  it('bounces a 64-bit PV system call through Xen, while a PVH or HVM guest kernel takes it directly', () => {
    expect(lanePath(stepOf(pv(['syscall.read']).events, 0))).toEqual(['guest', 'hypervisor', 'guest']);
    expect(lanePath(stepOf(pv(['syscall.read'], { ...PV_LINUX, mode: 'pvh' }).events, 0))).toEqual(['guest']);
  });

  it('PVH: hardware assist for CPU and MMU, PV drivers for I/O, no QEMU; it needs VT-x', () => {
    const pvh = { ...PV_LINUX, mode: 'pvh' };
    const { events, state } = pv(['pagetable.update', 'insn.cpuid', 'disk.read'], pvh);
    expect(lanePath(stepOf(events, 0))).toEqual(['guest']);
    expect(detailIn(stepOf(events, 1).find((e) => e.kind === 'vmexit')?.detail, 'en')).toMatch(/reason 10/);
    expect(stepOf(events, 2).some((e) => e.actor === 'dom0:blkback')).toBe(true);
    expect(events.some((e) => e.actor === 'dom0:qemu')).toBe(false);
    expect(state.guests.deb.technique).toBe('paravirt');
    const noVtx = pv([], pvh, { cpu: { hardwareAssist: { enabledInFirmware: false } } });
    expect(noVtx.state.guests.deb.status).toBe('failed');
  });

  it('numbers hypercalls as xen.h does: 0–42 (no 11) and 48–55 only', () => {
    expect(XEN_HYPERCALLS.mmu_update).toBe(1);
    expect(XEN_HYPERCALLS.grant_table_op).toBe(20);
    expect(XEN_HYPERCALLS.event_channel_op).toBe(32);
    expect(XEN_HYPERCALLS.domctl).toBe(36);
    expect(XEN_HYPERCALLS.hypfs_op).toBe(42);
    for (let n = 0; n <= 60; n++) {
      expect(isXenHypercallNumber(n)).toBe((n <= 42 && n !== 11) || (n >= 48 && n <= 55));
    }
    expect(new Set(Object.values(XEN_HYPERCALLS)).size).toBe(Object.keys(XEN_HYPERCALLS).length);
  });
});
