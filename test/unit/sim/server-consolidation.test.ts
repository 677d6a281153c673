import { describe, it, expect } from 'vitest';
import { simulate } from '../../../core/sim/simulate.ts';
import { PV_LINUX, runServer, stepOf } from './server-fixture.ts';

const GUESTS = [
  { ...PV_LINUX, name: 'web', vcpus: 4 },
  { name: 'db', os: 'linux', mode: 'hvm', vcpus: 4, memoryGiB: 16 },
  { name: 'erp', os: 'windows', mode: 'hvm', vcpus: 4, memoryGiB: 16 },
];
const consolidate = (workload: unknown[], cores = 8) =>
  runServer({
    host: { cpu: { cores }, memoryGiB: 64 },
    hypervisor: { product: 'xen' },
    dom0: { vcpus: 2, memoryGiB: 4 },
    guests: GUESTS,
    workload,
  });

describe('server consolidation', () => {
  it('keeps the other guests running when one guest crashes', () => {
    const { state, events } = consolidate([
      { guest: 'erp', ops: ['fault.guest-crash', 'compute'] },
      { guest: 'db', ops: ['disk.write'] },
      { guest: 'web', ops: ['net.send'] },
    ]);
    expect(state.guests.erp.status).toBe('crashed');
    expect(state.guests.db.status).toBe('running');
    expect(state.guests.web.status).toBe('running');
    expect(stepOf(events, 1)[0]).toMatchObject({ kind: 'skip', outcome: 'failed' });
    expect(stepOf(events, 2).some((e) => e.outcome)).toBe(false);
    expect(stepOf(events, 3).some((e) => e.outcome)).toBe(false);
  });

  it('stops every Xen guest when Dom0 crashes: Xen reboots the machine (Dom0 is a failure domain)', () => {
    const { state, events } = consolidate([
      { guest: 'db', ops: ['fault.dom0-crash', 'disk.write', 'compute', 'pagetable.update'] },
      { guest: 'web', ops: ['net.send', 'insn.mov-cr3'] },
    ]);
    expect(state.dom0?.status).toBe('crashed');
    expect(state.controlDomain).toEqual({ kind: 'dom0', status: 'crashed' });
    expect(stepOf(events, 0).find((e) => e.kind === 'reboot')).toMatchObject({ actor: 'xen', outcome: 'failed' });
    expect(Object.values(state.guests).every((g) => g.status === 'stopped')).toBe(true);
    // Nothing runs afterwards, I/O or CPU-only work alike.
    for (const s of [1, 2, 3, 4, 5])
      expect(stepOf(events, s)).toEqual([expect.objectContaining({ kind: 'skip', outcome: 'failed' })]);
  });

  it('shows CPU contention as steal time only when vCPUs exceed the cores', () => {
    // 12 guest vCPUs + 2 Dom0 vCPUs = 14 runnable on 8 cores: each waits 1 - 8/14 = 43 % of the time.
    const busy = consolidate([], 8);
    expect(busy.state.host.vcpusPerCore).toBe(1.75);
    for (const g of Object.values(busy.state.guests)) expect(g.stealPercent).toBe(43);
    const roomy = consolidate([], 16);
    for (const g of Object.values(roomy.state.guests)) expect(g.stealPercent).toBe(0);
  });

  it('reserves each VM’s full memory allocation (and Dom0’s) on the host', () => {
    const { state } = consolidate([{ guest: 'db', ops: [{ 'mem.alloc': 100 }] }]);
    expect(state.host.memoryReservedByVmsMiB).toBe((4 + 16 + 16 + 4) * 1024);
    expect(state.guests.db.memoryUsedMiB).toBe(100);
    expect(state.guests.db.memoryReservedMiB).toBe(16 * 1024);
  });

  it('runs a guest out of its own memory without touching the others', () => {
    const { state, events } = consolidate([
      { guest: 'web', ops: [{ 'mem.alloc': 5000 }] },
      { guest: 'db', ops: ['compute'] },
    ]);
    expect(stepOf(events, 0)[0]).toMatchObject({ kind: 'oom', outcome: 'failed' });
    expect(state.guests.web.status).toBe('running');
    expect(stepOf(events, 1).some((e) => e.outcome)).toBe(false);
  });

  it('is deterministic and returns plain JSON state addressed by name', () => {
    const config = {
      host: { cpu: { cores: 8 }, memoryGiB: 64 },
      hypervisor: { product: 'xen' },
      guests: GUESTS,
      workload: [{ guest: 'db', ops: ['disk.write', 'insn.cpuid'] }],
    };
    const a = simulate(config, { seed: 1 });
    const b = simulate(config, { seed: 1 });
    expect(a).toEqual(b);
    expect(JSON.parse(JSON.stringify(a.state))).toEqual(a.state);
    const state = a.state as { guests: Record<string, { status: string }> };
    expect(Object.keys(state.guests)).toEqual(['web', 'db', 'erp']);
  });

  it('boots everything first, at step -1, before the workload', () => {
    const { events } = consolidate([{ guest: 'db', ops: ['compute'] }]);
    const firstWork = events.findIndex((e) => e.step >= 0);
    expect(events.slice(0, firstWork).every((e) => e.step === -1)).toBe(true);
    expect(events.slice(firstWork).every((e) => e.step >= 0)).toBe(true);
    for (const g of ['web', 'db', 'erp']) expect(stepOf(events, -1, g).length).toBeGreaterThan(0);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
  });
});
