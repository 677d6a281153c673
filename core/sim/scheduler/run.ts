import { msg } from '../../i18n.ts';
import type { Lane, Trace } from '../trace.ts';
import { refill, throttled } from './cap.ts';
import { WEIGHT } from './check.ts';
import { forgetUncontended, placeWaking, scheduleTick } from './fair-share.ts';
import { topology, type Topology } from './numa.ts';
import { allowedOf, emptyWindow, type VcpuRun, type VmRun } from './runtime.ts';
import type { SchedulerConfig, SchedulerOp, SchedulerOpKind } from './schema.ts';
import type { SchedulerState } from './state.ts';

interface Run {
  config: SchedulerConfig;
  trace: Trace;
  topo: Topology;
  vms: VmRun[];
  byName: Map<string, VmRun>;
  /** The scheduler as an actor: Xen's credit2 in the hypervisor, or CFS in the KVM host's kernel. */
  scheduler: { actor: string; lane: Lane };
  /** vCPU-ticks run on each node's CPUs. */
  busy: number[];
}

type OpOf<K extends SchedulerOpKind> = Extract<SchedulerOp, Record<K, unknown>>;
type Handler<K extends SchedulerOpKind> = (run: Run, op: OpOf<K>) => void;

/** Work units one vCPU costs per tick (sorting, placement, accounting), measured by `npm run bench`; see limits.ts. */
const VCPU_TICK_WORK = 80;

const round1 = (x: number) => Math.round(x * 10) / 10;
const pct = (part: number, whole: number) => (whole > 0 ? round1((100 * part) / whole) : 0);

function note(run: Run, vm: VmRun, kind: string, op: string, detail: string) {
  run.trace.emit({ ...run.scheduler, kind, op, subject: vm.name, detail });
}

const HANDLERS: { [K in SchedulerOpKind]: Handler<K> } = {
  set(run, op) {
    const vm = run.byName.get(op.set)!;
    const s = vm.state;
    if (op.demand !== undefined) s.demand = op.demand;
    if (op.weight !== undefined) s.weight = op.weight;
    if (op.cap !== undefined) s.cap = op.cap;
    if (op.cpuMax !== undefined) s.cpuMax = op.cpuMax;
    const knobs =
      run.config.scheduler === 'credit2'
        ? `weight ${s.weight}, cap ${s.cap}`
        : `cpu.weight ${s.weight}, cpu.max "${s.cpuMax}"`;
    note(run, vm, 'set', 'sched.set', `${vm.name}: demand ${s.demand}%, ${knobs}`);
  },
  pin(run, op) {
    const vm = run.byName.get(op.pin)!;
    vm.state.pin = [...op.cpus].sort((a, b) => a - b);
    vm.allowed = allowedOf(vm.state.pin, run.topo.pcpus);
    const how =
      run.config.scheduler === 'credit2'
        ? `xl vcpu-pin ${vm.name} all ${vm.state.pin.join(',')}`
        : `${vm.name}: cpuset.cpus = ${vm.state.pin.join(',')}`;
    note(run, vm, 'pin', 'sched.pin', how);
  },
  unpin(run, op) {
    const vm = run.byName.get(op.unpin)!;
    vm.state.pin = null;
    vm.allowed = null;
    note(run, vm, 'pin', 'sched.unpin', `${vm.name}: any CPU`);
  },
  start(run, op) {
    const vm = run.byName.get(op.start)!;
    vm.state.running = true;
    run.trace.emit({
      actor: `guest:${vm.name}`,
      lane: 'guest',
      kind: 'start',
      op: 'vm.start',
      subject: vm.name,
      detail: `${vm.state.vcpus} vCPUs, demand ${vm.state.demand}%`,
    });
  },
  stop(run, op) {
    const vm = run.byName.get(op.stop)!;
    vm.state.running = false;
    for (const v of vm.vcpus) v.backlog = 0;
    run.trace.emit({ actor: `guest:${vm.name}`, lane: 'guest', kind: 'stop', op: 'vm.stop', subject: vm.name });
  },
};

function build(c: SchedulerConfig, trace: Trace): Run {
  const topo = topology(c);
  const nodeIndex = new Map(c.host.nodes.map((n, i) => [n.name, i]));
  const vms: VmRun[] = c.vms.map((v, order) => {
    const vm: VmRun = {
      name: v.name,
      order,
      home: v.memoryNode ? nodeIndex.get(v.memoryNode)! : 0,
      allowed: allowedOf(v.pin ?? null, topo.pcpus),
      vruntime: 0,
      budget: null,
      vcpus: [],
      window: emptyWindow(),
      state: {
        running: v.running,
        vcpus: v.vcpus,
        weight: v.weight ?? WEIGHT[c.scheduler].default,
        cap: c.scheduler === 'credit2' ? (v.cap ?? 0) : null,
        cpuMax: c.scheduler === 'cfs' ? (v.cpuMax ?? 'max 100000') : null,
        demand: v.demand,
        memoryNode: v.memoryNode ?? c.host.nodes[0].name,
        pin: v.pin ? [...v.pin].sort((a, b) => a - b) : null,
        ranTicks: 0,
        stealTicks: 0,
        throttledTicks: 0,
        idleTicks: 0,
        cpuPercent: 0,
        sharePercent: 0,
        stealPercent: 0,
        localPercent: 0,
        memoryDistance: 0,
        vcpu: {},
      },
    };
    vm.vcpus = Array.from({ length: v.vcpus }, (_, index) => ({
      vm,
      index,
      vruntime: 0,
      backlog: 0,
      runnable: false,
      distanceSum: 0,
      state: {
        ranTicks: 0,
        stealTicks: 0,
        throttledTicks: 0,
        idleTicks: 0,
        localTicks: 0,
        remoteTicks: 0,
        lastCpu: null,
      },
    }));
    return vm;
  });
  const scheduler =
    c.scheduler === 'credit2'
      ? { actor: 'hypervisor:credit2', lane: 'hypervisor' as const }
      : { actor: 'host-kernel:cfs', lane: 'host-os' as const };
  return {
    config: c,
    trace,
    topo,
    vms,
    byName: new Map(vms.map((vm) => [vm.name, vm])),
    scheduler,
    busy: c.host.nodes.map(() => 0),
  };
}

function setup(run: Run): void {
  const { config: c, topo, trace } = run;
  const vcpus = run.vms.reduce((n, vm) => n + vm.state.vcpus, 0);
  const nodes = c.host.nodes
    .map((n, i) => `${n.name}: CPUs ${topo.nodeOf.flatMap((x, cpu) => (x === i ? [cpu] : [])).join(',')}`)
    .join('; ');
  trace.emit({
    ...run.scheduler,
    kind: 'topology',
    op: 'sched.boot',
    detail: `${topo.pcpus} pCPUs (${nodes}); ${vcpus} vCPUs: overcommit ${round1(vcpus / topo.pcpus)}:1; SLIT ${JSON.stringify(topo.distances)}`,
  });
  for (const vm of run.vms) {
    const s = vm.state;
    const knobs =
      c.scheduler === 'credit2' ? `weight ${s.weight}, cap ${s.cap}` : `cpu.weight ${s.weight}, cpu.max "${s.cpuMax}"`;
    trace.emit({
      actor: `guest:${vm.name}`,
      lane: 'guest',
      kind: s.running ? 'start' : 'defined',
      op: 'sched.boot',
      subject: vm.name,
      detail: `${s.vcpus} vCPUs, ${knobs}, demand ${s.demand}%, memory on ${s.memoryNode}${s.pin ? `, pinned to ${s.pin.join(',')}` : ''}`,
    });
  }
}

/** New work arrives; who is runnable this tick, and who just woke. */
function arrive(run: Run): Set<VcpuRun> {
  const waking = new Set<VcpuRun>();
  for (const vm of run.vms) {
    for (const v of vm.vcpus) {
      const was = v.runnable;
      if (vm.state.running) v.backlog = Math.min(v.backlog + vm.state.demand, 200);
      v.runnable = vm.state.running && v.backlog >= 100;
      if (v.runnable && !was) waking.add(v);
    }
  }
  return waking;
}

function account(run: Run, ran: Map<VcpuRun, number>): void {
  const { topo } = run;
  for (const vm of run.vms) {
    if (!vm.state.running) continue;
    const held = throttled(vm);
    for (const v of vm.vcpus) {
      const s = v.state;
      const cpu = ran.get(v);
      if (cpu !== undefined) {
        s.ranTicks++;
        s.lastCpu = cpu;
        v.backlog -= 100;
        const node = topo.nodeOf[cpu];
        const d = topo.distances[node][vm.home];
        v.distanceSum += d;
        run.busy[node]++;
        if (node === vm.home) s.localTicks++;
        else {
          s.remoteTicks++;
          vm.window.remote++;
          vm.window.remoteDistance += d;
        }
        vm.window.ran++;
      } else if (v.runnable) {
        s.stealTicks++;
        vm.window.steal++;
        if (held) {
          s.throttledTicks++;
          vm.window.throttled++;
        }
      } else s.idleTicks++;
    }
  }
}

/** One summary per VM per window: what the scheduler gave it, what the guest saw as steal, where its memory was. */
function summarize(run: Run, from: number, to: number): void {
  const c = run.config;
  for (const vm of run.vms) {
    const w = vm.window;
    if (w.ran + w.steal === 0) continue;
    run.trace.emit({
      ...run.scheduler,
      kind: 'schedule',
      op: 'sched.window',
      subject: vm.name,
      detail: `${vm.name}, ticks ${from}–${to}: ran ${w.ran} vCPU-ticks, waited ${w.steal}${w.throttled ? ` (${w.throttled} held by ${c.scheduler === 'credit2' ? 'cap' : 'cpu.max'})` : ''}`,
    });
    if (w.steal > 0) {
      run.trace.emit({
        actor: `guest:${vm.name}`,
        lane: 'guest',
        kind: 'steal',
        op: 'sched.window',
        subject: vm.name,
        detail:
          c.scheduler === 'credit2'
            ? `runstate runnable +${w.steal} ms → steal (VCPUOP_register_runstate_memory_area)`
            : `MSR_KVM_STEAL_TIME (0x4b564d03) steal +${w.steal} ms`,
        note: msg(
          `실행할 일이 있었지만 물리 CPU를 받지 못한 시간입니다. 게스트는 /proc/stat의 steal 열에서 이 값을 봅니다.`,
          'Time the vCPU had work but no physical CPU; the guest sees it in the steal column of /proc/stat.',
        ),
      });
    }
    if (w.remote > 0) {
      run.trace.emit({
        actor: 'hardware:numa',
        lane: 'hardware',
        kind: 'remote-memory',
        op: 'sched.window',
        subject: vm.name,
        detail: `${vm.name}: ${w.remote} of ${w.ran} vCPU-ticks away from ${vm.state.memoryNode} memory (mean distance ${round1(w.remoteDistance / w.remote)}; local 10)`,
        note: msg(
          'vCPU가 메모리와 다른 NUMA 노드에서 돌아 메모리 접근이 원격입니다.',
          'The vCPU ran on another NUMA node than its memory: its memory accesses are remote.',
        ),
      });
    }
    vm.window = emptyWindow();
  }
}

function finish(run: Run): SchedulerState {
  const { config: c, topo } = run;
  const allRan = run.vms.reduce((n, vm) => n + vm.vcpus.reduce((k, v) => k + v.state.ranTicks, 0), 0);
  for (const vm of run.vms) {
    const s = vm.state;
    let distance = 0;
    let local = 0;
    for (const v of vm.vcpus) {
      s.ranTicks += v.state.ranTicks;
      s.stealTicks += v.state.stealTicks;
      s.throttledTicks += v.state.throttledTicks;
      s.idleTicks += v.state.idleTicks;
      s.vcpu[String(v.index)] = v.state;
      distance += v.distanceSum;
      local += v.state.localTicks;
    }
    s.cpuPercent = pct(s.ranTicks, c.ticks);
    s.sharePercent = pct(s.ranTicks, allRan);
    s.stealPercent = pct(s.stealTicks, s.ranTicks + s.stealTicks);
    s.localPercent = pct(local, s.ranTicks);
    s.memoryDistance = s.ranTicks ? round1(distance / s.ranTicks) : 0;
  }
  return {
    scheduler: c.scheduler,
    ticks: c.ticks,
    host: {
      pcpus: topo.pcpus,
      vcpus: run.vms.reduce((n, vm) => n + vm.state.vcpus, 0),
      overcommitRatio: round1(run.vms.reduce((n, vm) => n + vm.state.vcpus, 0) / topo.pcpus),
      busyTicks: allRan,
      utilizationPercent: pct(allRan, topo.pcpus * c.ticks),
      nodes: Object.fromEntries(
        c.host.nodes.map((n, i) => [
          n.name,
          { cpus: topo.nodeOf.flatMap((x, cpu) => (x === i ? [cpu] : [])), busyTicks: run.busy[i] },
        ]),
      ),
      distances: topo.distances,
    },
    vms: Object.fromEntries(run.vms.map((vm) => [vm.name, vm.state])),
  };
}

export function runScheduler(c: SchedulerConfig, trace: Trace): SchedulerState {
  const run = build(c, trace);
  setup(run);
  const every = c.traceEvery ?? Math.max(1, Math.ceil(c.ticks / 10));
  let next = 0;
  let from = 0;
  for (let t = 0; t < c.ticks; t++) {
    while (next < c.ops.length && c.ops[next].at === t) {
      const op = c.ops[next];
      trace.step = next;
      const kind = (Object.keys(HANDLERS) as SchedulerOpKind[]).find((k) => k in op)!;
      // The op has exactly the key `kind` (the schema's union), so it is that handler's op.
      (HANDLERS[kind] as unknown as (run: Run, op: SchedulerOp) => void)(run, op);
      next++;
    }
    for (const vm of run.vms) refill(vm, t);
    placeWaking(c.scheduler, run.vms, arrive(run));
    const ran = scheduleTick(c.scheduler, run.vms, run.topo, c.placement === 'numa-aware');
    account(run, ran);
    forgetUncontended(run.vms, ran);
    trace.spend(VCPU_TICK_WORK * run.vms.reduce((n, vm) => n + vm.vcpus.length, 0));
    if ((t + 1) % every === 0 || t === c.ticks - 1) {
      summarize(run, from, t);
      from = t + 1;
    }
  }
  return finish(run);
}
