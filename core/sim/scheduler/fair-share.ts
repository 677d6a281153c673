import { spend, throttled } from './cap.ts';
import { chooseCpu, type Topology } from './numa.ts';
import type { VcpuRun, VmRun } from './runtime.ts';

/**
 * Proportional share by virtual time: whoever has run least for its weight runs next, so over a contended
 * stretch CPU time divides in proportion to weight (credit2: 512 gets twice what 256 gets, xl sched-credit2;
 * cgroup v2 cpu.weight likewise). One global queue stands for the per-CPU runqueues and their load balancing.
 *
 * credit2 weighs each vCPU with its domain's weight, so a 4-vCPU domain can get four times a 1-vCPU one.
 * cfs weighs the VM's cgroup: its vCPU threads share the group's part, and the VM's vruntime decides first.
 */
export type Policy = 'credit2' | 'cfs';

/**
 * A vCPU that wakes after idling starts no further behind than the least-run entity that kept running, so idle
 * time banks no credit (CFS places a waking entity near min_vruntime; credit2 resets credit).
 */
export function placeWaking(policy: Policy, vms: readonly VmRun[], waking: ReadonlySet<VcpuRun>): void {
  if (waking.size === 0) return;
  if (policy === 'credit2') {
    let floor = Infinity;
    for (const vm of vms)
      for (const v of vm.vcpus) if (v.runnable && !waking.has(v)) floor = Math.min(floor, v.vruntime);
    if (floor === Infinity) return;
    for (const v of waking) v.vruntime = Math.max(v.vruntime, floor);
    return;
  }
  for (const vm of vms) {
    let inVm = Infinity;
    for (const v of vm.vcpus) if (v.runnable && !waking.has(v)) inVm = Math.min(inVm, v.vruntime);
    if (inVm !== Infinity) for (const v of vm.vcpus) if (waking.has(v)) v.vruntime = Math.max(v.vruntime, inVm);
  }
  const wakingVm = (vm: VmRun) =>
    vm.vcpus.some((v) => v.runnable) && vm.vcpus.every((v) => !v.runnable || waking.has(v));
  let floor = Infinity;
  for (const vm of vms) if (vm.vcpus.some((v) => v.runnable) && !wakingVm(vm)) floor = Math.min(floor, vm.vruntime);
  if (floor === Infinity) return;
  for (const vm of vms) if (wakingVm(vm)) vm.vruntime = Math.max(vm.vruntime, floor);
}

/**
 * When every runnable vCPU got a CPU this tick there was no contention to keep score of: forget the history, as
 * credit2 resets every vCPU's credit when the one running runs out. Without this, vCPUs that ran side by side on
 * idle CPUs would carry lags (in 1/weight units) into the next contention and starve the heavier-charged one.
 */
export function forgetUncontended(vms: readonly VmRun[], ran: ReadonlyMap<VcpuRun, number>): void {
  for (const vm of vms) for (const v of vm.vcpus) if (v.runnable && !ran.has(v)) return;
  for (const vm of vms) {
    vm.vruntime = 0;
    for (const v of vm.vcpus) v.vruntime = 0;
  }
}

/**
 * One tick: give each free physical CPU to a runnable vCPU, least-run first. credit2 keys a vCPU by its own virtual
 * time; cfs keys the k-th vCPU a VM gets this tick by the VM's virtual time plus k/weight (what the VM will have
 * been charged by then), its vCPUs in their own order. A vCPU whose allowed CPUs are all taken waits; a VM out of
 * cap budget waits whole. Returns the CPU each vCPU got (absent: it did not run).
 */
export function scheduleTick(
  policy: Policy,
  vms: readonly VmRun[],
  topo: Topology,
  numaAware: boolean,
): Map<VcpuRun, number> {
  const candidates: { v: VcpuRun; key: number }[] = [];
  for (const vm of vms) {
    const runnable = vm.vcpus.filter((v) => v.runnable);
    if (policy === 'cfs') runnable.sort((a, b) => a.vruntime - b.vruntime || a.index - b.index);
    runnable.forEach((v, k) =>
      candidates.push({ v, key: policy === 'credit2' ? v.vruntime : vm.vruntime + k / vm.state.weight }),
    );
  }
  candidates.sort((a, b) => a.key - b.key || a.v.vm.order - b.v.vm.order || a.v.index - b.v.index);
  const free = new Array<boolean>(topo.pcpus).fill(true);
  let freeCount = topo.pcpus;
  const ran = new Map<VcpuRun, number>();
  for (const { v } of candidates) {
    if (freeCount === 0) break;
    const vm = v.vm;
    if (throttled(vm)) continue;
    const cpu = chooseCpu(topo, free, vm.allowed, vm.home, v.state.lastCpu, numaAware);
    if (cpu < 0) continue;
    free[cpu] = false;
    freeCount--;
    ran.set(v, cpu);
    spend(vm);
    if (policy === 'credit2') v.vruntime += 1 / vm.state.weight;
    else {
      vm.vruntime += 1 / vm.state.weight;
      v.vruntime += 1;
    }
  }
  return ran;
}
