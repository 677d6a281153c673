import { describe, it, expect } from 'vitest';
import { detailIn } from '../../../../core/sim/trace.ts';
import { simulate } from '../../../../core/sim/simulate.ts';
import { lanePath, runServer, stepOf } from '../server-fixture.ts';

const HOST = { cpu: { cores: 8 }, memoryGiB: 32, os: { family: 'linux' } };
const GUESTS = [
  { name: 'win10', os: 'windows', vcpus: 2, memoryGiB: 4 },
  { name: 'ubuntu', os: 'linux', vcpus: 2, memoryGiB: 4 },
];
const hostedRun = (workload: unknown[], host: Record<string, unknown> = HOST) =>
  runServer({ host, hypervisor: { product: 'virtualbox' }, guests: GUESTS, workload });

describe('hosted (type 2) virtualization', () => {
  it('sends a privileged instruction guest → vmm → host-os → hardware', () => {
    const { events } = hostedRun([{ guest: 'win10', ops: ['insn.hlt'] }]);
    const step = stepOf(events, 0);
    expect(lanePath(step).slice(0, 4)).toEqual(['guest', 'vmm', 'host-os', 'hardware']);
    expect(step.find((e) => e.lane === 'vmm')).toMatchObject({ actor: 'vmm:virtualbox', kind: 'vmexit' });
  });

  it('sends guest I/O through the VMM process and the host OS', () => {
    const { events } = hostedRun([{ guest: 'ubuntu', ops: ['disk.write', 'net.send'] }]);
    for (const s of [0, 1])
      expect(lanePath(stepOf(events, s)).slice(0, 4)).toEqual(['guest', 'vmm', 'host-os', 'hardware']);
    expect(detailIn(stepOf(events, 0).find((e) => e.lane === 'host-os')?.detail, 'en')).toMatch(/disk image file/);
  });

  it('has no bare-metal hypervisor or Dom0 on the path, and reports type 2', () => {
    const { events, state } = hostedRun([{ guest: 'win10', ops: ['disk.write', 'insn.cpuid', 'compute'] }]);
    expect(events.some((e) => e.lane === 'hypervisor' || e.lane === 'dom0')).toBe(false);
    expect(state.hypervisor).toMatchObject({ product: 'virtualbox', type: 'type-2' });
    expect(state.guests.win10.technique).toBe('hosted');
  });

  it('stops every guest when the host OS crashes', () => {
    const { events, state } = hostedRun([
      { guest: 'ubuntu', ops: ['fault.host-os-crash'] },
      { guest: 'win10', ops: ['compute'] },
    ]);
    expect(state.host.os?.status).toBe('crashed');
    expect(state.guests.win10.status).toBe('stopped');
    expect(state.guests.ubuntu.status).toBe('stopped');
    expect(state.guests.win10.reason?.en).toMatch(/host OS crashed/);
    expect(stepOf(events, 1)[0]).toMatchObject({ subject: 'win10', kind: 'skip', outcome: 'failed' });
  });

  it('a guest crash stops only that guest', () => {
    const { state } = hostedRun([
      { guest: 'ubuntu', ops: ['fault.guest-crash'] },
      { guest: 'win10', ops: ['compute'] },
    ]);
    expect(state.guests.ubuntu.status).toBe('crashed');
    expect(state.guests.win10.status).toBe('running');
    expect(state.host.os?.status).toBe('running');
  });

  it('refuses to start a VM without VT-x enabled, with the VirtualBox message and the fix', () => {
    const { state, events } = hostedRun([], { ...HOST, cpu: { hardwareAssist: { enabledInFirmware: false } } });
    expect(state.guests.win10.status).toBe('failed');
    expect(state.guests.win10.reason?.en).toMatch(/Modern type-2 hypervisors/);
    expect(state.guests.win10.fix?.en).toMatch(/With VT-x enabled in firmware this guest would boot/);
    expect(stepOf(events, -1).some((e) => /VERR_VMX_MSR_ALL_VMX_DISABLED/.test(detailIn(e.detail, 'en') ?? ''))).toBe(
      true,
    );
    expect(stepOf(events, -1).some((e) => /VERR_VMX_MSR_ALL_VMX_DISABLED/.test(detailIn(e.detail, 'ko') ?? ''))).toBe(
      true,
    );
  });

  it('is a configuration error to run a type-2 hypervisor without a host OS', () => {
    const r = simulate({ hypervisor: { product: 'virtualbox' }, guests: GUESTS });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.path)).toContain('host.os');
    const e = r.errors.find((x) => x.path === 'host.os')!;
    expect(e.message.en).toMatch(/type-2/);
    expect(e.message.ko).toMatch(/타입 2/);
  });
});
