import { msg, type Msg } from '../../i18n.ts';
import { CYCLES } from '../cost.ts';
import type { ContainerConfig, Namespace, ServerConfig } from '../server/schema.ts';
import type { ContainerState } from '../server/state.ts';
import { proseBefore, type Lane } from '../trace.ts';
import { INSTRUCTIONS, type InstructionName } from '../x86/instructions.ts';
import { deviceKindOf, physicalIo } from './device-io.ts';
import { stopWithoutHardwareAssist } from './hardware-assist.ts';
import { HOST_KERNEL, chargeHostMemory, release } from './host-memory.ts';
import { emitStep, opKindOf, type Op, type OpKind, type Subject, type Technique, type World } from './world.ts';

/**
 * Containers: processes on the shared host kernel. There is no guest kernel and no hypervisor. On Linux the
 * runtime (runc) is an ordinary program that asks the kernel for namespaces (what a process sees) and cgroups
 * (what it may use). On Windows the Host Compute Service (HCS) puts the processes in a server silo (their own
 * object namespace, registry and file-system view) and sets the limits on the silo's job object ([MS-iso],
 * [MS-rc], [MS-net]: Microsoft's Windows containers documentation). `isolation: vm` is the exception: a utility
 * VM (Kata; Hyper-V isolation, whose VM shows on the host as a `vmwp`; Linux containers on Windows) gives the
 * container its own kernel, and only then does a hypervisor appear.
 */

type ContainerSubject = Extract<Subject, { kind: 'container' }>;
interface Actor {
  lane: Lane;
  actor: string;
}

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

/** Who starts containers: runc on Linux, the Host Compute Service (vmcompute) on Windows. */
const runtimeOf = (family: 'linux' | 'windows' | 'macos'): Actor =>
  family === 'windows' ? { lane: 'host-os', actor: 'hcs' } : { lane: 'host-os', actor: 'container-runtime' };

/** The kernel that serves this container's system calls: the host's, or the utility VM's own. */
function kernelOf(subject: ContainerSubject): Actor {
  return subject.config.isolation === 'vm' ? { lane: 'guest', actor: `uvm:${subject.name}:kernel` } : HOST_KERNEL;
}

/** Which kernel's resource controls apply: the host kernel's (process isolation), or the utility VM's. */
function kernelFamilyOf(config: ServerConfig, c: ContainerConfig): 'linux' | 'windows' | 'macos' {
  return c.isolation === 'vm' ? c.image.os : (config.host.os?.family ?? 'linux');
}

const kernelFamily = (world: World, subject: ContainerSubject) => kernelFamilyOf(world.config, subject.config);

/**
 * The CPU limit as the container's kernel writes it, and as its state reports it: cgroup v2 cpu.max
 * ("quota period" in µs) on Linux; on Windows the job object's CPU rate in 1/100 of a percent of the machine
 * (JOBOBJECT_CPU_RATE_CONTROL_INFORMATION.CpuRate: Win32 job object API), `CpuRate=2500` for 2 of 8 cores.
 */
export function cpuLimitOf(config: ServerConfig, c: ContainerConfig): string {
  const { cpus } = c.cgroups;
  if (kernelFamilyOf(config, c) === 'windows')
    return `CpuRate=${cpus === undefined ? 'none' : Math.min(10_000, Math.round((cpus / config.host.cpu.cores) * 10_000))}`;
  return cpus === undefined ? 'max 100000' : `${Math.round(cpus * 100_000)} 100000`;
}

/**
 * A container's resource limits as its kernel calls them: cgroup v2 files on Linux, job-object limits on Windows
 * (JOBOBJECT_EXTENDED_LIMIT_INFORMATION.JobMemoryLimit and ActiveProcessLimit, and the CPU rate of cpuLimitOf).
 */
function limitsDetail(world: World, subject: ContainerSubject): string {
  const { cgroups } = subject.config;
  const { cpuMax } = subject.state;
  if (kernelFamily(world, subject) === 'windows') {
    const memory = cgroups.memoryMiB !== undefined ? cgroups.memoryMiB * 1024 * 1024 : 'none';
    return `job object: JobMemoryLimit=${memory} ActiveProcessLimit=${cgroups.pids ?? 'none'} ${cpuMax}`;
  }
  const memory = cgroups.memoryMiB !== undefined ? cgroups.memoryMiB * 1024 * 1024 : 'max';
  return `cgroup v2: memory.max=${memory} pids.max=${cgroups.pids ?? 'max'} cpu.max="${cpuMax}"`;
}

// ---- boot: image check, then a utility VM or a namespaced process, then limits and the entry process ----

/**
 * A process-isolated image must match the host kernel: the image carries none of its own. A Windows image needs a
 * Windows host even with `isolation: vm`: Hyper-V isolation runs on Windows hosts, and no mainstream runtime on a
 * Linux host (Kata, gVisor, Firecracker) boots a Windows utility VM for a container; the fix is a Windows node.
 */
function imageFitsKernel(world: World, subject: ContainerSubject): boolean {
  const { config } = subject;
  const host = world.config.host.os?.family ?? 'linux';
  if (config.image.os === host) return true;
  const windowsOffWindows = config.image.os === 'windows';
  if (config.isolation !== 'process' && !windowsOffWindows) return true;
  const reason = windowsOffWindows
    ? msg(
        `Windows 컨테이너 이미지는 Windows 커널이 필요한데, 이 호스트의 커널은 ${KERNEL_NAME[host]}입니다. 컨테이너는 호스트 커널을 공유하고, Windows 이미지를 VM으로 격리하는 Hyper-V 격리도 Windows 호스트에서만 동작합니다.`,
        `A Windows container image needs a Windows kernel and this host runs ${KERNEL_NAME[host]}: containers share the host kernel, and Hyper-V isolation, which puts a Windows image in a VM, runs only on Windows hosts.`,
      )
    : msg(
        `${config.image.os} 이미지에는 커널이 없고, 이 호스트의 커널은 ${KERNEL_NAME[host]}입니다. 컨테이너는 호스트 커널을 공유하므로 ${config.image.os} 시스템 호출을 처리할 커널이 없습니다.`,
        `A ${config.image.os} image carries no kernel and this host runs ${KERNEL_NAME[host]}: containers share the host kernel, so nothing can serve its ${config.image.os} system calls.`,
      );
  const fix = windowsOffWindows
    ? msg(
        'Windows 노드에 스케줄하세요 (예: Kubernetes nodeSelector kubernetes.io/os: windows). 리눅스 호스트에서는 isolation: vm으로도 Windows 이미지를 실행할 수 없습니다.',
        'Schedule it on a Windows node (e.g. a Kubernetes nodeSelector kubernetes.io/os: windows). On a Linux host not even isolation: vm runs a Windows image.',
      )
    : msg(
        `isolation: vm으로 두면 맞는 커널을 가진 경량 VM 안에서 실행됩니다 (Kata, Hyper-V 격리).`,
        'With isolation: vm it would run inside a lightweight VM with a matching kernel (Kata, Hyper-V isolation).',
      );
  world.emit(subject, 'boot', {
    ...runtimeOf(host),
    kind: 'error',
    detail: `image OS ${config.image.os} ≠ host kernel ${KERNEL_NAME[host]}`,
    outcome: 'failed',
    note: reason,
    fix,
  });
  world.stop(subject, 'failed', reason, fix);
  return false;
}

/** isolation: vm — the runtime asks the host's hypervisor for a utility VM with the image's kernel. */
function startUtilityVm(world: World, subject: ContainerSubject): boolean {
  const host = world.config.host.os?.family ?? 'linux';
  const image = subject.config.image.os;
  const hv: Actor = {
    lane: 'hypervisor',
    actor: host === 'windows' ? 'hyper-v' : host === 'macos' ? 'hypervisor-framework' : 'kvm',
  };
  const frame = {
    detail: (d: Parameters<typeof proseBefore>[2]) =>
      proseBefore('isolation: vm에는 VM이 필요함: ', 'isolation: vm needs a VM: ', d),
  };
  if (stopWithoutHardwareAssist(world, subject, hv, frame)) return false;
  const op = 'boot';
  world.emit(subject, op, {
    ...runtimeOf(host),
    kind: 'spawn',
    detail:
      host === 'windows'
        ? msg(
            'HCS가 Hyper-V에 유틸리티 VM을 요청 (호스트에서는 그 VM의 vmwp 프로세스로 보임)',
            'HCS asks Hyper-V for a utility VM (seen on the host as its vmwp process)',
          )
        : msg(
            'VM 기반 런타임이 하이퍼바이저에 유틸리티 VM을 요청',
            'the VM-backed runtime asks the hypervisor for a utility VM',
          ),
    cycles: CYCLES.fork,
  });
  const lcow = host === 'windows' && image === 'linux';
  world.emit(subject, op, {
    ...hv,
    kind: 'create',
    detail: lcow
      ? msg(
          '리눅스 커널을 가진 유틸리티 VM: Windows 위의 리눅스 컨테이너는 언제나 VM 안에서 실행됨 (LCOW)',
          'utility VM with a Linux kernel: Linux containers on Windows always run inside a VM (LCOW)',
        )
      : msg(
          `최소 ${image} 커널을 가진 유틸리티 VM (하이퍼바이저는 일부러 더한 것이지 컨테이너 기술 자체가 아님)`,
          `utility VM with a minimal ${image} kernel (a hypervisor is added on purpose; it is not the container technology itself)`,
        ),
    cycles: CYCLES.emulate,
  });
  world.emit(subject, op, {
    ...kernelOf(subject),
    kind: 'boot',
    detail: msg('유틸리티 VM의 커널 직접 부팅', 'direct kernel boot of the utility VM'),
    cycles: CYCLES.directBoot,
  });
  return true;
}

/** isolation: process — namespaces from clone(2) on Linux, a server silo from HCS on Windows. */
function startIsolatedProcess(world: World, subject: ContainerSubject): void {
  const host = world.config.host.os?.family ?? 'linux';
  if (host === 'windows') {
    world.emit(subject, 'boot', {
      ...runtimeOf(host),
      kind: 'spawn',
      detail: msg(
        'HCS(vmcompute)가 서버 사일로를 만듦: 자기 개체 네임스페이스, 레지스트리, 파일 시스템 뷰, 네트워크 구획(HNS 엔드포인트); 커널은 호스트와 공유',
        'HCS (vmcompute) creates a server silo: its own object namespace, registry, file-system view and network compartment (an HNS endpoint); the kernel is the host’s',
      ),
      cycles: CYCLES.fork,
    });
    return;
  }
  const flags = subject.config.namespaces.map((n) => CLONE_FLAGS[n]).join('|');
  world.emit(subject, 'boot', {
    ...runtimeOf(host),
    kind: 'spawn',
    detail: flags
      ? `runc: clone(${flags})`
      : msg('runc: clone(없음: 호스트 네임스페이스를 모두 공유)', 'runc: clone(none (shares every host namespace))'),
    cycles: CYCLES.fork,
  });
}

function boot(world: World, subject: Subject): void {
  if (subject.kind !== 'container' || !imageFitsKernel(world, subject)) return;
  if (subject.config.isolation === 'vm') {
    if (!startUtilityVm(world, subject)) return;
  } else startIsolatedProcess(world, subject);
  const windows = kernelFamily(world, subject) === 'windows';
  world.emit(subject, 'boot', {
    ...kernelOf(subject),
    kind: windows ? 'job-object' : 'cgroup',
    detail: limitsDetail(world, subject),
    cycles: CYCLES.syscall * 3,
  });
  subject.state.memoryUsedMiB = CONTAINER_BASE_MIB;
  subject.state.pids.current = 1;
  world.emit(subject, 'boot', {
    ...world.selfActor(subject),
    kind: 'exec',
    detail: windows
      ? msg(
          `이미지의 진입 프로세스가 사일로 안에서 시작; ${CONTAINER_BASE_MIB} MiB 사용 중`,
          `the image's entry process starts inside the silo; ${CONTAINER_BASE_MIB} MiB in use`,
        )
      : msg(
          `이미지의 진입 프로세스가 네임스페이스의 PID 1로 시작; ${CONTAINER_BASE_MIB} MiB 사용 중`,
          `the image's entry process starts as PID 1 of its namespaces; ${CONTAINER_BASE_MIB} MiB in use`,
        ),
    cycles: CYCLES.containerStart,
  });
}

// ---- workload: one handler per kind of operation, each testable alone ----

/** What a handler works on: the run, the container (its state is `subject.state`) and the operation. */
export interface ContainerStep {
  world: World;
  subject: ContainerSubject;
  op: Op;
  /** The container's own lane and actor, and the kernel that serves it. */
  self: Actor;
  kernel: Actor;
  /** The kernel whose resource controls apply: Linux (cgroups) or Windows (job objects). */
  windows: boolean;
}

function instruction(s: ContainerStep): void {
  const insn = INSTRUCTIONS[s.op.name.slice(5) as InstructionName];
  if (insn.class !== 'privileged') {
    emitStep(s, {
      ...s.self,
      kind: 'execute',
      detail:
        insn.class === 'sensitive-unprivileged'
          ? msg(
              `${insn.mnemonic}: 여느 프로세스에서처럼 실행되어 호스트 커널의 값을 돌려줌`,
              `${insn.mnemonic} runs as in any process and returns the host kernel's values`,
            )
          : msg(`${insn.mnemonic}: 네이티브로 실행`, `${insn.mnemonic} runs natively`),
      cycles: CYCLES.native,
    });
    return;
  }
  emitStep(s, {
    ...s.self,
    kind: 'issue',
    detail: msg(`사용자 프로세스(CPL 3)에서 ${insn.mnemonic}`, `${insn.mnemonic} in a user process (CPL 3)`),
    cycles: CYCLES.native,
  });
  emitStep(s, {
    lane: 'hardware',
    actor: 'hardware:cpu',
    kind: 'fault',
    detail: msg('#GP: CPL 3에서 특권 명령', '#GP: privileged instruction at CPL 3'),
    cycles: CYCLES.trap,
  });
  emitStep(s, {
    ...s.kernel,
    kind: 'signal',
    detail: msg('커널이 프로세스에 SIGSEGV를 보냄', 'the kernel delivers SIGSEGV to the process'),
    outcome: 'denied',
    cycles: CYCLES.syscall,
    note: msg(
      '컨테이너 안의 프로세스는 보통 프로세스라 특권 명령을 실행할 수 없습니다. 커널이 SIGSEGV를 보냅니다.',
      'A process in a container is an ordinary process: it cannot run privileged instructions, and the kernel sends it SIGSEGV.',
    ),
  });
}

function compute(s: ContainerStep): void {
  emitStep(s, {
    ...s.self,
    kind: 'execute',
    detail: msg('프로세스가 물리 CPU에서 실행', 'process runs on the physical CPU'),
    cycles: s.op.arg ?? CYCLES.compute,
  });
  const cpus = s.subject.config.cgroups.cpus;
  if (cpus === undefined || cpus >= 1) return;
  s.subject.state.throttledOps += 1;
  const limit = s.windows ? s.subject.state.cpuMax : `cpu.max "${s.subject.state.cpuMax}"`;
  emitStep(s, {
    ...s.kernel,
    kind: 'throttle',
    detail: msg(
      `${limit}: ${s.windows ? '잡 개체가' : 'cgroup이'} 할당량을 다 써서 다음 주기까지 대기`,
      `${limit}: the ${s.windows ? 'job object' : 'cgroup'} used its quota and waits for the next period`,
    ),
    cycles: 0,
  });
}

/** The memory limit is reached: Linux's cgroup OOM killer ends the container; a Windows job refuses the allocation. */
function overLimit(s: ContainerStep, mib: number, max: number): void {
  const state = s.subject.state;
  const sum = `(${state.memoryUsedMiB} + ${mib} MiB > ${max} MiB)`;
  if (s.windows) {
    emitStep(s, {
      ...s.kernel,
      kind: 'alloc',
      detail: msg(`JobMemoryLimit 도달 ${sum}: 할당 실패`, `JobMemoryLimit reached ${sum}: the allocation fails`),
      outcome: 'denied',
      cycles: CYCLES.allocPerMiB,
      note: msg(
        'Windows의 잡 개체는 메모리 한도를 넘는 할당을 거절합니다. 리눅스처럼 OOM 킬러가 프로세스를 죽이지는 않아 컨테이너는 계속 실행됩니다.',
        'A Windows job object refuses an allocation over its memory limit; no OOM killer ends a process as on Linux, so the container keeps running.',
      ),
    });
    return;
  }
  emitStep(s, {
    ...s.kernel,
    kind: 'oom-kill',
    detail: msg(
      `memory.max 도달 ${sum}: 이 cgroup에서 OOM 킬러 실행`,
      `memory.max reached ${sum}: OOM killer invoked in this cgroup`,
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
  s.world.stop(
    s.subject,
    'killed',
    msg('memory.max를 넘어 OOM 킬러에 종료되었습니다.', 'OOM-killed for exceeding memory.max.'),
  );
}

function memAlloc(s: ContainerStep): void {
  const mib = s.op.arg ?? 64;
  const state: ContainerState = s.subject.state;
  emitStep(s, {
    ...s.self,
    kind: 'issue',
    detail: msg(`메모리 ${mib} MiB를 더 사용`, `touches ${mib} MiB more`),
    cycles: CYCLES.native,
  });
  const max = state.memoryMaxMiB;
  if (max !== null && state.memoryUsedMiB + mib > max) {
    overLimit(s, mib, max);
    return;
  }
  if (chargeHostMemory(s.world, s.subject, s.op.name, mib) !== 'ok') return;
  const usage = `${state.memoryUsedMiB}${max !== null ? `/${max}` : ''}`;
  const charged = s.windows ? msg('잡 개체', 'job object') : msg('메모리 cgroup', 'memory cgroup');
  emitStep(s, {
    ...s.kernel,
    kind: 'alloc',
    detail: msg(
      `공유 커널이 페이지 폴트를 처리하고 ${charged.ko}에 계산 (${usage} MiB)`,
      `page faults served by the shared kernel, charged to the ${charged.en} (${usage} MiB)`,
    ),
    cycles: CYCLES.allocPerMiB * mib,
  });
}

function fork(s: ContainerStep): void {
  const n = s.op.arg ?? 1;
  const pids = s.subject.state.pids;
  const room = pids.max === null ? n : Math.max(0, Math.min(n, pids.max - pids.current));
  pids.current += room;
  emitStep(s, {
    ...s.self,
    kind: 'issue',
    detail: s.windows ? `CreateProcess × ${n}` : `fork() × ${n}`,
    cycles: CYCLES.native,
  });
  if (room === n) {
    emitStep(s, {
      ...s.kernel,
      kind: 'syscall',
      detail: msg(
        `프로세스 ${n}개 생성 (pids.current=${pids.current})`,
        `${n} process(es) created (pids.current=${pids.current})`,
      ),
      cycles: CYCLES.fork * n,
    });
    return;
  }
  s.subject.state.forkFailures += n - room;
  const [limit, refusal] = s.windows
    ? [`ActiveProcessLimit=${pids.max}`, 'CreateProcess']
    : [`pids.max=${pids.max}`, 'fork()'];
  emitStep(s, {
    ...s.kernel,
    kind: 'syscall',
    detail: s.windows
      ? msg(
          `${room}개 생성, ${refusal} ${n - room}번은 실패 (${limit})`,
          `${room} created; ${n - room} ${refusal} calls failed (${limit})`,
        )
      : msg(
          `${room}개 생성, fork() ${n - room}번은 -EAGAIN 반환 (${limit}, pids.current=${pids.current})`,
          `${room} created; ${n - room} fork() calls returned -EAGAIN (${limit}, pids.current=${pids.current})`,
        ),
    outcome: 'denied',
    cycles: CYCLES.fork * room + CYCLES.syscall * (n - room),
    note: s.windows
      ? msg(
          `잡 개체의 ActiveProcessLimit(${pids.max})에 닿아 새 프로세스가 거절되었습니다. 이미 있는 프로세스는 계속 실행됩니다.`,
          `The job object's ActiveProcessLimit (${pids.max}) was reached, so new processes were refused; the existing ones keep running.`,
        )
      : msg(
          `pids.max(${pids.max})에 닿아 fork()가 EAGAIN을 돌려주었습니다. 이미 있는 프로세스는 계속 실행됩니다.`,
          `pids.max (${pids.max}) was reached, so fork() returned EAGAIN; the existing processes keep running.`,
        ),
  });
}

function pageTableUpdate(s: ContainerStep): void {
  emitStep(s, {
    ...s.self,
    kind: 'issue',
    detail: msg(
      '프로세스는 메모리만 건드릴 뿐 페이지 테이블을 보지 못함',
      'the process touches memory; it never sees page tables',
    ),
    cycles: CYCLES.native,
  });
  emitStep(s, {
    ...s.kernel,
    kind: 'pagefault',
    detail: msg('커널이 자기가 가진 페이지 테이블을 갱신', 'the kernel updates the page tables it owns'),
    cycles: CYCLES.syscall,
  });
}

function io(s: ContainerStep): void {
  const disk = deviceKindOf(s.op.name) === 'disk';
  emitStep(s, {
    ...s.self,
    kind: 'syscall',
    detail: disk
      ? msg('파일에 read()/write()', 'read()/write() on a file')
      : msg('소켓에 send()/recv()', 'send()/recv() on a socket'),
    cycles: CYCLES.native,
  });
  const path: Msg = disk
    ? s.windows
      ? msg(
          '사일로의 파일 시스템 뷰 → 이미지 레이어(wcifs 필터) → 블록 드라이버',
          "the silo's file-system view → image layers (wcifs filter) → block driver",
        )
      : msg(
          'VFS → 이미지의 overlay 파일 시스템 → 블록 드라이버',
          'VFS → overlay file system of the image → block driver',
        )
    : s.windows
      ? msg(
          '네트워크 구획 → HNS 엔드포인트 → 가상 스위치 → NIC 드라이버',
          'network compartment → HNS endpoint → virtual switch → NIC driver',
        )
      : s.subject.config.namespaces.includes('net')
        ? msg(
            '자기 net 네임스페이스: veth 쌍 → 호스트 브리지 → NIC 드라이버',
            'own net namespace: veth pair → host bridge → NIC driver',
          )
        : msg(
            'net 네임스페이스 없음: 호스트 네트워크 스택을 바로 사용',
            'no net namespace: the host network stack directly',
          );
  emitStep(s, { ...s.kernel, kind: 'io', detail: path, cycles: CYCLES.syscall + CYCLES.hostIo });
  physicalIo(s.world, s.subject, s.op.name);
}

function syscall(s: ContainerStep): void {
  emitStep(s, {
    ...s.self,
    kind: 'issue',
    detail: msg('컨테이너 프로세스의 SYSCALL', 'SYSCALL from the container process'),
    cycles: CYCLES.native,
  });
  const shared = s.kernel === HOST_KERNEL;
  const scope = s.windows
    ? msg('서버 사일로', 'its server silo')
    : msg(
        `네임스페이스 [${s.subject.config.namespaces.join(', ')}]`,
        `namespaces [${s.subject.config.namespaces.join(', ')}]`,
      );
  emitStep(s, {
    ...s.kernel,
    kind: 'syscall',
    detail: msg(
      `${shared ? '공유 호스트' : '유틸리티 VM 자신의'} 커널이 처리; 보이는 범위는 ${scope.ko}로 제한`,
      `served by the ${shared ? 'shared host' : "utility VM's own"} kernel; ${scope.en} limit${s.windows ? 's' : ''} what it sees`,
    ),
    cycles: CYCLES.syscall,
  });
}

/** One handler per kind of operation; `run` only picks. */
export const CONTAINER_HANDLERS = {
  insn: instruction,
  compute,
  'mem.alloc': memAlloc,
  'proc.fork': fork,
  'pagetable.update': pageTableUpdate,
  io,
  syscall,
} satisfies Record<OpKind, (s: ContainerStep) => void>;

/** The step a handler works on, for a running container. */
export function containerStep(world: World, subject: ContainerSubject, op: Op): ContainerStep {
  return {
    world,
    subject,
    op,
    self: world.selfActor(subject),
    kernel: kernelOf(subject),
    windows: kernelFamily(world, subject) === 'windows',
  };
}

function run(world: World, subject: Subject, op: Op): void {
  if (subject.kind !== 'container') return;
  CONTAINER_HANDLERS[opKindOf(op.name)](containerStep(world, subject, op));
}

export const container: Technique = { id: 'container', boot, run };
