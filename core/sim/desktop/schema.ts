import * as z from 'zod';
import { RecordName as Name } from '../record-name.ts';
import { opUnion } from '../op-union.ts';
import { DEVICES, PROTOCOLS } from './protocol.ts';

/** A document name the user works on, e.g. `report.docx`: it lands on the desktop's disk when saved. */
const Doc = z.string().regex(/^[^/\\]{1,80}$/);
const Protocol = z.enum(Object.keys(PROTOCOLS) as [keyof typeof PROTOCOLS, ...(keyof typeof PROTOCOLS)[]]);
const Device = z.enum(DEVICES);
const Seconds = z
  .number()
  .int()
  .min(0)
  .max(7 * 24 * 3600);

/** A data-center host of the VDI deployment. Give a desktop count, or vCPUs and memory, or both. */
const hostSchema = z.strictObject({
  name: Name,
  desktops: z.number().int().min(0).max(64).optional(),
  vcpus: z.number().int().min(1).max(1024).optional(),
  memoryGb: z.number().int().min(1).max(4096).optional(),
});

const poolSchema = z.strictObject({
  name: Name,
  /** persistent: dedicated (the user returns to the same VM); non-persistent: floating, refreshed at logoff. */
  type: z.enum(['persistent', 'non-persistent']),
  /** Most desktops the pool may hold. */
  size: z.number().int().min(1).max(64),
  desktop: z
    .strictObject({ vcpus: z.number().int().min(1).max(64), memoryGb: z.number().int().min(1).max(512) })
    .default({ vcpus: 2, memoryGb: 4 }),
  protocol: Protocol.default('blast'),
  /** How long a disconnected session keeps running before it is logged off; `never` keeps it forever. */
  disconnectTimeout: z.union([Seconds, z.literal('never')]).default(600),
  /** What a non-persistent pool does with a desktop at logoff. */
  onLogoff: z.enum(['refresh', 'delete']).default('refresh'),
});

const userSchema = z.strictObject({
  name: Name,
  pool: Name,
  device: Device.default('laptop'),
  /** The client retries by itself when the network comes back (on by default, as in RDP and Horizon clients). */
  autoReconnect: z.boolean().default(true),
});

/** Every op may carry `at` (absolute seconds, never going back); without it, it happens at the current time. */
const at = { at: Seconds.optional() };
/** The key that names each op, in the order the union lists them. */
export const DESKTOP_OP_KINDS = ['login', 'open', 'save', 'logoff', 'outage', 'broker', 'wait'] as const;
export type DesktopOpKind = (typeof DESKTOP_OP_KINDS)[number];

export const desktopOpSchema = opUnion(DESKTOP_OP_KINDS, [
  z.strictObject({ ...at, login: Name, device: Device.optional(), protocol: Protocol.optional() }),
  z.strictObject({ ...at, open: Name, doc: Doc }),
  z.strictObject({ ...at, save: Name, doc: Doc }),
  z.strictObject({ ...at, logoff: Name }),
  /** The network between the listed users (default: every user) and the data center is down for `outage` seconds. */
  z.strictObject({
    ...at,
    outage: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 3600),
    users: z.array(Name).max(64).optional(),
  }),
  z.strictObject({ ...at, broker: z.enum(['down', 'up']) }),
  z.strictObject({ ...at, wait: Seconds }),
]);
export type DesktopOp = z.output<typeof desktopOpSchema>;

export const desktopConfigSchema = z.strictObject({
  target: z.literal('desktop'),
  title: z.string().max(200).optional(),
  hosts: z.array(hostSchema).min(1).max(16),
  pools: z.array(poolSchema).min(1).max(16),
  users: z.array(userSchema).min(1).max(64),
  ops: z.array(desktopOpSchema).default([]),
});
export type DesktopConfig = z.output<typeof desktopConfigSchema>;
export type PoolConfig = DesktopConfig['pools'][number];
export type HostConfig = DesktopConfig['hosts'][number];
