import { msg } from '../../i18n.ts';
import { HYPERVISORS } from '../hypervisors.ts';
import type { RunContext } from '../target.ts';
import type { Lane, Trace, TraceEvent } from '../trace.ts';
import { container, cpuLimitOf } from '../techniques/container.ts';
import { containerMemory, HOST_OS_RESERVED_MIB } from '../techniques/host-memory.ts';
import { fullVirtualization } from '../techniques/full-virtualization.ts';
import { hosted } from '../techniques/hosted.ts';
import { paravirt } from '../techniques/paravirt.ts';
import { World, type Op, type Subject, type Technique } from '../techniques/world.ts';
import { FAULTS, isFault } from './faults.ts';
import { DEFAULT_DOM0, type ServerConfig } from './schema.ts';
import { zeroCounters, type Counters, type ServerState, type Status } from './state.ts';

/**
 * The `server` target: one physical server partitioned into isolated VMs (hosted, full virtualization, PV/PVH)
 * and/or containers on its kernel. Every guest and container boots first (step -1); then the workload runs in the
 * order written, each operation walking through the actors that really handle it.
 */

function techniqueOf(world: World, subject: Subject): Technique {
  if (subject.kind === 'container') return container;
  if (world.product?.type === 'type-2') return hosted;
  return subject.config.mode === 'hvm' ? fullVirtualization : paravirt;
}

/** A guest's or container's status as the Korean trace says it (the English trace keeps the state's own word). */
const STATUS_KO: Record<Status | 'killed', string> = {
  running: '실행 중',
  failed: '시작하지 못함',
  stopped: '정지됨',
  crashed: '충돌로 멈춤',
  killed: '강제 종료됨',
};

const CONTROL_DOMAIN = { xen: 'dom0', 'hyper-v': 'root-partition', kvm: 'linux-host' } as const;

function controlDomainOf(product: string | undefined): ServerState['controlDomain'] {
  const kind =
    product && product in CONTROL_DOMAIN ? CONTROL_DOMAIN[product as keyof typeof CONTROL_DOMAIN] : undefined;
  return kind ? { kind, status: 'running' } : null;
}

export function initialState(config: ServerConfig): ServerState {
  const product = config.hypervisor ? HYPERVISORS[config.hypervisor.product] : undefined;
  const hw = config.host.cpu.hardwareAssist;
  const dom0 = product?.xen ? (config.dom0 ?? DEFAULT_DOM0) : undefined;
  return {
    host: {
      cores: config.host.cpu.cores,
      memoryMiB: config.host.memoryGiB * 1024,
      hardwareAssist: { ...hw, usable: hw.present && hw.enabledInFirmware },
      os: config.host.os ? { family: config.host.os.family, status: 'running' } : null,
      memoryReservedByOsMiB: config.host.os ? HOST_OS_RESERVED_MIB : 0,
      memoryReservedByVmsMiB: 0,
      memoryUsedByContainersMiB: 0,
      oomKills: 0,
      vcpusPerCore: 0,
    },
    hypervisor:
      config.hypervisor && product
        ? {
            product: config.hypervisor.product,
            type: product.type,
            cpuVirtualization: config.hypervisor.cpuVirtualization,
            note: product.note,
          }
        : null,
    dom0: dom0 ? { status: 'running', memoryGiB: dom0.memoryGiB, vcpus: dom0.vcpus } : null,
    controlDomain: controlDomainOf(config.hypervisor?.product),
    guests: {},
    containers: {},
    counters: zeroCounters(),
  };
}

/** Every guest and container as a subject, with its state registered in `state`, before anything boots. */
export function subjects(config: ServerConfig, state: ServerState, world: World): Subject[] {
  const list: Subject[] = [];
  for (const g of config.guests) {
    const subject: Subject = {
      kind: 'guest',
      name: g.name,
      config: g,
      state: {
        status: 'running',
        os: g.os,
        mode: g.mode,
        technique: 'full-virtualization',
        vcpus: g.vcpus,
        memoryReservedMiB: g.memoryGiB * 1024,
        memoryUsedMiB: 0,
        stealPercent: 0,
        devices: { disk: g.devices.disk, net: g.devices.net },
        virtqueues: {},
        enlightened: false,
        vmbusChannels: {},
        bootCycles: 0,
        ops: 0,
        cycles: 0,
        overheadCycles: 0,
        counters: zeroCounters(),
      },
    };
    subject.state.technique = techniqueOf(world, subject).id as 'hosted' | 'full-virtualization' | 'paravirt';
    state.guests[g.name] = subject.state;
    list.push(subject);
  }
  for (const c of config.containers) {
    const { memoryMiB, pids } = c.cgroups;
    const subject: Subject = {
      kind: 'container',
      name: c.name,
      config: c,
      state: {
        status: 'running',
        imageOs: c.image.os,
        isolation: c.isolation,
        namespaces: [...c.namespaces],
        // Nothing runs until boot starts the entry process.
        memoryUsedMiB: 0,
        memoryMaxMiB: memoryMiB ?? null,
        oomKilled: false,
        oomScope: null,
        pids: { current: 0, max: pids ?? null },
        forkFailures: 0,
        cpuMax: cpuLimitOf(config, c),
        throttledOps: 0,
        bootCycles: 0,
        ops: 0,
        cycles: 0,
        overheadCycles: 0,
        counters: zeroCounters(),
      },
    };
    state.containers[c.name] = subject.state;
    list.push(subject);
  }
  return list;
}

/** Lanes whose cycles are the price of virtualization rather than the subject's own work. */
function overheadLanes(subject: Subject): ReadonlySet<Lane> {
  return new Set<Lane>(
    subject.kind === 'guest' ? ['vmm', 'hypervisor', 'dom0', 'host-os'] : ['vmm', 'hypervisor', 'dom0'],
  );
}

/** Add up what one operation did into the subject's and the run's counters. */
function tally(events: readonly TraceEvent[], subject: Subject, total: Counters): void {
  const s = subject.state;
  const lanes = overheadLanes(subject);
  const add = (key: keyof Counters, n = 1) => {
    if (!n) return;
    s.counters[key] += n;
    total[key] += n;
  };
  let failed = false;
  let dom0 = false;
  for (const e of events) {
    s.cycles += e.cycles;
    if (lanes.has(e.lane)) s.overheadCycles += e.cycles;
    if (e.kind === 'vmexit') add('vmExits');
    if (e.hypercall) add('hypercalls');
    if (e.outcome === 'violation') add('violations');
    if (e.kind === 'trap') add('traps');
    if (e.kind === 'translate') add('translations');
    if (e.kind === 'syscall') add('syscalls');
    // Another container the host killed to make room is that container's loss, not this operation's failure.
    if ((e.outcome === 'failed' || e.outcome === 'denied' || e.outcome === 'lost') && e.subject === subject.name)
      failed = true;
    if (e.lane === 'dom0') dom0 = true;
  }
  add('failures', failed ? 1 : 0);
  add('dom0Involvements', dom0 ? 1 : 0);
}

function normalize(op: ServerConfig['workload'][number]['ops'][number]): Op {
  if (typeof op === 'string') return { name: op };
  const [name, arg] = Object.entries(op)[0];
  return { name, arg };
}

export function runServer(config: ServerConfig, trace: Trace, _ctx?: RunContext): ServerState {
  const state = initialState(config);
  const world = new World(config, trace, state);
  const all = subjects(config, state, world);
  const byName = new Map(all.map((s) => [s.name, s]));

  trace.step = -1;
  for (const subject of all) {
    const start = trace.events.length;
    techniqueOf(world, subject).boot(world, subject);
    subject.state.bootCycles = trace.events.slice(start).reduce((n, e) => n + e.cycles, 0);
  }

  // Consolidation: VMs reserve all their memory; runnable vCPUs beyond the cores show as steal time.
  const running = all.filter((s) => s.kind === 'guest' && s.state.status === 'running');
  state.host.memoryReservedByVmsMiB =
    running.reduce((n, s) => n + (s.kind === 'guest' ? s.state.memoryReservedMiB : 0), 0) +
    (state.dom0 ? state.dom0.memoryGiB * 1024 : 0);
  const vcpus =
    running.reduce((n, s) => n + (s.kind === 'guest' ? s.state.vcpus : 0), 0) +
    (state.dom0 && running.length ? state.dom0.vcpus : 0);
  state.host.vcpusPerCore = Math.round((vcpus / state.host.cores) * 100) / 100;
  const steal = vcpus > state.host.cores ? Math.round((1 - state.host.cores / vcpus) * 100) : 0;
  for (const s of running) if (s.kind === 'guest') s.state.stealPercent = steal;

  let step = 0;
  for (const entry of config.workload) {
    const subject = byName.get((entry.guest ?? entry.container)!)!;
    for (const raw of entry.ops) {
      const op = normalize(raw);
      trace.step = step++;
      const start = trace.events.length;
      subject.state.ops += 1;
      if (isFault(op.name)) FAULTS[op.name](world, subject, all);
      else if (subject.state.status !== 'running') {
        world.emit(subject, op.name, {
          ...world.selfActor(subject),
          kind: 'skip',
          detail: msg(
            `${subject.name}: ${STATUS_KO[subject.state.status]}`,
            `${subject.name} is ${subject.state.status}`,
          ),
          outcome: 'failed',
          note: subject.state.reason,
        });
      } else techniqueOf(world, subject).run(world, subject, op);
      tally(trace.events.slice(start), subject, state.counters);
    }
  }
  state.host.memoryUsedByContainersMiB = containerMemory(state);
  return state;
}
