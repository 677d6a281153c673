import { describe, it, expect } from 'vitest';
import { CONTAINER_HANDLERS, containerStep } from '../../../../core/sim/techniques/container.ts';
import { OP_KINDS, opKindOf, type Subject } from '../../../../core/sim/techniques/world.ts';
import { detailIn } from '../../../../core/sim/trace.ts';
import { runServer, stepOf, worldOf } from '../server-fixture.ts';

/** A world with one running container (state as after boot), and the step one handler works on. */
function step(op: { name: string; arg?: number }, container: Record<string, unknown> = {}, family = 'linux') {
  const { world, trace, subjects } = worldOf({
    host: { cpu: { cores: 4 }, memoryGiB: 16, os: { family } },
    containers: [{ name: 'c', image: { os: family }, ...container }],
  });
  const [subject] = subjects as Array<Extract<Subject, { kind: 'container' }>>;
  subject.state.memoryUsedMiB = 8;
  subject.state.pids.current = 1;
  return { s: containerStep(world, subject, op), trace, subject };
}

describe('container op handlers, one at a time', () => {
  it('routes every operation name to exactly one handler', () => {
    expect(Object.keys(CONTAINER_HANDLERS).sort()).toEqual([...OP_KINDS].sort());
    expect(opKindOf('insn.cli')).toBe('insn');
    expect(opKindOf('disk.write')).toBe('io');
    expect(opKindOf('net.recv')).toBe('io');
    expect(opKindOf('syscall.openat')).toBe('syscall');
    expect(opKindOf('mem.alloc')).toBe('mem.alloc');
  });

  it('mem.alloc over memory.max: the cgroup OOM killer ends the container and frees its memory', () => {
    const { s, subject, trace } = step({ name: 'mem.alloc', arg: 100 }, { cgroups: { memoryMiB: 64 } });
    CONTAINER_HANDLERS['mem.alloc'](s);
    expect(subject.state).toMatchObject({ status: 'killed', oomKilled: true, oomScope: 'cgroup', memoryUsedMiB: 0 });
    expect(trace.events.at(-1)).toMatchObject({ kind: 'oom-kill', actor: 'host-kernel', outcome: 'failed' });
  });

  it('mem.alloc over a Windows job object limit: the allocation fails, the container keeps running', () => {
    const { s, subject, trace } = step({ name: 'mem.alloc', arg: 100 }, { cgroups: { memoryMiB: 64 } }, 'windows');
    CONTAINER_HANDLERS['mem.alloc'](s);
    expect(subject.state).toMatchObject({ status: 'running', oomKilled: false, memoryUsedMiB: 8 });
    expect(trace.events.at(-1)).toMatchObject({ outcome: 'denied' });
    expect(detailIn(trace.events.at(-1)!.detail, 'en')).toMatch(/^JobMemoryLimit reached/);
  });

  it('proc.fork counts processes against pids.max and refuses the rest', () => {
    const { s, subject } = step({ name: 'proc.fork', arg: 5 }, { cgroups: { pids: 3 } });
    CONTAINER_HANDLERS['proc.fork'](s);
    expect(subject.state.pids).toEqual({ current: 3, max: 3 });
    expect(subject.state.forkFailures).toBe(3);
  });

  it('compute under cpus < 1 is throttled; io ends at the physical device', () => {
    const throttled = step({ name: 'compute' }, { cgroups: { cpus: 0.5 } });
    CONTAINER_HANDLERS.compute(throttled.s);
    expect(throttled.subject.state.throttledOps).toBe(1);
    const disk = step({ name: 'disk.write' });
    CONTAINER_HANDLERS.io(disk.s);
    expect(disk.trace.events.map((e) => e.lane)).toEqual(['container', 'host-os', 'hardware']);
    expect(detailIn(disk.trace.events[2].detail, 'en')).toBe('the physical device does the I/O');
  });
});

describe('containers on a Windows host', () => {
  const WIN = { cpu: { cores: 8 }, memoryGiB: 32, os: { family: 'windows' } };

  it('process isolation: HCS makes a server silo and sets job-object limits (no runc, no clone, no cgroups)', () => {
    const { events, state } = runServer({
      host: WIN,
      containers: [{ name: 'iis', image: { os: 'windows' }, cgroups: { memoryMiB: 512, cpus: 2, pids: 32 } }],
    });
    const boot = stepOf(events, -1);
    expect(boot[0]).toMatchObject({ actor: 'hcs', kind: 'spawn' });
    expect(detailIn(boot[0].detail, 'en')).toMatch(/server silo/);
    expect(boot[1]).toMatchObject({
      kind: 'job-object',
      detail: 'job object: JobMemoryLimit=536870912 ActiveProcessLimit=32 CpuRate=2500',
    });
    const text = boot.map((e) => detailIn(e.detail, 'en')).join('\n');
    expect(text).not.toMatch(/runc|clone\(|cgroup/);
    // The state names the CPU limit as the trace does: the job object's CpuRate, not cgroup text.
    expect(state.containers.iis.cpuMax).toBe('CpuRate=2500');
  });

  it('a throttled Windows container names its CpuRate in the trace and the state alike', () => {
    const { events, state } = runServer({
      host: WIN,
      containers: [{ name: 'iis', image: { os: 'windows' }, cgroups: { cpus: 0.5 } }],
      workload: [{ container: 'iis', ops: ['compute'] }],
    });
    expect(state.containers.iis.cpuMax).toBe('CpuRate=625');
    const throttle = stepOf(events, 0).find((e) => e.kind === 'throttle');
    expect(detailIn(throttle?.detail, 'en')).toBe(
      'CpuRate=625: the job object used its quota and waits for the next period',
    );
  });

  it('Hyper-V isolation and Linux containers run in a utility VM that HCS asks Hyper-V for', () => {
    const { events, state } = runServer({
      host: WIN,
      containers: [
        { name: 'iis', image: { os: 'windows' }, isolation: 'vm' },
        { name: 'web', image: { os: 'linux' }, isolation: 'vm' },
      ],
    });
    expect(stepOf(events, -1, 'iis').find((e) => e.lane === 'hypervisor')?.actor).toBe('hyper-v');
    expect(detailIn(stepOf(events, -1, 'iis')[0].detail, 'en')).toMatch(/HCS asks Hyper-V for a utility VM .*vmwp/);
    expect(detailIn(stepOf(events, -1, 'web').find((e) => e.kind === 'create')?.detail, 'en')).toMatch(/LCOW/);
    // Inside the Linux utility VM, runc's cgroups apply again.
    expect(stepOf(events, -1, 'web').find((e) => e.kind === 'cgroup')?.actor).toBe('uvm:web:kernel');
    expect(state.containers.web.status).toBe('running');
    expect(state.containers.iis.cpuMax).toBe('CpuRate=none');
    expect(state.containers.web.cpuMax).toBe('max 100000');
  });
});
