import * as z from 'zod';
import { RecordName as Name } from '../record-name.ts';

/** Round bound: pre-copy stops after `maxRounds`, which may not exceed this (bounded work). */
export const MAX_ROUNDS = 1000;

/** Counts are bounded so that products of two of them stay exact (the arithmetic is integer; see model.ts). */
const Count = z
  .number()
  .int()
  .min(0)
  .max(2 ** 40);
const Positive = z
  .number()
  .int()
  .min(1)
  .max(2 ** 40);

/** A device attached to the VM; SR-IOV VFs and passthrough PCI devices hold state the hypervisor cannot copy. */
const deviceSchema = z.strictObject({
  name: Name,
  kind: z.enum(['virtio-net', 'virtio-blk', 'emulated', 'sriov-vf', 'pci-passthrough']),
});

/**
 * QEMU's auto-converge parameters (QEMU migration parameters: cpu-throttle-initial default 20,
 * cpu-throttle-increment default 10, max-cpu-throttle default 99, throttle-trigger-threshold default 50).
 */
const autoConvergeSchema = z.strictObject({
  initial: z.number().int().min(1).max(99).default(20),
  increment: z.number().int().min(1).max(99).default(10),
  max: z.number().int().min(1).max(99).default(99),
  /** Throttle when the pages dirtied in a round reach this percentage of the pages sent in it. */
  triggerThreshold: z.number().int().min(1).max(100).default(50),
});

export const migrationConfigSchema = z.strictObject({
  target: z.literal('migration'),
  title: z.string().max(200).optional(),
  source: Name.default('source'),
  destination: Name.default('destination'),
  vm: z.strictObject({
    name: Name,
    memoryPages: Positive,
    /** Bytes per page; needed when the link is in bytes/s or the storage is copied. */
    pageSize: z
      .number()
      .int()
      .min(512)
      .max(2 ** 30)
      .optional(),
    /** Pages the guest dirties per second while it runs. */
    dirtyRate: Count,
    devices: z.array(deviceSchema).max(16).default([]),
  }),
  link: z.strictObject({
    bandwidth: Positive,
    unit: z.enum(['pages/s', 'bytes/s']).default('pages/s'),
  }),
  storage: z
    .strictObject({
      mode: z.enum(['shared', 'copied']).default('shared'),
      /** Disk bytes block migration copies in round 1 (mode `copied`). */
      diskBytes: Count.default(0),
    })
    .default({ mode: 'shared', diskBytes: 0 }),
  migration: z.strictObject({
    maxDowntimeMs: Count,
    maxRounds: z.number().int().min(1).max(MAX_ROUNDS),
    autoConverge: autoConvergeSchema.optional(),
    postCopy: z.boolean().default(false),
  }),
  /** `source-crash`: the source host fails right after the switch-over to the destination. */
  fault: z.enum(['source-crash']).optional(),
});
export type MigrationConfig = z.output<typeof migrationConfigSchema>;
export type DeviceKind = MigrationConfig['vm']['devices'][number]['kind'];
