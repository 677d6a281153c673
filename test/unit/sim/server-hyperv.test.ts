import { describe, it, expect } from 'vitest';
import { simulate } from '../../../core/sim/simulate.ts';
import { detailIn, type TraceEvent } from '../../../core/sim/trace.ts';
import { XEN_HOST, lanePath, runServer, stepOf } from './server-fixture.ts';

const en = (e: TraceEvent | undefined) => detailIn(e?.detail, 'en') ?? '';
const SYNTHETIC = { disk: 'vmbus', net: 'vmbus' };
const hyperv = (devices: Record<string, unknown>, ops: unknown[]) =>
  runServer({
    host: XEN_HOST,
    hypervisor: { product: 'hyper-v' },
    guests: [{ name: 'win', os: 'windows', devices }],
    workload: [{ guest: 'win', ops }],
  });

describe('Hyper-V: root and child partitions, VMBus', () => {
  it('an enlightened child finds Hyper-V, enables its hypercall page and opens one VMBus channel per synthetic device', () => {
    const { events, state } = hyperv(SYNTHETIC, []);
    const boot = stepOf(events, -1);
    const text = boot.map(en).join('\n');
    expect(text).toMatch(/CPUID 0x40000000 → "Microsoft Hv"/);
    expect(text).toMatch(/HV_X64_MSR_GUEST_OS_ID \(0x40000000\).*HV_X64_MSR_HYPERCALL \(0x40000001\)/);
    expect(text).toMatch(
      /HvCallPostMessage \(0x005C\): CHANNELMSG_INITIATE_CONTACT \(14\), CHANNELMSG_REQUESTOFFERS \(3\)/,
    );
    expect(boot.filter((e) => /CHANNELMSG_OFFERCHANNEL \(1\)/.test(en(e))).map((e) => e.actor)).toEqual([
      'root-partition:vmbus',
      'root-partition:vmbus',
    ]);
    expect(text).toMatch(/CHANNELMSG_GPADL_HEADER \(8\), then CHANNELMSG_OPENCHANNEL \(5\)/);
    expect(text).toMatch(/Hyper-V generation 2 UEFI/);
    expect(state.guests.win.enlightened).toBe(true);
    expect(Object.keys(state.guests.win.vmbusChannels)).toEqual(['storage', 'network']);
  });

  it('synthetic I/O: VSC → ring → HvCallSignalEvent → VSP in the root partition kernel → device; no vmwp, no VM exit of a device access', () => {
    const { events, state } = hyperv(SYNTHETIC, ['disk.write', 'net.send']);
    const step = stepOf(events, 0);
    expect(stepOf(events, 1).map((e) => e.actor)).toEqual([
      'guest:win:netvsc',
      'hyper-v',
      'root-partition:network-vsp',
      'hardware:nic',
      'root-partition:network-vsp',
      'guest:win:netvsc',
    ]);
    expect(lanePath(step)).toEqual(['guest', 'hypervisor', 'dom0', 'hardware', 'dom0', 'guest']);
    expect(step[0].actor).toBe('guest:win:storvsc');
    expect(en(step[1])).toMatch(/^HvCallSignalEvent \(0x005D\)/);
    expect(step[2].actor).toBe('root-partition:storage-vsp');
    expect(step.some((e) => e.actor.includes('vmwp') || e.kind === 'vmexit')).toBe(false);
    expect(state.guests.win.vmbusChannels.storage).toMatchObject({ outbound: 1, inbound: 1, signals: 1 });
  });

  it('emulated devices go through the VM’s worker process (vmwp) in the root partition, after an exit', () => {
    const { events, state } = hyperv({}, ['disk.write', 'net.send']);
    const disk = stepOf(events, 0);
    expect(disk.some((e) => e.kind === 'vmexit')).toBe(true);
    expect(en(disk.find((e) => e.kind === 'ioreq'))).toMatch(/worker process \(vmwp\)/);
    expect(disk.some((e) => e.actor === 'root-partition:vmwp:win')).toBe(true);
    expect(en(stepOf(events, 1)[0])).toMatch(/legacy network adapter/);
    expect(state.guests.win.enlightened).toBe(false);
    expect(stepOf(events, -1).map(en).join('\n')).toMatch(/Hyper-V generation 1 BIOS/);
  });

  it('costs less through VMBus than through the emulated device', () => {
    const fast = hyperv(SYNTHETIC, ['disk.write']).state.guests.win.overheadCycles;
    const slow = hyperv({}, ['disk.write']).state.guests.win.overheadCycles;
    expect(fast).toBeLessThan(slow);
  });

  it('refuses vmbus away from Hyper-V', () => {
    const r = simulate({
      host: { ...XEN_HOST, os: { family: 'linux' } },
      hypervisor: { product: 'kvm' },
      guests: [{ name: 'a', os: 'linux', devices: { net: 'vmbus' } }],
    });
    expect(r.errors.map((e) => e.path)).toEqual(['guests[0].devices.net']);
    expect(r.errors[0].message.ko).toMatch(/Hyper-V/);
  });
});
