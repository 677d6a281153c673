import { describe, it, expect } from 'vitest';
import { detailIn } from '../../../../core/sim/trace.ts';
import { HVM_WIN, XEN_HOST, lanePath, runServer, stepOf } from '../server-fixture.ts';

const hvm = (
  ops: unknown[],
  host: Record<string, unknown> = XEN_HOST,
  hypervisor: Record<string, unknown> = { product: 'xen' },
) => runServer({ host, hypervisor, guests: [HVM_WIN], workload: [{ guest: 'win', ops }] });

describe('full virtualization (Xen HVM)', () => {
  it('sends an HVM disk write guest → hypervisor → Dom0 device model → hypervisor → hardware, and back', () => {
    const { events } = hvm(['disk.write']);
    const path = lanePath(stepOf(events, 0));
    expect(path.slice(0, 5)).toEqual(['guest', 'hypervisor', 'dom0', 'hypervisor', 'hardware']);
    expect(path[path.length - 1]).toBe('guest');
    expect(stepOf(events, 0).find((e) => e.lane === 'dom0')!.actor).toBe('dom0:qemu');
  });

  it('describes the emulated I/O path in Korean and English, keeping the ioreq fields and states verbatim', () => {
    const step = stepOf(hvm(['disk.write']).events, 0);
    const device = step.find((e) => e.lane === 'hardware')!;
    expect(detailIn(device.detail, 'ko')).toMatch(/[가-힣]/);
    expect(detailIn(device.detail, 'en')).toBe('the physical device does the I/O');
    const ioreq = step.find((e) => e.kind === 'ioreq')!;
    for (const lang of ['ko', 'en'] as const)
      expect(detailIn(ioreq.detail, lang)).toContain('ioreq {type: PIO, dir: WRITE} state IOREQ_READY (1)');
    expect(detailIn(ioreq.detail, 'ko')).toMatch(/이벤트 채널/);
    expect(detailIn(ioreq.detail, 'en')).toMatch(/event channel notifies the device model$/);
  });

  it('walks the ioreq states READY → INPROCESS → IORESP_READY → NONE in order', () => {
    const { events } = hvm(['disk.write']);
    const details = stepOf(events, 0)
      .map((e) => detailIn(e.detail, 'en') ?? '')
      .join('\n');
    const order = ['IOREQ_READY (1)', 'INPROCESS (2)', 'IORESP_READY (3)', 'NONE (0)'].map((s) => details.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('VM-exits on privileged instructions with the VT-x exit reason', () => {
    const { events, state } = hvm(['insn.cpuid', 'insn.hlt', 'insn.wrmsr', 'insn.out']);
    const reasons = [0, 1, 2, 3].map((s) => detailIn(stepOf(events, s).find((e) => e.kind === 'vmexit')?.detail, 'en'));
    expect(reasons[0]).toMatch(/exit reason 10 \(CPUID\)/);
    expect(reasons[1]).toMatch(/exit reason 12 \(HLT\)/);
    expect(reasons[2]).toMatch(/exit reason 32 \(WRMSR\)/);
    expect(reasons[3]).toMatch(/exit reason 30 /);
    expect(state.guests.win.counters.vmExits).toBe(4);
    // OUT reaches the device model in Dom0.
    expect(stepOf(events, 3).some((e) => e.lane === 'dom0')).toBe(true);
  });

  it('names the exit as AMD-V does on an AMD host, with the VT-x reason for comparison', () => {
    const { events } = hvm(['insn.cpuid'], { cpu: { vendor: 'amd' } });
    expect(detailIn(stepOf(events, 0).find((e) => e.kind === 'vmexit')?.detail, 'en')).toMatch(
      /^#VMEXIT \(AMD-V, VMCB\); VT-x would report basic exit reason 10/,
    );
    expect(stepOf(events, -1).some((e) => /^(UEFI|BIOS).*VMRUN/.test(detailIn(e.detail, 'en') ?? ''))).toBe(true);
  });

  it('runs POPF, SGDT and CLI on guest state under VT-x: no exit, no violation', () => {
    const { events, state } = hvm(['insn.popf', 'insn.sgdt', 'insn.cli']);
    const work = events.filter((e) => e.step >= 0);
    expect(work.every((e) => e.lane === 'guest' && e.outcome !== 'violation')).toBe(true);
    expect(state.counters.vmExits).toBe(0);
  });

  it('is not overhead-free: every hop outside the guest costs cycles', () => {
    const { events, state } = hvm(['disk.write', 'insn.cpuid']);
    expect(
      events.filter((e) => e.step >= 0 && e.lane !== 'guest' && e.lane !== 'hardware').every((e) => e.cycles > 0),
    ).toBe(true);
    expect(state.guests.win.overheadCycles).toBeGreaterThan(0);
    const disk = stepOf(events, 0);
    const hardware = disk.filter((e) => e.lane === 'hardware').reduce((n, e) => n + e.cycles, 0);
    expect(disk.reduce((n, e) => n + e.cycles, 0)).toBeGreaterThan(hardware);
  });

  it('fails to boot without usable VT-x, saying why and what would fix it', () => {
    const disabled = hvm(['compute'], { cpu: { hardwareAssist: { present: true, enabledInFirmware: false } } });
    const g = disabled.state.guests.win;
    expect(g.status).toBe('failed');
    expect(g.reason?.en).toMatch(/disabled in firmware/);
    expect(g.reason?.ko).toMatch(/펌웨어/);
    expect(g.fix?.en.toLowerCase()).toContain('with vt-x enabled in firmware this guest would boot');
    expect(stepOf(disabled.events, -1).some((e) => e.outcome === 'failed' && e.fix)).toBe(true);
    // Its workload does not run.
    expect(stepOf(disabled.events, 0)[0]).toMatchObject({ kind: 'skip', outcome: 'failed' });

    const absent = hvm([], { cpu: { vendor: 'amd', hardwareAssist: { present: false } } });
    expect(absent.state.guests.win.status).toBe('failed');
    expect(absent.state.guests.win.reason?.en).toMatch(/no AMD-V/);
  });

  it('boots HVM through virtual firmware in the QEMU device model, created by the toolstack (domctl 36)', () => {
    const { events } = hvm([]);
    const boot = stepOf(events, -1);
    expect(boot[0]).toMatchObject({ lane: 'dom0', actor: 'dom0:xl', hypercall: { name: 'domctl', number: 36 } });
    expect(boot.some((e) => e.actor === 'dom0:qemu' && /UEFI|BIOS/.test(detailIn(e.detail, 'en') ?? ''))).toBe(true);
  });

  it('ESXi with binary translation boots without VT-x, translates sensitive instructions and emulates devices without Dom0', () => {
    const { events, state } = hvm(
      ['insn.popf', 'disk.write'],
      { cpu: { hardwareAssist: { present: false } } },
      { product: 'esxi', cpuVirtualization: 'binary-translation' },
    );
    expect(state.guests.win.status).toBe('running');
    expect(stepOf(events, 0).find((e) => e.kind === 'translate')?.actor).toBe('esxi:vmkernel:bt');
    expect(state.counters.violations).toBe(0);
    expect(events.some((e) => e.lane === 'dom0')).toBe(false);
    expect(lanePath(stepOf(events, 1))).toEqual(['guest', 'hypervisor', 'hardware', 'hypervisor', 'guest']);
  });

  it('uses EPT for guest page-table writes under VT-x, and shadow page tables (a trap) without it', () => {
    const assisted = hvm(['pagetable.update']);
    expect(lanePath(stepOf(assisted.events, 0))).toEqual(['guest']);
    const classic = hvm(
      ['pagetable.update'],
      { cpu: { hardwareAssist: { present: false } } },
      { product: 'xen', cpuVirtualization: 'trap-and-emulate' },
    );
    expect(stepOf(classic.events, 0).some((e) => e.kind === 'trap' && e.lane === 'hypervisor')).toBe(true);
  });
});

describe('HVM with PV drivers (PVHVM)', () => {
  it('unplugs the emulated devices at boot and does I/O through split drivers, not QEMU', () => {
    const { events } = runServer({
      host: XEN_HOST,
      hypervisor: { product: 'xen' },
      guests: [{ ...HVM_WIN, pvDrivers: true }],
      workload: [{ guest: 'win', ops: ['disk.write', 'insn.cpuid'] }],
    });
    expect(detailIn(stepOf(events, -1).find((e) => e.kind === 'unplug')?.detail, 'en')).toMatch(/0x49d2/);
    const io = stepOf(events, 0);
    expect(io.some((e) => e.actor === 'dom0:blkback')).toBe(true);
    expect(io.some((e) => e.actor === 'dom0:qemu' || e.kind === 'vmexit')).toBe(false);
    // The CPU is still hardware-virtualized.
    expect(stepOf(events, 1).some((e) => e.kind === 'vmexit')).toBe(true);
  });
});
