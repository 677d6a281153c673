import * as z from 'zod';
import { msg } from '../../i18n.ts';
import { bilingual } from '../../validation.ts';
import { RecordName } from '../record-name.ts';
import { PROVISIONING } from './lun.ts';
import { RAID_LEVELS } from './raid-levels.ts';

/**
 * The `storage` target's configuration: disks → RAID arrays → one pool → LUNs masked to hosts, and a workload
 * run against them in order. Sizes are in blocks of `blockSize` bytes; I/O lengths are in bytes.
 */
const name = RecordName;
const blocks = z
  .int()
  .min(1)
  .max(2 ** 31);
const lba = z
  .int()
  .min(0)
  .max(2 ** 31);
/** Bytes one read returns: as much as one configuration can write. */
const length = z
  .int()
  .min(1)
  .max(64 * 1024);

const diskSpec = z.strictObject({ id: name, sizeBlocks: blocks });
/** `{ count: 5, sizeBlocks: 8 }` names the disks d0…d4. */
const diskCount = z.strictObject({ count: z.int().min(1), sizeBlocks: blocks });

const arraySpec = z.strictObject({
  name,
  level: z.union(
    RAID_LEVELS.map((l) => z.literal(l)),
    {
      error: bilingual(
        msg(
          `RAID 레벨은 ${RAID_LEVELS.join(', ')} 중 하나입니다.`,
          `The RAID level is one of ${RAID_LEVELS.join(', ')}.`,
        ),
      ),
    },
  ),
  disks: z.array(name).min(1),
});

const lunFields = {
  sizeBlocks: blocks,
  provisioning: z.enum(PROVISIONING).default('thick'),
  /** The mask: hosts allowed to see the LUN. */
  hosts: z.array(name).default([]),
};
const lunSpec = z.strictObject({ name, ...lunFields });

const hostSpec = z.strictObject({ name, kind: z.enum(['server', 'vm']).default('server') });

const HEX = /^(?:\s*[0-9a-fA-F]{2})+\s*$/;
/** Bytes to write: `data` as text (UTF-8) or `hex` ("48 45 4c 4c 4f"). */
const payload = {
  data: z.string().min(1).optional(),
  hex: z
    .string()
    .regex(HEX, {
      error: bilingual(
        msg('hex는 두 자리 16진수 바이트의 나열이어야 합니다.', 'hex must be a sequence of two-digit hex bytes.'),
      ),
    })
    .optional(),
};
const onePayload = (o: { data?: string; hex?: string }) => (o.data === undefined) !== (o.hex === undefined);
const payloadError = {
  error: bilingual(msg('data(텍스트)나 hex 중 정확히 하나를 쓰세요.', 'Give exactly one of data (text) or hex.')),
};

const opSpec = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('write'), array: name, lba, ...payload }).refine(onePayload, payloadError),
  z.strictObject({ op: z.literal('read'), array: name, lba, length, name: name.optional() }),
  z.strictObject({ op: z.literal('fail'), disk: name }),
  z.strictObject({ op: z.literal('replace'), disk: name }),
  z.strictObject({ op: z.literal('lun.create'), lun: name, ...lunFields }),
  z
    .strictObject({ op: z.literal('lun.write'), lun: name, host: name, lba, ...payload })
    .refine(onePayload, payloadError),
  z.strictObject({ op: z.literal('lun.read'), lun: name, host: name, lba, length, name: name.optional() }),
]);

export const storageConfigSchema = z.strictObject({
  target: z.literal('storage'),
  /** Bytes per block (the chunk of block-level striping); as small as 1 for teaching. */
  blockSize: z.int().min(1).max(4096).default(4),
  disks: z.union([z.array(diskSpec).min(1), diskCount]),
  arrays: z.array(arraySpec).min(1),
  pool: z.strictObject({ name, arrays: z.array(name).min(1) }).optional(),
  luns: z.array(lunSpec).default([]),
  /** Optional: declare hosts to catch typos and to show VMs in the `guest` lane. */
  hosts: z.array(hostSpec).optional(),
  workload: z.array(opSpec).default([]),
});

export type StorageConfig = z.output<typeof storageConfigSchema>;
export type StorageOp = StorageConfig['workload'][number];
export type DiskSpec = z.output<typeof diskSpec>;

/** The disk list, with the count shorthand expanded to d0, d1, … */
export function diskList(config: Pick<StorageConfig, 'disks'>): DiskSpec[] {
  const d = config.disks;
  return Array.isArray(d) ? d : Array.from({ length: d.count }, (_, i) => ({ id: `d${i}`, sizeBlocks: d.sizeBlocks }));
}

/** The bytes an op writes. */
export function payloadBytes(op: { data?: string; hex?: string }): Uint8Array {
  if (op.data !== undefined) return new TextEncoder().encode(op.data);
  const hex = op.hex!.replace(/\s+/g, '');
  return Uint8Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}
