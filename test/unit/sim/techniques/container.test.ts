import { describe, it, expect } from 'vitest';
import { simulate } from '../../../../core/sim/simulate.ts';
import { detailIn } from '../../../../core/sim/trace.ts';
import { runServer, stepOf } from '../server-fixture.ts';

const HOST = { cpu: { cores: 8 }, memoryGiB: 16, os: { family: 'linux' } };
const WEB = {
  name: 'web',
  image: { os: 'linux' },
  cgroups: { memoryMiB: 256, cpus: 0.5, pids: 64 },
  namespaces: ['pid', 'net', 'mnt'],
};
const API = { name: 'api', image: { os: 'linux' } };
const run = (containers: unknown[], workload: unknown[], host: Record<string, unknown> = HOST) =>
  runServer({ host, containers, workload });

describe('containers', () => {
  it('serves system calls from the shared host kernel, with no guest kernel and no hypervisor', () => {
    const { events, state } = run(
      [WEB],
      [{ container: 'web', ops: ['syscall.read', 'disk.write', 'net.send', 'compute'] }],
    );
    expect(stepOf(events, 0).map((e) => [e.lane, e.actor])).toEqual([
      ['container', 'container:web'],
      ['host-os', 'host-kernel'],
    ]);
    expect(
      events.some((e) => e.lane === 'hypervisor' || e.lane === 'guest' || e.lane === 'vmm' || e.lane === 'dom0'),
    ).toBe(false);
    expect(state.hypervisor).toBeNull();
    // syscall.read, and the write()/send() behind disk.write and net.send; compute enters no kernel.
    expect(state.containers.web.counters.syscalls).toBe(3);
  });

  it('OOM-kills only the container that exceeds memory.max', () => {
    const { state, events } = run(
      [WEB, API],
      [
        { container: 'web', ops: [{ 'mem.alloc': 100 }, { 'mem.alloc': 300 }, 'syscall.read'] },
        { container: 'api', ops: [{ 'mem.alloc': 300 }, 'syscall.read'] },
      ],
    );
    expect(state.containers.web).toMatchObject({ status: 'killed', oomKilled: true, oomScope: 'cgroup' });
    expect(state.host.oomKills).toBe(0);
    expect(stepOf(events, 1).find((e) => e.kind === 'oom-kill')).toMatchObject({
      actor: 'host-kernel',
      outcome: 'failed',
    });
    expect(stepOf(events, 2)[0]).toMatchObject({ kind: 'skip', outcome: 'failed' });
    expect(state.containers.api).toMatchObject({ status: 'running', oomKilled: false });
    expect(stepOf(events, 4).some((e) => e.outcome)).toBe(false);
  });

  it('returns EAGAIN from fork() at pids.max', () => {
    const { state, events } = run(
      [{ ...WEB, cgroups: { pids: 4 } }],
      [{ container: 'web', ops: [{ 'proc.fork': 5 }] }],
    );
    expect(state.containers.web.pids).toEqual({ current: 4, max: 4 });
    expect(state.containers.web.forkFailures).toBe(2);
    expect(state.containers.web.status).toBe('running');
    expect(detailIn(stepOf(events, 0).find((e) => e.outcome === 'denied')?.detail, 'en')).toMatch(/-EAGAIN/);
  });

  it('throttles CPU with cpu.max', () => {
    const { state } = run(
      [WEB, API],
      [
        { container: 'web', ops: ['compute'] },
        { container: 'api', ops: ['compute'] },
      ],
    );
    expect(state.containers.web.cpuMax).toBe('50000 100000');
    expect(state.containers.web.throttledOps).toBe(1);
    expect(state.containers.api.cpuMax).toBe('max 100000');
    expect(state.containers.api.throttledOps).toBe(0);
  });

  it('cannot run a Windows image on a Linux host, with process or vm isolation: it needs a Windows node', () => {
    const { state, events } = run(
      [
        { name: 'iis', image: { os: 'windows' } },
        { name: 'iis-vm', image: { os: 'windows' }, isolation: 'vm' },
      ],
      [{ container: 'iis-vm', ops: ['syscall.open'] }],
    );
    for (const name of ['iis', 'iis-vm']) {
      expect(state.containers[name].status).toBe('failed');
      expect(state.containers[name].fix?.en).toMatch(/Windows node/);
      expect(state.containers[name].fix?.ko).toMatch(/Windows 노드/);
      expect(state.containers[name].reason?.en).toMatch(/Windows kernel/);
      expect(state.containers[name].reason?.ko).toMatch(/[가-힣]/);
      expect(stepOf(events, -1, name).some((e) => e.lane === 'hypervisor')).toBe(false);
    }
  });

  it('runs a Linux image in a utility VM on a Windows host (LCOW) but not process-isolated', () => {
    const host = { ...HOST, os: { family: 'windows' } };
    const { state } = run(
      [
        { name: 'web', image: { os: 'linux' } },
        { name: 'web-vm', image: { os: 'linux' }, isolation: 'vm' },
      ],
      [{ container: 'web-vm', ops: ['syscall.open'] }],
      host,
    );
    expect(state.containers.web.status).toBe('failed');
    expect(state.containers.web.fix?.en).toMatch(/isolation: vm/);
    expect(state.containers['web-vm'].status).toBe('running');
  });

  it('answers a privileged instruction with #GP and SIGSEGV from the host kernel', () => {
    const { events } = run([WEB], [{ container: 'web', ops: ['insn.cli'] }]);
    const step = stepOf(events, 0);
    expect(detailIn(step.find((e) => e.lane === 'hardware')?.detail, 'en')).toMatch(/#GP/);
    expect(step[step.length - 1]).toMatchObject({ actor: 'host-kernel', kind: 'signal', outcome: 'denied' });
  });

  it('explains its steps in Korean and English, keeping limits and error codes verbatim in both', () => {
    const { events } = run([WEB], [{ container: 'web', ops: [{ 'mem.alloc': 300 }] }]);
    const oom = stepOf(events, 0).find((e) => e.kind === 'oom-kill');
    expect(detailIn(oom?.detail, 'en')).toBe(
      'memory.max reached (8 + 300 MiB > 256 MiB): OOM killer invoked in this cgroup',
    );
    expect(detailIn(oom?.detail, 'ko')).toMatch(/[가-힣]/);
    expect(detailIn(oom?.detail, 'ko')).toContain('memory.max');
    expect(detailIn(oom?.detail, 'ko')).toContain('(8 + 300 MiB > 256 MiB)');
    // Identifiers alone stay one language-neutral string.
    expect(stepOf(events, -1).find((e) => e.kind === 'spawn')?.detail).toBe(
      'runc: clone(CLONE_NEWPID|CLONE_NEWNET|CLONE_NEWNS)',
    );
  });

  it('starts faster than a VM boots and uses only the memory it needs', () => {
    const { state } = runServer({
      host: { cpu: { cores: 8 }, memoryGiB: 32, os: { family: 'linux' } },
      hypervisor: { product: 'kvm' },
      guests: [{ name: 'vm', os: 'linux', vcpus: 1, memoryGiB: 2 }],
      containers: [API],
      workload: [{ container: 'api', ops: [{ 'mem.alloc': 50 }] }],
    });
    expect(state.containers.api.bootCycles).toBeLessThan(state.guests.vm.bootCycles / 10);
    expect(state.containers.api.memoryUsedMiB).toBeLessThan(state.guests.vm.memoryReservedMiB);
    expect(state.host.memoryUsedByContainersMiB).toBe(state.containers.api.memoryUsedMiB);
    expect(state.host.memoryReservedByVmsMiB).toBe(2048);
  });

  it('a host OS crash stops every container', () => {
    const { state } = run([WEB, API], [{ container: 'web', ops: ['fault.host-os-crash'] }]);
    expect(state.containers.web.status).toBe('stopped');
    expect(state.containers.api.status).toBe('stopped');
  });

  it('is a configuration error to declare containers without a host kernel', () => {
    const r = simulate({ containers: [API] });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.path)).toEqual(['host.os']);
  });
});
