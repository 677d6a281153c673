import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { HOST_OS_RESERVED_MIB } from '../../../../core/sim/techniques/host-memory.ts';
import { runServer, stepOf } from '../server-fixture.ts';

const LINUX_16G = { cpu: { cores: 8 }, memoryGiB: 16, os: { family: 'linux' } };
const unlimited = (name: string) => ({ name, image: { os: 'linux' } });
const alloc = (...mib: number[]) => mib.map((n) => ({ 'mem.alloc': n }));

describe('host memory pressure', () => {
  it('lets the host kernel OOM-kill an unlimited container that outgrows the host, and says how to prevent it', () => {
    const { state, events } = runServer({
      host: LINUX_16G,
      containers: [unlimited('hog'), unlimited('api')],
      workload: [
        { container: 'api', ops: alloc(300) },
        { container: 'hog', ops: alloc(6000, 6000, 6000) },
        { container: 'api', ops: ['syscall.read'] },
      ],
    });
    expect(stepOf(events, 2).some((e) => e.kind === 'oom-kill')).toBe(false);
    const kill = stepOf(events, 3).find((e) => e.kind === 'oom-kill');
    expect(kill).toMatchObject({ lane: 'host-os', actor: 'host-kernel', outcome: 'failed', subject: 'hog' });
    expect(kill?.note?.ko).toMatch(/호스트 커널의 OOM 킬러/);
    expect(kill?.note?.en).toMatch(/host kernel's OOM killer killed 'hog'/);
    expect(kill?.fix?.en).toMatch(/memory\.max.*'hog'|'hog'.*memory\.max/);
    expect(kill?.fix?.ko).toMatch(/memory\.max/);
    expect(stepOf(events, 3).some((e) => e.kind === 'alloc')).toBe(false);
    expect(state.containers.hog).toMatchObject({
      status: 'killed',
      oomKilled: true,
      oomScope: 'host',
      memoryUsedMiB: 0,
    });
    expect(state.containers.hog.fix?.en).toMatch(/memory\.max/);
    expect(state.containers.api).toMatchObject({
      status: 'running',
      oomKilled: false,
      oomScope: null,
      memoryUsedMiB: 308,
    });
    expect(stepOf(events, 4).some((e) => e.outcome)).toBe(false);
    expect(state.host).toMatchObject({
      oomKills: 1,
      memoryReservedByOsMiB: HOST_OS_RESERVED_MIB,
      memoryUsedByContainersMiB: 308,
    });
  });

  it('kills the largest user, which need not be the container that asked, and then serves the allocation', () => {
    const { state, events } = runServer({
      host: LINUX_16G,
      containers: [unlimited('db'), unlimited('web')],
      workload: [
        { container: 'db', ops: alloc(10_000) },
        { container: 'web', ops: alloc(6000) },
      ],
    });
    const step = stepOf(events, 1);
    expect(step.map((e) => [e.kind, e.subject])).toEqual([
      ['issue', 'web'],
      ['oom-kill', 'db'],
      ['alloc', 'web'],
    ]);
    expect(state.containers.db).toMatchObject({ status: 'killed', oomScope: 'host' });
    expect(state.containers.web).toMatchObject({ status: 'running', oomKilled: false, memoryUsedMiB: 6008 });
    // The allocation succeeded: the failure belongs to db, not to web's operation.
    expect(state.containers.web.counters.failures).toBe(0);
    expect(state.host.oomKills).toBe(1);
  });

  it('leaves a container with memory.max to its own cgroup, before the host is ever short', () => {
    const { state, events } = runServer({
      host: LINUX_16G,
      containers: [{ name: 'hog', image: { os: 'linux' }, cgroups: { memoryMiB: 2048 } }, unlimited('api')],
      workload: [{ container: 'hog', ops: alloc(6000, 6000, 6000) }],
    });
    expect(state.containers.hog).toMatchObject({ status: 'killed', oomKilled: true, oomScope: 'cgroup' });
    expect(events.filter((e) => e.kind === 'oom-kill')).toHaveLength(1);
    expect(state.host.oomKills).toBe(0);
  });

  it('still needs the host when the limits add up to more than the host has', () => {
    const big = (name: string) => ({ name, image: { os: 'linux' }, cgroups: { memoryMiB: 10_000 } });
    const { state, events } = runServer({
      host: LINUX_16G,
      containers: [big('a'), big('b')],
      workload: [
        { container: 'a', ops: alloc(9000) },
        { container: 'b', ops: alloc(9000) },
      ],
    });
    const kill = events.find((e) => e.kind === 'oom-kill');
    expect(kill).toMatchObject({ subject: 'a', outcome: 'failed' });
    expect(kill?.fix?.en).toMatch(/add up to more than the 15360 MiB/);
    expect(state.containers.a.oomScope).toBe('host');
    expect(state.containers.b).toMatchObject({ status: 'running', memoryUsedMiB: 9008 });
  });

  it('counts the memory VMs reserve on the same host (KVM)', () => {
    const containers = [unlimited('app')];
    const workload = [{ container: 'app', ops: alloc(8000) }];
    const bare = runServer({ host: LINUX_16G, containers, workload });
    expect(bare.state.host.oomKills).toBe(0);
    expect(bare.state.containers.app.memoryUsedMiB).toBe(8008);
    const withVm = runServer({
      host: LINUX_16G,
      hypervisor: { product: 'kvm' },
      guests: [{ name: 'vm', os: 'linux', memoryGiB: 8 }],
      containers,
      workload,
    });
    expect(withVm.state.host.memoryReservedByVmsMiB).toBe(8192);
    expect(withVm.state.containers.app).toMatchObject({ status: 'killed', oomScope: 'host' });
    expect(withVm.state.guests.vm.status).toBe('running');
  });

  it('gets the memory of a stopped container back', () => {
    const { state } = runServer({
      host: LINUX_16G,
      containers: [unlimited('old'), unlimited('new')],
      workload: [
        { container: 'old', ops: [...alloc(10_000), 'fault.guest-crash'] },
        { container: 'new', ops: alloc(10_000) },
      ],
    });
    expect(state.containers.new).toMatchObject({ status: 'running', memoryUsedMiB: 10_008 });
    expect(state.host.oomKills).toBe(0);
  });

  it('on a host kernel without an OOM killer, refuses the allocation and kills nothing', () => {
    const { state, events } = runServer({
      host: { cpu: { cores: 8 }, memoryGiB: 4, os: { family: 'windows' } },
      containers: [{ name: 'iis', image: { os: 'windows' } }],
      workload: [{ container: 'iis', ops: alloc(1000, 5000) }],
    });
    expect(stepOf(events, 1).find((e) => e.outcome)).toMatchObject({
      kind: 'oom',
      actor: 'host-kernel',
      outcome: 'failed',
    });
    expect(events.some((e) => e.kind === 'oom-kill')).toBe(false);
    expect(state.containers.iis).toMatchObject({ status: 'running', oomKilled: false, memoryUsedMiB: 1008 });
    expect(state.host.oomKills).toBe(0);
  });

  it('charges nothing for a container that never started', () => {
    const { state } = runServer({ host: LINUX_16G, containers: [{ name: 'iis', image: { os: 'windows' } }] });
    expect(state.containers.iis).toMatchObject({ status: 'failed', memoryUsedMiB: 0, pids: { current: 0, max: null } });
    expect(state.host.memoryUsedByContainersMiB).toBe(0);
  });

  it('never lets running containers and the host OS use more than the host has, and explains every kill (property)', () => {
    const container = fc.record({
      limit: fc.option(fc.integer({ min: 64, max: 12_000 }), { nil: undefined }),
      allocs: fc.array(fc.integer({ min: 0, max: 9000 }), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 16 }),
        fc.array(container, { minLength: 1, maxLength: 4 }),
        (memoryGiB, specs) => {
          const { state, events } = runServer({
            host: { cpu: { cores: 8 }, memoryGiB, os: { family: 'linux' } },
            containers: specs.map((c, i) => ({
              name: `c${i}`,
              image: { os: 'linux' },
              ...(c.limit ? { cgroups: { memoryMiB: c.limit } } : {}),
            })),
            workload: specs.map((c, i) => ({ container: `c${i}`, ops: alloc(...c.allocs) })),
          });
          const all = Object.values(state.containers);
          expect(state.host.memoryReservedByOsMiB + state.host.memoryUsedByContainersMiB).toBeLessThanOrEqual(
            memoryGiB * 1024,
          );
          for (const c of all) {
            if (c.memoryMaxMiB !== null && c.status === 'running')
              expect(c.memoryUsedMiB).toBeLessThanOrEqual(c.memoryMaxMiB);
            expect(c.oomKilled).toBe(c.oomScope !== null);
          }
          expect(state.host.oomKills).toBe(all.filter((c) => c.oomScope === 'host').length);
          const kills = events.filter((e) => e.kind === 'oom-kill');
          expect(kills).toHaveLength(all.filter((c) => c.oomKilled).length);
          for (const e of kills)
            expect(e).toMatchObject({
              lane: 'host-os',
              actor: 'host-kernel',
              outcome: 'failed',
              note: { ko: expect.any(String), en: expect.any(String) },
            });
        },
      ),
      { numRuns: 100 },
    );
  });
});
