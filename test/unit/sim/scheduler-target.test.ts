import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { SchedulerState } from '../../../core/sim/scheduler/state.ts';
import { simulate, simulateText } from '../../../core/sim/simulate.ts';
import { example, validState } from './example-fixture.ts';
import { schedulerConfig } from './scheduler-generators.ts';

const run = (config: unknown) => validState<SchedulerState>(config);
const oneNode = (cpus: number) => ({ nodes: [{ name: 'n0', cpus }] });

describe('scheduler target: time accounting over random configurations', () => {
  it('a vCPU’s ticks are run, stolen or idle; no CPU runs two vCPUs; steal includes throttling', () => {
    fc.assert(
      fc.property(schedulerConfig, (config) => {
        const r = simulate(config);
        expect(r.errors).toEqual([]);
        const s = r.state as SchedulerState;
        const alwaysOn = config.vms.filter((v) => v.running && !config.ops.some((o) => 'stop' in o || 'start' in o));
        for (const v of alwaysOn) {
          for (const c of Object.values(s.vms[v.name].vcpu))
            expect(c.ranTicks + c.stealTicks + c.idleTicks).toBe(config.ticks);
        }
        for (const vm of Object.values(s.vms)) {
          expect(vm.throttledTicks).toBeLessThanOrEqual(vm.stealTicks);
          for (const c of Object.values(vm.vcpu)) expect(c.localTicks + c.remoteTicks).toBe(c.ranTicks);
          expect(vm.memoryDistance === 0 || vm.memoryDistance >= 10).toBe(true);
        }
        expect(s.host.busyTicks).toBeLessThanOrEqual(s.host.pcpus * config.ticks);
        expect(Object.values(s.host.nodes).reduce((n, x) => n + x.busyTicks, 0)).toBe(s.host.busyTicks);
      }),
      { numRuns: 200 },
    );
  });

  it('steal time is zero when the host is not overcommitted (no pins, no caps)', () => {
    fc.assert(
      fc.property(schedulerConfig, (config) => {
        const pcpus = config.host.nodes.reduce((n, x) => n + x.cpus, 0);
        const vms = config.vms.map(({ pin: _p, cap: _c, cpuMax: _m, ...v }: Record<string, unknown>) => v);
        const vcpus = config.vms.reduce((n, v) => n + v.vcpus, 0);
        fc.pre(vcpus <= pcpus);
        const s = run({ ...config, vms, ops: config.ops.filter((o) => !('pin' in o) && !('set' in o)) });
        for (const vm of Object.values(s.vms)) expect(vm.stealTicks).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('busy VMs sharing one CPU get time in proportion to their weights (credit2 per vCPU, cfs per VM)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 2, maxLength: 4 }),
        fc.constantFrom('credit2', 'cfs'),
        (weights, scheduler) => {
          const s = run({
            target: 'scheduler',
            scheduler,
            host: oneNode(1),
            ticks: 500,
            vms: weights.map((w, i) => ({ name: `v${i}`, vcpus: 1, weight: w * 10 })),
          });
          const total = weights.reduce((a, b) => a + b, 0);
          weights.forEach((w, i) =>
            expect(Math.abs(s.vms[`v${i}`].ranTicks - (500 * w) / total)).toBeLessThanOrEqual(weights.length),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('credit2 weighs each vCPU; a cgroup’s cpu.weight is shared by its vCPU threads', () => {
    const vms = [
      { name: 'big', vcpus: 4, weight: 100 },
      { name: 'small', vcpus: 1, weight: 100 },
    ];
    const credit2 = run({ target: 'scheduler', scheduler: 'credit2', host: oneNode(2), ticks: 400, vms });
    const cfs = run({ target: 'scheduler', scheduler: 'cfs', host: oneNode(2), ticks: 400, vms });
    expect(credit2.vms.big.ranTicks).toBeGreaterThan(3 * credit2.vms.small.ranTicks);
    expect(Math.abs(cfs.vms.big.ranTicks - cfs.vms.small.ranTicks)).toBeLessThanOrEqual(4);
  });

  it('a cap holds a VM to its share even on an idle host: credit2 % of a pCPU per 10 ms, cfs cpu.max', () => {
    const credit2 = run({
      target: 'scheduler',
      scheduler: 'credit2',
      host: oneNode(4),
      ticks: 200,
      vms: [{ name: 'a', vcpus: 2, cap: 50 }],
    });
    expect(credit2.vms.a.ranTicks).toBe(100);
    expect(credit2.vms.a.throttledTicks).toBe(credit2.vms.a.stealTicks);
    const cfs = run({
      target: 'scheduler',
      scheduler: 'cfs',
      host: oneNode(4),
      ticks: 200,
      vms: [{ name: 'a', vcpus: 4, cpuMax: '150000 100000' }],
    });
    expect(cfs.vms.a.ranTicks).toBe(300);
  });
});

describe('scheduler target: the examples', () => {
  it('noisy neighbour: steal appears when the busy VM starts, and the cap gives it back', () => {
    const base = example('scheduler-noisy-neighbour');
    const before = run({ ...base, ticks: 100, ops: [] });
    expect(before.vms.web.stealTicks + before.vms.db.stealTicks).toBe(0);
    const noCap = run({ ...base, ops: base.ops.slice(0, 1) });
    const capped = run(base);
    expect(noCap.vms.db.stealTicks).toBeGreaterThan(capped.vms.db.stealTicks);
    expect(capped.vms.noisy.throttledTicks).toBeGreaterThan(0);
    // Under contention web (weight 512) runs more than db (256).
    expect(capped.vms.web.ranTicks).toBeGreaterThan(capped.vms.db.ranTicks);
    const r = simulate(base);
    expect(r.events.some((e) => e.kind === 'steal' && String(e.detail).includes('runstate runnable'))).toBe(true);
  });

  it('NUMA: pinned away from its memory every access is remote at the SLIT distance; re-pinned it is local', () => {
    const base = example('scheduler-numa');
    const away = run({ ...base, ops: [] });
    expect(away.vms.db.localPercent).toBe(0);
    expect(away.vms.db.memoryDistance).toBe(21);
    const s = run(base);
    expect(s.vms.db.localPercent).toBeGreaterThan(40);
    expect(s.vms.db.memoryDistance).toBeLessThan(21);
    const defaults = run({ ...base, host: { nodes: base.host.nodes }, ops: [] });
    expect(defaults.vms.db.memoryDistance).toBe(20);
    const r = simulate(base);
    expect(r.events.some((e) => e.lane === 'hardware' && e.kind === 'remote-memory')).toBe(true);
    expect(
      r.events.some((e) => e.kind === 'steal' && String(e.detail).includes('MSR_KVM_STEAL_TIME (0x4b564d03)')),
    ).toBe(true);
  });
});

describe('scheduler target: bad input', () => {
  it('checks the SLIT, knobs per scheduler, pins and op order: bilingual, line-numbered', () => {
    const text = [
      'target: scheduler',
      'scheduler: credit2',
      'host:',
      '  nodes: [{ name: a, cpus: 2 }, { name: b, cpus: 2 }]',
      '  distances: [[10, 21], [21, 12]]',
      'ticks: 10',
      'vms:',
      '  - { name: x, vcpus: 1, cpuMax: "50000 100000", pin: [7] }',
      'ops:',
      '  - { at: 5, set: x, demand: 10 }',
      '  - { at: 2, stop: y }',
      '',
    ].join('\n');
    const r = simulateText(text);
    expect(r.ok).toBe(false);
    const at = (path: string) => r.errors.find((e) => e.path === path);
    expect(at('host.distances[1][1]')).toMatchObject({ line: 5 });
    expect(at('vms[0].cpuMax')?.message.en).toContain('under credit2 use cap');
    expect(at('vms[0].pin')?.message.ko).toContain('물리 CPU 7');
    expect(at('ops[1].stop')?.line).toBe(11);
    expect(at('ops[1].at')?.message.en).toContain('time order');
  });

  it('refuses runs past the tick and vCPU limits', () => {
    const r = simulate({
      target: 'scheduler',
      scheduler: 'cfs',
      host: oneNode(1),
      ticks: 100_000,
      vms: Array.from({ length: 3 }, (_, i) => ({ name: `v${i}`, vcpus: 64 })),
    });
    expect(r.errors.map((e) => e.path).sort()).toEqual(['ticks', 'vms']);
  });
});
