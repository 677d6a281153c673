import { msg } from '../../i18n.ts';
import type { Detail, Lane, Trace } from '../trace.ts';
import { RaidArray } from './array.ts';
import { Lun } from './lun.ts';
import { Pool } from './pool.ts';
import { diskList, payloadBytes, type StorageConfig, type StorageOp } from './schema.ts';
import { arrayState, lunState, poolState, readState, type OpState, type StorageState } from './state.ts';

/**
 * The `storage` target's run: disks → RAID arrays → a pool → LUNs presented to hosts, driven by a workload of reads,
 * writes, disk failures and replacements. Blocks hold real bytes, so "the data survived" is checked, not assumed.
 */
export function runStorage(config: StorageConfig, trace: Trace): StorageState {
  return new StorageRun(config, trace).run();
}

class StorageRun {
  private readonly arrays = new Map<string, RaidArray>();
  private readonly diskHome = new Map<string, RaidArray>();
  private readonly pool: Pool | undefined;
  private readonly luns = new Map<string, Lun>();
  private readonly state: Pick<StorageState, 'reads' | 'ops'> = { reads: {}, ops: [] };
  private readonly vms: Set<string>;

  constructor(
    private readonly config: StorageConfig,
    private readonly trace: Trace,
  ) {
    const disks = new Map(diskList(config).map((d) => [d.id, d]));
    for (const spec of config.arrays) {
      const members = spec.disks.map((id) => ({ id, bytes: disks.get(id)!.sizeBlocks * config.blockSize }));
      const array = new RaidArray(spec.name, spec.level, members, config.blockSize, trace);
      this.arrays.set(spec.name, array);
      spec.disks.forEach((id) => this.diskHome.set(id, array));
    }
    this.pool = config.pool && new Pool(config.pool.name, config.pool.arrays.map((a) => this.arrays.get(a)!));
    this.vms = new Set((config.hosts ?? []).filter((h) => h.kind === 'vm').map((h) => h.name));
  }

  run(): StorageState {
    this.trace.step = -1;
    for (const spec of this.config.arrays) {
      const a = this.arrays.get(spec.name)!;
      this.trace.emit({
        actor: `raid:${a.name}`,
        lane: 'controller',
        kind: 'create',
        op: 'array.create',
        subject: a.name,
        detail: msg(
          `RAID-${a.level} (${a.disks.map((d) => d.id).join(', ')}): 사용 가능 ${a.usableBlocks}블록 (${a.usableBytes}바이트)`,
          `RAID-${a.level} over ${a.disks.map((d) => d.id).join(', ')}: ${a.usableBlocks} usable blocks (${a.usableBytes} bytes)`,
        ),
      });
    }
    for (const spec of this.config.luns) this.createLun(spec, 'lun.create');
    this.config.workload.forEach((op, step) => {
      this.trace.step = step;
      this.state.ops.push({ step, op: op.op, outcome: this.execute(op, step) });
    });
    const luns = [...this.luns.values()];
    const used = new Set(this.diskHome.keys());
    return {
      blockSize: this.config.blockSize,
      arrays: Object.fromEntries([...this.arrays].map(([name, a]) => [name, arrayState(a)])),
      pool: this.pool ? poolState(this.pool, luns) : null,
      luns: Object.fromEntries(luns.map((l) => [l.name, lunState(l)])),
      reads: this.state.reads,
      ops: this.state.ops,
      unusedDisks: diskList(this.config).map((d) => d.id).filter((id) => !used.has(id)),
    };
  }

  private execute(op: StorageOp, step: number): OpState['outcome'] {
    const bs = this.config.blockSize;
    switch (op.op) {
      case 'write': {
        const data = payloadBytes(op);
        this.issue('host', 'host-os', op.op, op.array, msg(`lba ${op.lba}에 ${data.length}바이트 쓰기`, `write ${data.length} bytes at lba ${op.lba}`));
        return this.arrays.get(op.array)!.write(op.lba * bs, data, op.op) ? 'ok' : 'failed';
      }
      case 'read': {
        this.issue('host', 'host-os', op.op, op.array, msg(`lba ${op.lba}에서 ${op.length}바이트 읽기`, `read ${op.length} bytes at lba ${op.lba}`));
        const result = this.arrays.get(op.array)!.read(op.lba * bs, op.length, op.op);
        const read = readState({ step, array: op.array, lba: op.lba, length: op.length }, result);
        this.complete('host', 'host-os', op.op, op.array, read.lostBytes);
        this.state.reads[op.name ?? `step${step}`] = read;
        return read.ok ? 'ok' : 'lost';
      }
      case 'fail': {
        const array = this.diskHome.get(op.disk)!;
        array.fail(array.diskIndex(op.disk), op.op);
        return array.status === 'failed' ? 'lost' : 'ok';
      }
      case 'replace': {
        const array = this.diskHome.get(op.disk)!;
        array.replace(array.diskIndex(op.disk), op.op);
        return array.status === 'failed' ? 'lost' : 'ok';
      }
      case 'lun.create':
        return this.createLun({ ...op, name: op.lun }, op.op) ? 'ok' : 'failed';
      case 'lun.write': {
        const data = payloadBytes(op);
        const [actor, lane] = this.hostActor(op.host);
        this.issue(actor, lane, op.op, op.lun, msg(`LUN 블록 ${op.lba}에 ${data.length}바이트 쓰기`, `write ${data.length} bytes at LUN block ${op.lba}`));
        const lun = this.luns.get(op.lun)!;
        if (lun.write(op.host, op.lba, data, op.op)) return 'ok';
        return lun.visibleTo(op.host) ? 'failed' : 'denied';
      }
      case 'lun.read': {
        const [actor, lane] = this.hostActor(op.host);
        this.issue(actor, lane, op.op, op.lun, msg(`LUN 블록 ${op.lba}에서 ${op.length}바이트 읽기`, `read ${op.length} bytes at LUN block ${op.lba}`));
        const result = this.luns.get(op.lun)!.read(op.host, op.lba, op.length, op.op);
        const read = readState({ step, lun: op.lun, host: op.host, lba: op.lba, length: op.length }, result);
        if (result) this.complete(actor, lane, op.op, op.lun, read.lostBytes);
        this.state.reads[op.name ?? `step${step}`] = read;
        return read.denied ? 'denied' : read.ok ? 'ok' : 'lost';
      }
    }
  }

  private createLun(spec: StorageConfig['luns'][number], op: string): Lun | undefined {
    const lun = Lun.create(spec, this.luns.size, this.pool!, this.trace, op);
    if (lun) this.luns.set(lun.name, lun);
    return lun;
  }

  /** A declared VM issues from the `guest` lane; any other host from `host-os`. */
  private hostActor(host: string): [string, Lane] {
    return this.vms.has(host) ? [`vm:${host}`, 'guest'] : [`host:${host}`, 'host-os'];
  }

  private issue(actor: string, lane: Lane, op: string, subject: string, detail: Detail): void {
    this.trace.emit({ actor, lane, kind: 'issue', op, subject, detail });
  }

  private complete(actor: string, lane: Lane, op: string, subject: string, lostBytes: number): void {
    this.trace.emit({
      actor,
      lane,
      kind: 'complete',
      op,
      subject,
      outcome: lostBytes ? 'lost' : 'ok',
      detail: lostBytes ? msg(`${lostBytes}바이트 손실`, `${lostBytes} bytes lost`) : msg('모든 바이트 읽음', 'all bytes returned'),
      ...(lostBytes && {
        note: msg(`${lostBytes}바이트를 읽지 못했습니다: 데이터가 사라졌습니다.`, `${lostBytes} bytes could not be read: the data is gone.`),
      }),
    });
  }
}
