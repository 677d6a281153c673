import { msg } from '../../i18n.ts';
import { issue, type ConfigIssue } from '../../validation.ts';
import type { SimLimits } from '../limits.ts';
import { limitMessage } from '../trace.ts';
import { LEVEL_INFO, usableBytes, type RaidLevel } from './raid-levels.ts';
import { diskList, payloadBytes, type StorageConfig } from './schema.ts';
import { stateWork } from './work.ts';

const levelName = (level: RaidLevel) => `RAID-${level}`;

/** Rules that span fields: names that must exist and be unique, disk counts per level, capacities, limits. */
export function checkStorage(config: StorageConfig, limits: SimLimits): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const bs = config.blockSize;
  const diskPath = (i: number) => (Array.isArray(config.disks) ? `disks[${i}]` : 'disks');
  const count = Array.isArray(config.disks) ? config.disks.length : config.disks.count;
  if (count > limits.maxDisks) {
    out.push(
      issue(
        'disks',
        msg(
          `디스크는 최대 ${limits.maxDisks}개까지입니다 (지금 ${count}개).`,
          `At most ${limits.maxDisks} disks (got ${count}).`,
        ),
      ),
    );
    return out;
  }
  const disks = diskList(config);
  const diskBytes = new Map<string, number>();
  disks.forEach((d, i) => {
    if (diskBytes.has(d.id))
      out.push(
        issue(`${diskPath(i)}.id`, msg(`${d.id} 디스크가 두 번 정의되었습니다.`, `Disk ${d.id} is defined twice.`)),
      );
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
  let stateTotal = 0;
  let tooBig = false;
  config.arrays.forEach((a, i) => {
    const at = `arrays[${i}]`;
    if (capacity.has(a.name))
      out.push(
        issue(
          `${at}.name`,
          msg(`같은 어레이 이름(${a.name})이 두 번 쓰였습니다.`, `Array name ${a.name} is used twice.`),
        ),
      );
    a.disks.forEach((id, k) => {
      if (!diskBytes.has(id)) {
        out.push(
          issue(
            `${at}.disks[${k}]`,
            msg(
              `알 수 없는 디스크 ${id}입니다. 정의된 디스크: ${[...diskBytes.keys()].join(', ')}`,
              `Unknown disk ${id}. Defined disks: ${[...diskBytes.keys()].join(', ')}`,
            ),
          ),
        );
      } else if (owner.has(id)) {
        out.push(
          issue(
            `${at}.disks[${k}]`,
            msg(
              `${id} 디스크는 이미 ${owner.get(id)} 어레이에 쓰였습니다. 디스크는 한 곳에만 넣을 수 있습니다.`,
              `Disk ${id} is already used by ${owner.get(id)}; a disk can belong to one array only.`,
            ),
          ),
        );
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
      out.push(
        issue(
          `${at}.disks`,
          msg(
            `RAID-10은 디스크를 둘씩 미러 쌍으로 묶으므로 짝수 개가 필요합니다 (지금 ${n}개).`,
            `RAID-10 pairs its disks into mirrors, so it needs an even count (got ${n}).`,
          ),
        ),
      );
    }
    const sizes = a.disks.map((id) => diskBytes.get(id) ?? 0);
    capacity.set(a.name, Math.floor(usableBytes(a.level, n, Math.min(...sizes)) / bs));
    // Reading every array back for the final state is work no workload avoids: refuse now what cannot finish.
    stateTotal += n >= info.minDisks ? stateWork(a.level, n, Math.min(...sizes), bs) : 0;
    if (stateTotal > limits.maxWork && !tooBig) {
      tooBig = true;
      out.push(issue(at, limitMessage('maxWork', limits.maxWork)));
    }
  });

  const poolBlocks = config.pool ? config.pool.arrays.reduce((sum, a) => sum + (capacity.get(a) ?? 0), 0) : 0;
  if (config.pool) {
    const seen = new Set<string>();
    config.pool.arrays.forEach((a, k) => {
      if (!capacity.has(a))
        out.push(issue(`pool.arrays[${k}]`, msg(`알 수 없는 어레이 ${a}입니다.`, `Unknown array ${a}.`)));
      else if (seen.has(a))
        out.push(
          issue(
            `pool.arrays[${k}]`,
            msg(`${a} 어레이가 풀에 두 번 들어 있습니다.`, `Array ${a} is in the pool twice.`),
          ),
        );
      seen.add(a);
    });
  }

  const hosts = config.hosts ? new Set(config.hosts.map((h) => h.name)) : undefined;
  const checkHost = (path: string, host: string) => {
    if (hosts && !hosts.has(host))
      out.push(
        issue(path, msg(`hosts에 정의되지 않은 호스트 ${host}입니다.`, `Host ${host} is not declared in hosts.`)),
      );
  };
  const lunSize = new Map<string, number>();
  let thick = 0;
  const addLun = (
    path: string,
    l: { lun?: string; name?: string; sizeBlocks: number; provisioning: string; hosts: string[] },
  ) => {
    const lunName = (l.lun ?? l.name)!;
    if (!config.pool)
      out.push(issue(path, msg('LUN을 만들려면 먼저 pool을 정의해야 합니다.', 'Define a pool before carving LUNs.')));
    if (lunSize.has(lunName))
      out.push(issue(path, msg(`같은 LUN 이름(${lunName})이 두 번 쓰였습니다.`, `LUN name ${lunName} is used twice.`)));
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
    out.push(
      issue(
        'workload',
        msg(`워크로드 연산은 최대 ${limits.maxOps}개입니다.`, `At most ${limits.maxOps} workload operations.`),
      ),
    );
    return out;
  }
  const arrayBytes = (a: string) => (capacity.get(a) ?? 0) * bs;
  const readNames = new Set<string>();
  config.workload.forEach((op, i) => {
    const at = `workload[${i}]`;
    if ((op.op === 'read' || op.op === 'lun.read') && op.name) {
      if (readNames.has(op.name))
        out.push(
          issue(
            `${at}.name`,
            msg(`같은 읽기 이름(${op.name})이 두 번 쓰였습니다.`, `The read name ${op.name} is used twice.`),
          ),
        );
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
        if (!capacity.has(op.array))
          out.push(issue(`${at}.array`, msg(`알 수 없는 어레이 ${op.array}입니다.`, `Unknown array ${op.array}.`)));
        else span(op.lba * bs, op.op === 'read' ? op.length : payloadBytes(op).length, arrayBytes(op.array), op.array);
        break;
      case 'fail':
      case 'replace':
        if (!owner.has(op.disk)) {
          out.push(
            issue(
              `${at}.disk`,
              msg(`어떤 어레이에도 속하지 않은 디스크 ${op.disk}입니다.`, `Disk ${op.disk} is not in any array.`),
            ),
          );
        }
        break;
      case 'lun.create':
        addLun(at, op);
        break;
      case 'lun.write':
      case 'lun.read':
        checkHost(`${at}.host`, op.host);
        if (!lunSize.has(op.lun))
          out.push(
            issue(`${at}.lun`, msg(`이 시점에 없는 LUN ${op.lun}입니다.`, `There is no LUN ${op.lun} at this point.`)),
          );
        else
          span(
            op.lba * bs,
            op.op === 'lun.read' ? op.length : payloadBytes(op).length,
            lunSize.get(op.lun)! * bs,
            op.lun,
          );
        break;
    }
  });
  return out;
}
