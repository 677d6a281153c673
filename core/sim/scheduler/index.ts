import type { TargetSimulator } from '../target.ts';
import { checkScheduler } from './check.ts';
import { runScheduler } from './run.ts';
import { schedulerConfigSchema, type SchedulerConfig } from './schema.ts';
import type { SchedulerState } from './state.ts';

/**
 * The `scheduler` target: vCPUs of VMs on physical CPUs under Xen credit2 or Linux CFS (cgroup v2): weights and
 * caps, overcommit, steal time, a noisy neighbour, NUMA placement and pinning. Time is in ticks of 1 ms.
 */
export const schedulerSimulator = {
  target: 'scheduler',
  schema: schedulerConfigSchema,
  check: checkScheduler,
  run: runScheduler,
  eventWork: 700,
} satisfies TargetSimulator<SchedulerConfig, SchedulerState>;
