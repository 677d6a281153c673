import { parseCpuMax } from './check.ts';
import type { VmRun } from './runtime.ts';

/**
 * CPU caps as a budget refilled every period, spent one unit-cost per vCPU-tick run; a VM with no budget left is
 * held back (throttled) until the next refill, and an overrun is paid back from the next period.
 *
 * credit2 (Xen xen/common/sched/credit2.c): the cap is a % of one physical CPU, refilled every
 * `credit2_cap_period_ms` = 10 ms, so 50% = 5 ms per period. Budget unit: %·ms; one tick costs 100.
 * cfs (cgroup v2 cpu.max, Documentation/admin-guide/cgroup-v2.rst): `quota period` in µs; one tick costs 1000 µs.
 */
export const CREDIT2_CAP_PERIOD_TICKS = 10;

export interface CapRule {
  periodTicks: number;
  quota: number;
  costPerTick: number;
}

export function capRule(vm: VmRun): CapRule | null {
  const s = vm.state;
  const knob = `${s.cap}/${s.cpuMax}`;
  if (vm.rule?.knob !== knob) vm.rule = { knob, value: ruleOf(s.cap, s.cpuMax) };
  return vm.rule.value;
}

function ruleOf(cap: number | null, cpuMax: string | null): CapRule | null {
  const s = { cap, cpuMax };
  if (s.cap !== null)
    return s.cap > 0
      ? { periodTicks: CREDIT2_CAP_PERIOD_TICKS, quota: s.cap * CREDIT2_CAP_PERIOD_TICKS, costPerTick: 100 }
      : null;
  if (s.cpuMax === null) return null;
  const { quota, period } = parseCpuMax(s.cpuMax);
  return quota === null ? null : { periodTicks: period / 1000, quota, costPerTick: 1000 };
}

/** At a period boundary, add the quota (a debt from the last period is paid first). */
export function refill(vm: VmRun, tick: number): void {
  const rule = capRule(vm);
  if (!rule) {
    vm.budget = null;
    return;
  }
  if (vm.budget === null) vm.budget = rule.quota;
  else if (tick % rule.periodTicks === 0) vm.budget = Math.min(0, vm.budget) + rule.quota;
}

export const throttled = (vm: VmRun): boolean => vm.budget !== null && vm.budget <= 0;

export function spend(vm: VmRun): void {
  const rule = capRule(vm);
  if (rule && vm.budget !== null) vm.budget -= rule.costPerTick;
}
