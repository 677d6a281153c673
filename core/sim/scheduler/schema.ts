import * as z from 'zod';
import { msg } from '../../i18n.ts';
import { bilingual } from '../../validation.ts';
import { opUnion } from '../op-union.ts';
import { RecordName as Name } from '../record-name.ts';

/** Physical CPUs of one host, over all its nodes (keeps the worst run within its time bound). */
export const MAX_PCPUS = 64;

/** A NUMA node: its physical CPUs (numbered across the host in node order) and the memory beside them. */
const NodeSchema = z.strictObject({ name: Name, cpus: z.number().int().min(1).max(64) });

/** cgroup v2 `cpu.max`: "$MAX $PERIOD" in microseconds, MAX a number or `max` (Documentation/admin-guide/cgroup-v2.rst). */
export const CpuMax = z.string().regex(/^(max|[1-9][0-9]{0,6}) [1-9][0-9]{0,6}$/, {
  error: bilingual(
    msg(
      'cpu.max는 "할당량 주기" 형식입니다 (마이크로초, 예: "50000 100000" 또는 "max 100000").',
      'cpu.max is "quota period" in microseconds, e.g. "50000 100000" or "max 100000".',
    ),
  ),
});

const Cpus = z
  .array(
    z
      .number()
      .int()
      .min(0)
      .max(MAX_PCPUS - 1),
  )
  .min(1)
  .max(MAX_PCPUS);

const VmSchema = z.strictObject({
  name: Name,
  vcpus: z.number().int().min(1).max(64),
  /** credit2: domain weight, 1–65535, default 256. cfs: cgroup v2 cpu.weight, 1–10000, default 100. */
  weight: z.number().int().min(1).max(65_535).optional(),
  /** credit2 only: cap in % of one physical CPU (0 = none; 200 = two pCPUs). */
  cap: z.number().int().min(0).max(6_400).optional(),
  /** cfs only: cgroup v2 cpu.max of the VM's cgroup. */
  cpuMax: CpuMax.optional(),
  /** How much of each tick each vCPU wants to run, in % (100 = always busy). */
  demand: z.number().int().min(0).max(100).default(100),
  /** The NUMA node holding the VM's memory (default: the first node). */
  memoryNode: Name.optional(),
  /** Hard affinity: the physical CPUs its vCPUs may run on (default: all). */
  pin: Cpus.optional(),
  /** False: the VM starts stopped (a later `start` op boots it). */
  running: z.boolean().default(true),
});
export type VmConfig = z.output<typeof VmSchema>;

const At = { at: z.number().int().min(0) };

export const SCHEDULER_OP_KEYS = ['set', 'pin', 'unpin', 'start', 'stop'] as const;
export type SchedulerOpKind = (typeof SCHEDULER_OP_KEYS)[number];

export const schedulerOpSchema = opUnion(SCHEDULER_OP_KEYS, [
  /** Change a VM's demand, weight, cap or cpu.max from tick `at` on. */
  z.strictObject({
    ...At,
    set: Name,
    demand: z.number().int().min(0).max(100).optional(),
    weight: z.number().int().min(1).max(65_535).optional(),
    cap: z.number().int().min(0).max(6_400).optional(),
    cpuMax: CpuMax.optional(),
  }),
  /** Pin the VM's vCPUs to these physical CPUs. */
  z.strictObject({ ...At, pin: Name, cpus: Cpus }),
  /** Let the VM's vCPUs run anywhere again. */
  z.strictObject({ ...At, unpin: Name }),
  z.strictObject({ ...At, start: Name }),
  z.strictObject({ ...At, stop: Name }),
]);
export type SchedulerOp = z.output<typeof schedulerOpSchema>;

export const schedulerConfigSchema = z.strictObject({
  target: z.literal('scheduler'),
  title: z.string().max(200).optional(),
  /** credit2: Xen's default scheduler. cfs: Linux's fair scheduler with cgroup v2 (KVM vCPUs are host threads). */
  scheduler: z.enum(['credit2', 'cfs']),
  host: z.strictObject({
    nodes: z.array(NodeSchema).min(1).max(8),
    /**
     * Relative memory distance between nodes, as in the ACPI SLIT: 10 = local; Linux wants the diagonal 10 and
     * every other entry above it, and assumes 20 for remote without a SLIT (include/linux/topology.h).
     */
    distances: z
      .array(z.array(z.number().int().min(10).max(254)).min(1).max(8))
      .min(1)
      .max(8)
      .optional(),
  }),
  /** numa-aware: an unpinned vCPU prefers a free CPU on its memory's node. any: the lowest-numbered free CPU. */
  placement: z.enum(['numa-aware', 'any']).default('numa-aware'),
  /** Simulated time, in ticks of 1 ms (one scheduling decision per physical CPU per tick). */
  ticks: z.number().int().min(1),
  /** Ticks per trace summary (default: a tenth of the run). */
  traceEvery: z.number().int().min(1).optional(),
  vms: z.array(VmSchema).min(1).max(64),
  ops: z.array(schedulerOpSchema).default([]),
});
export type SchedulerConfig = z.output<typeof schedulerConfigSchema>;
