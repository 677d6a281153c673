import { describe, it, expect } from 'vitest';
import { simulate } from '../../../core/sim/simulate.ts';
import { detailIn, type TraceEvent } from '../../../core/sim/trace.ts';
import { HVM_WIN, PV_LINUX, XEN_HOST, runServer, stepOf } from './server-fixture.ts';

const en = (e: TraceEvent | undefined) => detailIn(e?.detail, 'en') ?? '';
const xen = (guests: unknown[], workload: unknown[] = []) =>
  runServer({ host: XEN_HOST, hypervisor: { product: 'xen' }, guests, workload });

describe('fidelity: Xen PV boot', () => {
  it('enters the kernel first, then makes the hypercalls a Linux x86-64 PV kernel makes, in its order', () => {
    const boot = stepOf(xen([PV_LINUX]).events, -1, 'deb');
    const entry = boot.findIndex((e) => e.kind === 'boot');
    const calls = boot.filter((e) => e.kind === 'hypercall' && e.lane === 'guest');
    expect(en(boot[entry])).toMatch(/startup_xen/);
    expect(boot.indexOf(calls[0])).toBeGreaterThan(entry);
    expect(calls.map((e) => [e.hypercall!.name, e.hypercall!.number])).toEqual([
      ['set_gdt', 2],
      ['set_trap_table', 0],
      ['mmuext_op', 26],
      ['mmuext_op', 26],
      ['callback_op', 30],
      ['event_channel_op', 32],
      ['grant_table_op', 20],
    ]);
    expect(en(calls[2])).toBe('MMUEXT_PIN_L4_TABLE (3) on init_top_pgt');
    expect(en(calls[3])).toMatch(/^MMUEXT_NEW_BASEPTR \(5\)/);
    expect(en(calls[4])).toMatch(/^CALLBACKOP_register \(0\): event \(0\), failsafe \(1\)/);
    expect(boot.some((e) => e.hypercall?.name === 'set_callbacks')).toBe(false);
  });

  it('passes XenStore through Initialising (1) on both ends before InitWait, Initialised and Connected', () => {
    const states = stepOf(xen([PV_LINUX]).events, -1, 'deb')
      .filter((e) => e.kind === 'xenbus')
      .map((e) => `${e.actor.endsWith('blkfront') ? 'front' : 'back'} ${/\((\d)\)/.exec(en(e))?.[1]}`);
    expect(states).toEqual(['front 1', 'back 1', 'back 2', 'front 3', 'back 4', 'front 4']);
  });
});

describe('fidelity: devices, firmware and failure domains', () => {
  it('calls the emulated disk what the trace does: IDE at port 0x1F0, port I/O exit 30, ioreq PIO', () => {
    const step = stepOf(xen([HVM_WIN], [{ guest: 'win', ops: ['disk.write'] }]).events, 0);
    expect(en(step[0])).toBe('guest driver programs the emulated IDE disk controller (port 0x1F0)');
    expect(en(step.find((e) => e.kind === 'vmexit'))).toMatch(/exit reason 30 \(I\/O instruction\)/);
    expect(step.map(en).join('\n')).not.toMatch(/AHCI/);
  });

  it('boots ESXi guests through VMware’s own BIOS/EFI, never SeaBIOS or OVMF', () => {
    for (const cpuVirtualization of ['binary-translation', 'hardware-assist']) {
      const { events } = runServer({
        host: XEN_HOST,
        hypervisor: { product: 'esxi', cpuVirtualization },
        guests: [HVM_WIN, { name: 'lx', os: 'linux' }],
      });
      const text = stepOf(events, -1).map(en).join('\n');
      expect(text).toMatch(/VMware virtual EFI → bootloader → unmodified windows kernel/);
      expect(text).toMatch(/VMware virtual BIOS → bootloader → unmodified linux kernel/);
      expect(text).not.toMatch(/SeaBIOS|OVMF/);
    }
  });

  it.each([
    ['xen', 'dom0', 'fault.control-domain-crash'],
    ['hyper-v', 'root-partition', 'fault.control-domain-crash'],
    ['kvm', 'linux-host', 'fault.control-domain-crash'],
  ])('%s: a control-domain crash (%s) takes every guest with it', (product, kind, fault) => {
    const guests = [HVM_WIN, { name: 'lx', os: 'linux' }];
    const { state } = runServer({
      host: XEN_HOST,
      hypervisor: { product },
      guests,
      workload: [
        { guest: 'lx', ops: [fault] },
        { guest: 'win', ops: ['compute'] },
      ],
    });
    expect(state.controlDomain).toEqual({ kind, status: 'crashed' });
    expect(state.guests.win.status).toBe('stopped');
    expect(state.guests.lx.status).toBe('stopped');
    expect(state.guests.win.reason?.en).toBeTruthy();
  });

  it('has no control domain to crash on ESXi, a type-2 host or without a hypervisor, and says why', () => {
    const refuse = (config: Record<string, unknown>) => {
      const r = simulate({
        host: XEN_HOST,
        ...config,
        workload: [{ guest: 'win', ops: ['fault.control-domain-crash'] }],
      });
      expect(r.errors.map((e) => e.path)).toEqual(['workload[0].ops[0]']);
      return r.errors[0].message.en;
    };
    expect(refuse({ hypervisor: { product: 'esxi' }, guests: [HVM_WIN] })).toMatch(/vmkernel is the hypervisor itself/);
    expect(
      refuse({
        host: { ...XEN_HOST, os: { family: 'linux' } },
        hypervisor: { product: 'virtualbox' },
        guests: [HVM_WIN],
      }),
    ).toMatch(/fault\.host-os-crash/);
    expect(simulate({ host: XEN_HOST, hypervisor: { product: 'esxi' }, guests: [HVM_WIN] }).state).toMatchObject({
      controlDomain: null,
    });
  });

  it('keeps fault.dom0-crash as Xen’s name for the same fault, and refuses it elsewhere', () => {
    const { state } = xen([HVM_WIN, PV_LINUX], [{ guest: 'deb', ops: ['fault.dom0-crash'] }]);
    expect(Object.values(state.guests).map((g) => g.status)).toEqual(['stopped', 'stopped']);
    expect(
      simulate({
        host: XEN_HOST,
        hypervisor: { product: 'hyper-v' },
        guests: [HVM_WIN],
        workload: [{ guest: 'win', ops: ['fault.dom0-crash'] }],
      }).ok,
    ).toBe(false);
  });
});
