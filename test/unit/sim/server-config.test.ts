import { describe, it, expect } from 'vitest';
import { simulate, simulateText } from '../../../core/sim/simulate.ts';
import { SIM_LIMITS } from '../../../core/sim/limits.ts';
import { HVM_WIN, PV_LINUX, XEN_HOST } from './server-fixture.ts';

const errorsOf = (config: Record<string, unknown>) => {
  const r = simulate(config);
  expect(r.ok).toBe(false);
  expect(r.state).toBeNull();
  for (const e of r.errors) {
    expect(e.message.ko.length).toBeGreaterThan(0);
    expect(e.message.en.length).toBeGreaterThan(0);
  }
  return r.errors;
};
const paths = (config: Record<string, unknown>) => errorsOf(config).map((e) => e.path);

describe('server configuration errors', () => {
  it('reports a typo in a key instead of ignoring it', () => {
    expect(paths({ host: { cpu: { coers: 4 } } })).toEqual(['host.cpu.coers']);
    const e = errorsOf({ hypervisor: { product: 'xen', binaryTranslaton: true } });
    expect(e[0].message.en).toMatch(/binaryTranslaton/);
  });

  it('names an unknown guest or container in the workload', () => {
    const e = errorsOf({
      host: XEN_HOST,
      hypervisor: { product: 'xen' },
      guests: [HVM_WIN],
      workload: [{ guest: 'nope', ops: ['compute'] }],
    });
    expect(e).toEqual([
      {
        path: 'workload[0].guest',
        message: { ko: expect.stringContaining('nope'), en: "There is no guest named 'nope'." },
      },
    ]);
  });

  it('rejects an unknown operation and an argument to an operation that takes none', () => {
    expect(
      paths({
        host: XEN_HOST,
        hypervisor: { product: 'xen' },
        guests: [HVM_WIN],
        workload: [{ guest: 'win', ops: ['insn.bogus'] }],
      }),
    ).toEqual(['workload[0].ops[0]']);
    expect(
      paths({
        host: XEN_HOST,
        hypervisor: { product: 'xen' },
        guests: [HVM_WIN],
        workload: [{ guest: 'win', ops: [{ 'disk.write': 3 }] }],
      }),
    ).toEqual(['workload[0].ops[0]']);
  });

  it('requires a host OS under a type-2 hypervisor and forbids one under a type-1 hypervisor', () => {
    expect(paths({ hypervisor: { product: 'vmware-workstation' }, guests: [HVM_WIN] })).toContain('host.os');
    const e = errorsOf({
      host: { ...XEN_HOST, os: { family: 'linux' } },
      hypervisor: { product: 'esxi' },
      guests: [HVM_WIN],
    });
    expect(e[0]).toMatchObject({ path: 'host.os', message: { en: expect.stringMatching(/bare-metal/) } });
  });

  it('requires a hypervisor for guests', () => {
    expect(paths({ host: XEN_HOST, guests: [HVM_WIN] })).toEqual(['hypervisor']);
  });

  it('checks vCPU overcommit, with the numbers', () => {
    const e = errorsOf({
      host: { cpu: { cores: 4 }, memoryGiB: 64 },
      hypervisor: { product: 'xen' },
      overcommit: { cpu: 2 },
      guests: [{ ...HVM_WIN, vcpus: 8 }],
    });
    // 8 guest vCPUs + 2 for Dom0 on 4 cores = 2.50:1 > 2:1.
    expect(e).toHaveLength(1);
    expect(e[0].message.en).toContain('10 vCPUs on 4 cores = 2.50:1');
    expect(e[0].message.en).toContain('2:1');
    expect(e[0].message.ko).toContain('10개 vCPU');
  });

  it('checks memory against the host, with the numbers', () => {
    const e = errorsOf({
      host: { cpu: { cores: 16 }, memoryGiB: 16 },
      hypervisor: { product: 'xen' },
      guests: [{ ...HVM_WIN, memoryGiB: 14 }],
    });
    expect(e[0].message.en).toContain('18 GiB');
    expect(e[0].message.en).toContain('16 GiB × allowed ratio 1 = 16 GiB');
  });

  it('allows binary translation only where the product offers it, and PV modes only on Xen', () => {
    expect(
      paths({
        host: XEN_HOST,
        hypervisor: { product: 'xen', cpuVirtualization: 'binary-translation' },
        guests: [HVM_WIN],
      }),
    ).toEqual(['hypervisor.cpuVirtualization']);
    expect(paths({ host: XEN_HOST, hypervisor: { product: 'esxi' }, guests: [PV_LINUX] })).toEqual(['guests[0].mode']);
    expect(paths({ host: XEN_HOST, hypervisor: { product: 'esxi' }, dom0: {}, guests: [HVM_WIN] })).toEqual(['dom0']);
  });

  it('does NOT treat PV mode with an unmodified kernel as a configuration error (it is a boot failure)', () => {
    const r = simulate({ host: XEN_HOST, hypervisor: { product: 'xen' }, guests: [{ ...HVM_WIN, mode: 'pv' }] });
    expect(r.ok).toBe(true);
  });

  it('refuses a paravirtualized Windows kernel and duplicate names', () => {
    expect(
      paths({
        host: XEN_HOST,
        hypervisor: { product: 'xen' },
        guests: [{ ...HVM_WIN, kernel: { paravirtualized: true } }],
      }),
    ).toEqual(['guests[0].kernel.paravirtualized']);
    expect(paths({ host: XEN_HOST, hypervisor: { product: 'xen' }, guests: [HVM_WIN, HVM_WIN] })).toEqual([
      'guests[1].name',
    ]);
  });

  it('allows faults only where their target exists', () => {
    expect(
      paths({
        host: XEN_HOST,
        hypervisor: { product: 'esxi' },
        guests: [HVM_WIN],
        workload: [{ guest: 'win', ops: ['fault.dom0-crash'] }],
      }),
    ).toEqual(['workload[0].ops[0]']);
    expect(
      paths({
        host: XEN_HOST,
        hypervisor: { product: 'xen' },
        guests: [HVM_WIN],
        workload: [{ guest: 'win', ops: ['fault.host-os-crash'] }],
      }),
    ).toEqual(['workload[0].ops[0]']);
  });

  it('respects SIM_LIMITS for guests and operations', () => {
    const limits = { ...SIM_LIMITS, maxGuests: 2, maxOps: 3 };
    const many = simulate(
      {
        host: { cpu: { cores: 64 }, memoryGiB: 512 },
        hypervisor: { product: 'xen' },
        guests: ['a', 'b', 'c'].map((name) => ({ ...HVM_WIN, name })),
      },
      { limits },
    );
    expect(many.errors[0]).toMatchObject({
      path: 'guests',
      message: { en: expect.stringContaining('at most 2 guests') },
    });
    const ops = simulate(
      {
        host: XEN_HOST,
        hypervisor: { product: 'xen' },
        guests: [HVM_WIN],
        workload: [{ guest: 'win', ops: ['compute', 'compute', 'compute', 'compute'] }],
      },
      { limits },
    );
    expect(ops.errors[0].path).toBe('workload');
  });

  it('stops cleanly when the event budget runs out', () => {
    const r = simulate(
      {
        host: XEN_HOST,
        hypervisor: { product: 'xen' },
        guests: [HVM_WIN],
        workload: [{ guest: 'win', ops: Array(50).fill('disk.write') }],
      },
      { limits: { ...SIM_LIMITS, maxEvents: 40 } },
    );
    expect(r.ok).toBe(false);
    expect(r.errors[0].message.en).toMatch(/at most 40 trace events/);
    expect(r.events).toHaveLength(40);
  });

  it('gives the line of the mistake in YAML text', () => {
    const text = [
      'host:',
      '  os: { family: linux }',
      'hypervisor: { product: virtualbox }',
      'guests:',
      '  - { name: a, os: linux }',
      'workload:',
      '  - { guest: b, ops: [compute] }',
      '',
    ].join('\n');
    const r = simulateText(text);
    expect(r.errors).toEqual([expect.objectContaining({ path: 'workload[0].guest', line: 7 })]);
  });
});
