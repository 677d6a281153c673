import * as z from 'zod';
import { msg } from '../../i18n.ts';
import { bilingual, issue, type ConfigIssue } from '../../validation.ts';
import { RecordName } from '../record-name.ts';
import type { SimLimits } from '../limits.ts';
import { PROVISIONING } from './lun.ts';
import { LEVEL_INFO, RAID_LEVELS, usableBytes, type RaidLevel } from './raid-levels.ts';

/**
 * The `storage` target's configuration: disks → RAID arrays → one pool → LUNs masked to hosts, and a workload
 * run against them in order. Sizes are in blocks of `blockSize` bytes; I/O lengths are in bytes.
 */
const name = RecordName;
const blocks = z.int().min(1).max(2 ** 31);
const lba = z.int().min(0).max(2 ** 31);
/** Bytes one read returns: as much as one configuration can write. */
const length = z.int().min(1).max(64 * 1024);

const diskSpec = z.strictObject({ id: name, sizeBlocks: blocks });
/** `{ count: 5, sizeBlocks: 8 }` names the disks d0…d4. */
const diskCount = z.strictObject({ count: z.int().min(1), sizeBlocks: blocks });

const arraySpec = z.strictObject({
  name,
  level: z.union(
    RAID_LEVELS.map((l) => z.literal(l)),
    { error: bilingual(msg(`RAID 레벨은 ${RAID_LEVELS.join(', ')} 중 하나입니다.`, `The RAID level is one of ${RAID_LEVELS.join(', ')}.`)) },
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
    .regex(HEX, { error: bilingual(msg('hex는 두 자리 16진수 바이트의 나열이어야 합니다.', 'hex must be a sequence of two-digit hex bytes.')) })
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
  z.strictObject({ op: z.literal('lun.write'), lun: name, host: name, lba, ...payload }).refine(onePayload, payloadError),
  z.strictObject({ op: z.literal('lun.read'), lun: name, host: name, lba, length, name: name.optional() }),
]);

export const storageSchema = z.strictObject({
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

export type StorageConfig = z.output<typeof storageSchema>;
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

const levelName = (level: RaidLevel) => `RAID-${level}`;

/** Rules that span fields: names that must exist and be unique, disk counts per level, capacities, limits. */
export function checkStorage(config: StorageConfig, limits: SimLimits): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const bs = config.blockSize;
  const diskPath = (i: number) => (Array.isArray(config.disks) ? `disks[${i}]` : 'disks');
  const count = Array.isArray(config.disks) ? config.disks.length : config.disks.count;
  if (count > limits.maxDisks) {
    out.push(issue('disks', msg(`디스크는 최대 ${limits.maxDisks}개까지입니다 (지금 ${count}개).`, `At most ${limits.maxDisks} disks (got ${count}).`)));
    return out;
  }
  const disks = diskList(config);
  const diskBytes = new Map<string, number>();
  disks.forEach((d, i) => {
    if (diskBytes.has(d.id)) out.push(issue(`${diskPath(i)}.id`, msg(`${d.id} 디스크가 두 번 정의되었습니다.`, `Disk ${d.id} is defined twice.`)));
    diskBytes.set(d.id, d.sizeBlocks * bs);
    if (d.sizeBlocks * bs > limits.maxDiskBytes) {
      out.push(
        issue(
          `${diskPath(i)}.sizeBlocks`,
          msg(
            `${d.id} 디스크가 너무 큽니다: ${d.sizeBlocks * bs}바이트 (최대 ${limits.maxDiskBytes}바이트, 즉 ${Math.floor(limits.maxDiskBytes / bs)}블록).`,
            `Disk ${d.id} is too large: ${d.sizeBlocks * bs} bytes (at most ${limits.maxDiskBytes}, i.e. ${Math.floor(limits.maxDiskBytes / bs)} blocks).`,
          ),
        ),
      );
    }
  });

  const owner = new Map<string, string>();
  const capacity = new Map<string, number>();
  config.arrays.forEach((a, i) => {
    const at = `arrays[${i}]`;
    if (capacity.has(a.name)) out.push(issue(`${at}.name`, msg(`같은 어레이 이름(${a.name})이 두 번 쓰였습니다.`, `Array name ${a.name} is used twice.`)));
    a.disks.forEach((id, k) => {
      if (!diskBytes.has(id)) {
        out.push(issue(`${at}.disks[${k}]`, msg(`알 수 없는 디스크 ${id}입니다. 정의된 디스크: ${[...diskBytes.keys()].join(', ')}`, `Unknown disk ${id}. Defined disks: ${[...diskBytes.keys()].join(', ')}`)));
      } else if (owner.has(id)) {
        out.push(issue(`${at}.disks[${k}]`, msg(`${id} 디스크는 이미 ${owner.get(id)} 어레이에 쓰였습니다. 디스크는 한 곳에만 넣을 수 있습니다.`, `Disk ${id} is already used by ${owner.get(id)}; a disk can belong to one array only.`)));
      } else owner.set(id, a.name);
    });
    const info = LEVEL_INFO[a.level];
    const n = a.disks.length;
    if (n < info.minDisks) {
      out.push(
        issue(
          `${at}.disks`,
          msg(
            `${levelName(a.level)}에는 디스크가 최소 ${info.minDisks}개 필요합니다 (지금 ${n}개).`,
            `${levelName(a.level)} needs at least ${info.minDisks} disks (got ${n}).`,
          ),
        ),
      );
    } else if (info.evenDisks && n % 2) {
      out.push(issue(`${at}.disks`, msg(`RAID-10은 디스크를 둘씩 미러 쌍으로 묶으므로 짝수 개가 필요합니다 (지금 ${n}개).`, `RAID-10 pairs its disks into mirrors, so it needs an even count (got ${n}).`)));
    }
    const sizes = a.disks.map((id) => diskBytes.get(id) ?? 0);
    capacity.set(a.name, Math.floor(usableBytes(a.level, n, Math.min(...sizes)) / bs));
  });

  const poolBlocks = config.pool ? config.pool.arrays.reduce((sum, a) => sum + (capacity.get(a) ?? 0), 0) : 0;
  if (config.pool) {
    const seen = new Set<string>();
    config.pool.arrays.forEach((a, k) => {
      if (!capacity.has(a)) out.push(issue(`pool.arrays[${k}]`, msg(`알 수 없는 어레이 ${a}입니다.`, `Unknown array ${a}.`)));
      else if (seen.has(a)) out.push(issue(`pool.arrays[${k}]`, msg(`${a} 어레이가 풀에 두 번 들어 있습니다.`, `Array ${a} is in the pool twice.`)));
      seen.add(a);
    });
  }

  const hosts = config.hosts ? new Set(config.hosts.map((h) => h.name)) : undefined;
  const checkHost = (path: string, host: string) => {
    if (hosts && !hosts.has(host)) out.push(issue(path, msg(`hosts에 정의되지 않은 호스트 ${host}입니다.`, `Host ${host} is not declared in hosts.`)));
  };
  const lunSize = new Map<string, number>();
  let thick = 0;
  const addLun = (path: string, l: { lun?: string; name?: string; sizeBlocks: number; provisioning: string; hosts: string[] }) => {
    const lunName = (l.lun ?? l.name)!;
    if (!config.pool) out.push(issue(path, msg('LUN을 만들려면 먼저 pool을 정의해야 합니다.', 'Define a pool before carving LUNs.')));
    if (lunSize.has(lunName)) out.push(issue(path, msg(`같은 LUN 이름(${lunName})이 두 번 쓰였습니다.`, `LUN name ${lunName} is used twice.`)));
    lunSize.set(lunName, l.sizeBlocks);
    l.hosts.forEach((h, k) => checkHost(`${path}.hosts[${k}]`, h));
  };
  config.luns.forEach((l, i) => {
    addLun(`luns[${i}]`, l);
    if (l.provisioning === 'thick') thick += l.sizeBlocks;
  });
  if (config.pool && thick > poolBlocks) {
    out.push(
      issue(
        'luns',
        msg(
          `thick LUN의 합(${thick}블록)이 풀 용량(${poolBlocks}블록)보다 큽니다. thick LUN은 만들 때 공간을 모두 예약합니다.`,
          `The thick LUNs add up to ${thick} blocks but the pool holds ${poolBlocks}. A thick LUN reserves all its space when created.`,
        ),
      ),
    );
  }

  if (config.workload.length > limits.maxOps) {
    out.push(issue('workload', msg(`워크로드 연산은 최대 ${limits.maxOps}개입니다.`, `At most ${limits.maxOps} workload operations.`)));
    return out;
  }
  const arrayBytes = (a: string) => (capacity.get(a) ?? 0) * bs;
  const readNames = new Set<string>();
  config.workload.forEach((op, i) => {
    const at = `workload[${i}]`;
    if ((op.op === 'read' || op.op === 'lun.read') && op.name) {
      if (readNames.has(op.name)) out.push(issue(`${at}.name`, msg(`같은 읽기 이름(${op.name})이 두 번 쓰였습니다.`, `The read name ${op.name} is used twice.`)));
      readNames.add(op.name);
    }
    const span = (start: number, length: number, limit: number, what: string) => {
      if (start + length > limit) {
        out.push(
          issue(
            `${at}.lba`,
            msg(
              `${what}의 끝을 넘습니다: ${start}–${start + length - 1}번 바이트를 요청했지만 크기는 ${limit}바이트(${limit / bs}블록)입니다.`,
              `Past the end of ${what}: bytes ${start}–${start + length - 1} requested, size is ${limit} bytes (${limit / bs} blocks).`,
            ),
          ),
        );
      }
    };
    switch (op.op) {
      case 'write':
      case 'read':
        if (!capacity.has(op.array)) out.push(issue(`${at}.array`, msg(`알 수 없는 어레이 ${op.array}입니다.`, `Unknown array ${op.array}.`)));
        else span(op.lba * bs, op.op === 'read' ? op.length : payloadBytes(op).length, arrayBytes(op.array), op.array);
        break;
      case 'fail':
      case 'replace':
        if (!owner.has(op.disk)) {
          out.push(issue(`${at}.disk`, msg(`어떤 어레이에도 속하지 않은 디스크 ${op.disk}입니다.`, `Disk ${op.disk} is not in any array.`)));
        }
        break;
      case 'lun.create':
        addLun(at, op);
        break;
      case 'lun.write':
      case 'lun.read':
        checkHost(`${at}.host`, op.host);
        if (!lunSize.has(op.lun)) out.push(issue(`${at}.lun`, msg(`이 시점에 없는 LUN ${op.lun}입니다.`, `There is no LUN ${op.lun} at this point.`)));
        else span(op.lba * bs, op.op === 'lun.read' ? op.length : payloadBytes(op).length, lunSize.get(op.lun)! * bs, op.lun);
        break;
    }
  });
  return out;
}
