import { msg, type Msg } from '../../i18n.ts';
import { CYCLES } from '../cost.ts';
import type { ContainerState, ServerState } from '../server/state.ts';
import type { Subject, World } from './world.ts';

/**
 * Host memory pressure. Containers reserve nothing: they share the host's memory with the host OS and with the
 * VMs it runs, and a container without memory.max can take all of it. When an allocation does not fit, a Linux
 * host kernel fails to reclaim and runs its OOM killer over every process on the host, whatever its cgroup: the
 * one with the largest usage dies (oom_score is proportional to usage). A container whose memory.max is reached
 * first is stopped by its own cgroup instead (see container.ts), before the host is ever short.
 */

/** What the host OS keeps for itself (kernel, page tables, system daemons) before any container or VM. */
export const HOST_OS_RESERVED_MIB = 1024;

/** The host kernel as an actor: it serves process containers and runs the host's OOM killer. */
export const HOST_KERNEL = { lane: 'host-os' as const, actor: 'host-kernel' };

/** Host memory in use now: the host OS, VM reservations and the memory of running containers. */
export function hostMemoryInUse(state: ServerState): number {
  return state.host.memoryReservedByOsMiB + state.host.memoryReservedByVmsMiB + containerMemory(state);
}

/** Memory of the containers that are running (a stopped or killed one has given its pages back). */
export function containerMemory(state: ServerState): number {
  return Object.values(state.containers).reduce((n, c) => n + (c.status === 'running' ? c.memoryUsedMiB : 0), 0);
}

/** A killed container's processes are gone, and their memory with them. */
export function release(state: ContainerState): void {
  state.memoryUsedMiB = 0;
  state.pids.current = 0;
}

type ContainerSubject = Extract<Subject, { kind: 'container' }>;

/** The running container the host OOM killer picks: the largest usage, the first declared on a tie. */
function largest(world: World): ContainerSubject | undefined {
  let pick: ContainerSubject | undefined;
  for (const config of world.config.containers) {
    const state = world.state.containers[config.name];
    if (state.status !== 'running') continue;
    if (!pick || state.memoryUsedMiB > pick.state.memoryUsedMiB)
      pick = { kind: 'container', name: config.name, config, state };
  }
  return pick;
}

/**
 * Charge `mib` more to a running container against host memory. `ok`: it fits (possibly after the host killed
 * other containers); `killed`: the host OOM killer chose the allocating container itself; `refused`: a host
 * kernel with no OOM killer (Windows, macOS) failed the allocation instead. Each kill frees the victim's memory,
 * so the loop ends: the allocating container is always a candidate.
 */
export function chargeHostMemory(world: World, subject: Subject, op: string, mib: number): 'ok' | 'killed' | 'refused' {
  if (subject.kind !== 'container') return 'ok';
  const { state } = world;
  const total = state.host.memoryMiB;
  let need = mib;
  for (;;) {
    const free = total - hostMemoryInUse(state);
    if (need <= free) {
      subject.state.memoryUsedMiB += need;
      return 'ok';
    }
    if (state.host.os?.family !== 'linux') {
      const sum = `${hostMemoryInUse(state)} + ${need} MiB > ${total} MiB`;
      world.emit(subject, op, {
        ...HOST_KERNEL,
        kind: 'oom',
        detail: msg(`호스트 메모리 고갈 (${sum}): 할당 실패`, `host memory exhausted (${sum}): the allocation fails`),
        outcome: 'failed',
        cycles: CYCLES.allocPerMiB,
        note: msg(
          '호스트 메모리가 바닥나 할당이 실패했습니다. 이 호스트 커널에는 리눅스 같은 OOM 킬러가 없어, 프로세스를 죽이는 대신 할당을 거절합니다.',
          'Host memory ran out and the allocation failed: this host kernel has no Linux-style OOM killer, so it refuses the allocation instead of killing a process.',
        ),
        fix: limitFix(world),
      });
      return 'refused';
    }
    // The allocating process faults in what is left, reclaim finds nothing, and the OOM killer runs.
    const grabbed = Math.max(0, Math.min(need, free));
    subject.state.memoryUsedMiB += grabbed;
    need -= grabbed;
    const victim = largest(world)!;
    const usage = victim.state.memoryUsedMiB;
    const fix = limitFix(world);
    world.emit(victim, op, {
      ...HOST_KERNEL,
      kind: 'oom-kill',
      detail: msg(
        `호스트 메모리 부족 (${total} MiB 모두 사용 중, ${subject.name} 컨테이너가 ${need} MiB 더 요청, 회수 실패): 호스트 OOM 킬러가 가장 많이 쓰는 ${victim.name} 컨테이너(${usage} MiB)를 죽임`,
        `host out of memory (all ${total} MiB in use, ${need} MiB more wanted by ${subject.name}, reclaim failed): the host OOM killer kills ${victim.name}, the largest user (${usage} MiB)`,
      ),
      outcome: 'failed',
      cycles: CYCLES.allocPerMiB * grabbed,
      note: msg(
        `호스트 메모리 ${total} MiB가 바닥나 호스트 커널의 OOM 킬러가 가장 많이 쓰던 '${victim.name}' 컨테이너(${usage} MiB)를 죽였습니다. memory.max가 없는 컨테이너는 호스트 메모리를 다 쓸 수 있어, 엉뚱한 컨테이너가 대신 죽을 수도 있습니다.`,
        `The host's ${total} MiB ran out and the host kernel's OOM killer killed '${victim.name}', the largest user (${usage} MiB). A container without memory.max can take all of the host's memory, and another container may die in its place.`,
      ),
      fix,
    });
    victim.state.oomKilled = true;
    victim.state.oomScope = 'host';
    release(victim.state);
    state.host.oomKills += 1;
    world.stop(
      victim,
      'killed',
      msg(
        '호스트 메모리가 바닥나 호스트 커널의 OOM 킬러에 종료되었습니다.',
        "OOM-killed by the host kernel when the host's memory ran out.",
      ),
      fix,
    );
    if (victim.name === subject.name) return 'killed';
  }
}

/**
 * What would have kept the host out of it: memory.max on every container that has none, adding up to what the
 * host has left after its OS and VMs. Read before the victim is marked killed, so it is named too.
 */
function limitFix(world: World): Msg {
  const host = world.state.host;
  const room = host.memoryMiB - host.memoryReservedByOsMiB - host.memoryReservedByVmsMiB;
  const unlimited = Object.entries(world.state.containers)
    .filter(([, c]) => c.status === 'running' && c.memoryMaxMiB === null)
    .map(([name]) => `'${name}'`)
    .join(', ');
  return unlimited
    ? msg(
        `${unlimited}에 cgroups.memoryMiB(memory.max)를 정하세요. 컨테이너 한도의 합이 호스트 OS와 VM 몫을 뺀 ${room} MiB 안에 들면, 폭주한 컨테이너는 호스트가 아니라 자기 cgroup 안에서 멈춥니다.`,
        `Set cgroups.memoryMiB (memory.max) on ${unlimited}: with the containers' limits adding up to less than the ${room} MiB left after the host OS and VMs, a runaway container is stopped inside its own cgroup, not by the host.`,
      )
    : msg(
        `컨테이너마다 memory.max가 있지만 그 합이 호스트 OS와 VM 몫을 뺀 ${room} MiB보다 큽니다. 합이 그 안에 들도록 한도를 줄이세요.`,
        `Every container has memory.max, but the limits add up to more than the ${room} MiB left after the host OS and VMs: lower them to fit.`,
      );
}
