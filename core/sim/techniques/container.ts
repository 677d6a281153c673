import { msg } from '../../i18n.ts';
import type { Namespace } from '../server/schema.ts';
import { CYCLES } from '../cost.ts';
import { proseBefore } from '../trace.ts';
import { INSTRUCTIONS, type InstructionName } from '../x86/instructions.ts';
import { hardwareAssistProblem } from './hardware-assist.ts';
import { HOST_KERNEL, chargeHostMemory, release } from './host-memory.ts';
import type { Op, Subject, Technique, World } from './world.ts';

/**
 * Containers: processes on the shared host kernel. There is no guest kernel and no hypervisor; the runtime
 * (runc) is an ordinary program that asks the kernel for namespaces (what a process sees) and cgroups (what it
 * may use). `isolation: vm` is the exception: a lightweight VM (Kata, Hyper-V isolation) gives the container
 * its own kernel, and only then does a hypervisor appear.
 */

const RUNTIME = { lane: 'host-os' as const, actor: 'container-runtime' };

/** clone(2) flags, as runc passes them. */
const CLONE_FLAGS: Record<Namespace, string> = {
  mnt: 'CLONE_NEWNS',
  cgroup: 'CLONE_NEWCGROUP',
  uts: 'CLONE_NEWUTS',
  ipc: 'CLONE_NEWIPC',
  user: 'CLONE_NEWUSER',
  pid: 'CLONE_NEWPID',
  net: 'CLONE_NEWNET',
  time: 'CLONE_NEWTIME',
};

/** Memory the container's first process uses once started. */
export const CONTAINER_BASE_MIB = 8;

const KERNEL_NAME = { linux: 'Linux', windows: 'Windows NT', macos: 'XNU (macOS)' } as const;

/** Who serves this container's system calls: the host kernel, or the utility VM's own kernel. */
function kernelOf(subject: Subject) {
  return subject.kind === 'container' && subject.config.isolation === 'vm'
    ? { lane: 'guest' as const, actor: `uvm:${subject.name}:kernel` }
    : HOST_KERNEL;
}

function boot(world: World, subject: Subject): void {
  if (subject.kind !== 'container') return;
  const op = 'boot';
  const { config } = subject;
  const host = world.config.host.os?.family ?? 'linux';
  if (config.isolation === 'process' && config.image.os !== host) {
    const reason = msg(
      `${config.image.os} 이미지에는 커널이 없고, 이 호스트의 커널은 ${KERNEL_NAME[host]}입니다. 컨테이너는 호스트 커널을 공유하므로 ${config.image.os} 시스템 호출을 처리할 커널이 없습니다.`,
      `A ${config.image.os} image carries no kernel and this host runs ${KERNEL_NAME[host]}: containers share the host kernel, so nothing can serve its ${config.image.os} system calls.`,
    );
    const fix = msg(
      `isolation: vm으로 두면 맞는 커널을 가진 경량 VM 안에서 실행됩니다 (Kata, Hyper-V 격리).`,
      'With isolation: vm it would run inside a lightweight VM with a matching kernel (Kata, Hyper-V isolation).',
    );
    world.emit(subject, op, { ...RUNTIME, kind: 'error', detail: `image OS ${config.image.os} ≠ host kernel ${KERNEL_NAME[host]}`, outcome: 'failed', note: reason, fix });
    world.stop(subject, 'failed', reason, fix);
    return;
  }
  const flags = config.namespaces.map((n) => CLONE_FLAGS[n]).join('|');
  if (config.isolation === 'vm') {
    const problem = hardwareAssistProblem(world);
    const hv = { lane: 'hypervisor' as const, actor: host === 'windows' ? 'hyper-v' : host === 'macos' ? 'hypervisor-framework' : 'kvm' };
    if (problem) {
      world.emit(subject, op, {
        ...hv,
        kind: 'error',
        detail: proseBefore('isolation: vm에는 VM이 필요함: ', 'isolation: vm needs a VM: ', problem.detail),
        outcome: 'failed',
        note: problem.reason,
        fix: problem.fix,
      });
      world.stop(subject, 'failed', problem.reason, problem.fix);
      return;
    }
    world.emit(subject, op, {
      ...RUNTIME,
      kind: 'spawn',
      detail: msg('VM 기반 런타임이 하이퍼바이저에 유틸리티 VM을 요청', 'the VM-backed runtime asks the hypervisor for a utility VM'),
      cycles: CYCLES.fork,
    });
    world.emit(subject, op, {
      ...hv,
      kind: 'create',
      detail: msg(
        `최소 ${config.image.os} 커널을 가진 유틸리티 VM (하이퍼바이저는 일부러 더한 것이지 컨테이너 기술 자체가 아님)`,
        `utility VM with a minimal ${config.image.os} kernel (a hypervisor is added on purpose; it is not the container technology itself)`,
      ),
      cycles: CYCLES.emulate,
    });
    world.emit(subject, op, { ...kernelOf(subject), kind: 'boot', detail: msg('유틸리티 VM의 커널 직접 부팅', 'direct kernel boot of the utility VM'), cycles: CYCLES.directBoot });
  } else {
    world.emit(subject, op, {
      ...RUNTIME,
      kind: 'spawn',
      detail: flags ? `runc: clone(${flags})` : msg('runc: clone(없음: 호스트 네임스페이스를 모두 공유)', 'runc: clone(none (shares every host namespace))'),
      cycles: CYCLES.fork,
    });
  }
  const { cgroups } = config;
  world.emit(subject, op, {
    ...kernelOf(subject),
    kind: 'cgroup',
    detail: `cgroup v2: memory.max=${cgroups.memoryMiB !== undefined ? cgroups.memoryMiB * 1024 * 1024 : 'max'} pids.max=${cgroups.pids ?? 'max'} cpu.max="${subject.state.cpuMax}"`,
    cycles: CYCLES.syscall * 3,
  });
  subject.state.memoryUsedMiB = CONTAINER_BASE_MIB;
  subject.state.pids.current = 1;
  world.emit(subject, op, {
    ...world.selfActor(subject),
    kind: 'exec',
    detail: msg(
      `이미지의 진입 프로세스가 네임스페이스의 PID 1로 시작; ${CONTAINER_BASE_MIB} MiB 사용 중`,
      `the image's entry process starts as PID 1 of its namespaces; ${CONTAINER_BASE_MIB} MiB in use`,
    ),
    cycles: CYCLES.containerStart,
  });
}

function run(world: World, subject: Subject, op: Op): void {
  if (subject.kind !== 'container') return;
  const self = world.selfActor(subject);
  const kernel = kernelOf(subject);
  const state = subject.state;
  const name = op.name;

  if (name.startsWith('insn.')) {
    const insn = INSTRUCTIONS[name.slice(5) as InstructionName];
    if (insn.class === 'privileged') {
      world.emit(subject, name, {
        ...self,
        kind: 'issue',
        detail: msg(`사용자 프로세스(CPL 3)에서 ${insn.mnemonic}`, `${insn.mnemonic} in a user process (CPL 3)`),
        cycles: CYCLES.native,
      });
      world.emit(subject, name, {
        lane: 'hardware',
        actor: 'hardware:cpu',
        kind: 'fault',
        detail: msg('#GP: CPL 3에서 특권 명령', '#GP: privileged instruction at CPL 3'),
        cycles: CYCLES.trap,
      });
      world.emit(subject, name, {
        ...kernel,
        kind: 'signal',
        detail: msg('커널이 프로세스에 SIGSEGV를 보냄', 'the kernel delivers SIGSEGV to the process'),
        outcome: 'denied',
        cycles: CYCLES.syscall,
        note: msg(
          '컨테이너 안의 프로세스는 보통 프로세스라 특권 명령을 실행할 수 없습니다. 커널이 SIGSEGV를 보냅니다.',
          'A process in a container is an ordinary process: it cannot run privileged instructions, and the kernel sends it SIGSEGV.',
        ),
      });
      return;
    }
    world.emit(subject, name, {
      ...self,
      kind: 'execute',
      detail:
        insn.class === 'sensitive-unprivileged'
          ? msg(`${insn.mnemonic}: 여느 프로세스에서처럼 실행되어 호스트 커널의 값을 돌려줌`, `${insn.mnemonic} runs as in any process and returns the host kernel's values`)
          : msg(`${insn.mnemonic}: 네이티브로 실행`, `${insn.mnemonic} runs natively`),
      cycles: CYCLES.native,
    });
    return;
  }

  if (name === 'compute') {
    world.emit(subject, name, { ...self, kind: 'execute', detail: msg('프로세스가 물리 CPU에서 실행', 'process runs on the physical CPU'), cycles: op.arg ?? CYCLES.compute });
    const cpus = subject.config.cgroups.cpus;
    if (cpus !== undefined && cpus < 1) {
      state.throttledOps += 1;
      world.emit(subject, name, {
        ...kernel,
        kind: 'throttle',
        detail: msg(
          `cpu.max "${state.cpuMax}": cgroup이 할당량을 다 써서 다음 주기까지 대기`,
          `cpu.max "${state.cpuMax}": the cgroup used its quota and waits for the next period`,
        ),
        cycles: 0,
      });
    }
    return;
  }

  if (name === 'mem.alloc') {
    const mib = op.arg ?? 64;
    world.emit(subject, name, { ...self, kind: 'issue', detail: msg(`메모리 ${mib} MiB를 더 사용`, `touches ${mib} MiB more`), cycles: CYCLES.native });
    const max = state.memoryMaxMiB;
    if (max !== null && state.memoryUsedMiB + mib > max) {
      world.emit(subject, name, {
        ...kernel,
        kind: 'oom-kill',
        detail: msg(
          `memory.max 도달 (${state.memoryUsedMiB} + ${mib} MiB > ${max} MiB): 이 cgroup에서 OOM 킬러 실행`,
          `memory.max reached (${state.memoryUsedMiB} + ${mib} MiB > ${max} MiB): OOM killer invoked in this cgroup`,
        ),
        outcome: 'failed',
        cycles: CYCLES.allocPerMiB * mib,
        note: msg(
          '이 컨테이너의 cgroup이 memory.max에 닿아 OOM 킬러가 이 컨테이너만 끝냈습니다. 다른 컨테이너와 호스트는 계속 실행됩니다.',
          "This container's cgroup hit memory.max and the OOM killer ended this container alone; other containers and the host keep running.",
        ),
      });
      state.oomKilled = true;
      state.oomScope = 'cgroup';
      release(state);
      world.stop(subject, 'killed', msg('memory.max를 넘어 OOM 킬러에 종료되었습니다.', 'OOM-killed for exceeding memory.max.'));
      return;
    }
    if (chargeHostMemory(world, subject, name, mib) !== 'ok') return;
    const usage = `${state.memoryUsedMiB}${max !== null ? `/${max}` : ''}`;
    world.emit(subject, name, {
      ...kernel,
      kind: 'alloc',
      detail: msg(
        `공유 커널이 페이지 폴트를 처리하고 메모리 cgroup에 계산 (${usage} MiB)`,
        `page faults served by the shared kernel, charged to the memory cgroup (${usage} MiB)`,
      ),
      cycles: CYCLES.allocPerMiB * mib,
    });
    return;
  }

  if (name === 'proc.fork') {
    const n = op.arg ?? 1;
    const max = state.pids.max;
    const room = max === null ? n : Math.max(0, Math.min(n, max - state.pids.current));
    state.pids.current += room;
    world.emit(subject, name, { ...self, kind: 'issue', detail: `fork() × ${n}`, cycles: CYCLES.native });
    if (room < n) {
      state.forkFailures += n - room;
      world.emit(subject, name, {
        ...kernel,
        kind: 'syscall',
        detail: msg(
          `${room}개 생성, fork() ${n - room}번은 -EAGAIN 반환 (pids.max=${max}, pids.current=${state.pids.current})`,
          `${room} created; ${n - room} fork() calls returned -EAGAIN (pids.max=${max}, pids.current=${state.pids.current})`,
        ),
        outcome: 'denied',
        cycles: CYCLES.fork * room + CYCLES.syscall * (n - room),
        note: msg(
          `pids.max(${max})에 닿아 fork()가 EAGAIN을 돌려주었습니다. 이미 있는 프로세스는 계속 실행됩니다.`,
          `pids.max (${max}) was reached, so fork() returned EAGAIN; the existing processes keep running.`,
        ),
      });
      return;
    }
    world.emit(subject, name, {
      ...kernel,
      kind: 'syscall',
      detail: msg(`프로세스 ${n}개 생성 (pids.current=${state.pids.current})`, `${n} process(es) created (pids.current=${state.pids.current})`),
      cycles: CYCLES.fork * n,
    });
    return;
  }

  if (name === 'pagetable.update') {
    world.emit(subject, name, {
      ...self,
      kind: 'issue',
      detail: msg('프로세스는 메모리만 건드릴 뿐 페이지 테이블을 보지 못함', 'the process touches memory; it never sees page tables'),
      cycles: CYCLES.native,
    });
    world.emit(subject, name, { ...kernel, kind: 'pagefault', detail: msg('커널이 자기가 가진 페이지 테이블을 갱신', 'the kernel updates the page tables it owns'), cycles: CYCLES.syscall });
    return;
  }

  if (name.startsWith('disk.') || name.startsWith('net.')) {
    const disk = name.startsWith('disk');
    const isolatedNet = subject.config.namespaces.includes('net');
    world.emit(subject, name, {
      ...self,
      kind: 'syscall',
      detail: disk ? msg('파일에 read()/write()', 'read()/write() on a file') : msg('소켓에 send()/recv()', 'send()/recv() on a socket'),
      cycles: CYCLES.native,
    });
    world.emit(subject, name, {
      ...kernel,
      kind: 'io',
      detail: disk
        ? msg('VFS → 이미지의 overlay 파일 시스템 → 블록 드라이버', 'VFS → overlay file system of the image → block driver')
        : isolatedNet
          ? msg('자기 net 네임스페이스: veth 쌍 → 호스트 브리지 → NIC 드라이버', 'own net namespace: veth pair → host bridge → NIC driver')
          : msg('net 네임스페이스 없음: 호스트 네트워크 스택을 바로 사용', 'no net namespace: the host network stack directly'),
      cycles: CYCLES.syscall + CYCLES.hostIo,
    });
    world.emit(subject, name, {
      lane: 'hardware',
      actor: disk ? 'hardware:disk' : 'hardware:nic',
      kind: 'io',
      detail: msg('물리 장치가 I/O 수행', 'the physical device does the I/O'),
      cycles: disk ? CYCLES.disk : CYCLES.nic,
    });
    return;
  }

  // syscall.<name>
  world.emit(subject, name, { ...self, kind: 'issue', detail: msg('컨테이너 프로세스의 SYSCALL', 'SYSCALL from the container process'), cycles: CYCLES.native });
  const shared = kernel === HOST_KERNEL;
  const namespaces = subject.config.namespaces.join(', ');
  world.emit(subject, name, {
    ...kernel,
    kind: 'syscall',
    detail: msg(
      `${shared ? '공유 호스트' : '유틸리티 VM 자신의'} 커널이 처리; 보이는 범위는 네임스페이스 [${namespaces}]로 제한`,
      `served by the ${shared ? 'shared host' : "utility VM's own"} kernel; namespaces [${namespaces}] limit what it sees`,
    ),
    cycles: CYCLES.syscall,
  });
}

export const container: Technique = { id: 'container', boot, run };
