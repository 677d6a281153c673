import { msg } from '../../i18n.ts';
import type { Detail, Lane, Trace } from '../trace.ts';
import { RaidArray } from './array.ts';
import { Lun } from './lun.ts';
import { Pool } from './pool.ts';
import { diskList, payloadBytes, type StorageConfig, type StorageOp } from './schema.ts';
import { arrayState, lunState, poolState, readState, type OpState, type StorageState } from './state.ts';

/** Everything a storage run holds between two ops: what each handler reads and changes. */
export interface StorageRun {
  config: StorageConfig;
  trace: Trace;
  arrays: Map<string, RaidArray>;
  /** The array each disk belongs to. */
  diskHome: Map<string, RaidArray>;
  pool: Pool | undefined;
  luns: Map<string, Lun>;
  reads: StorageState['reads'];
  ops: OpState[];
  /** Hosts declared as VMs: they issue from the `guest` lane. */
  vms: Set<string>;
}

/** Build the arrays and the pool, announce each array and carve the configured LUNs (setup, step -1). */
export function startStorage(config: StorageConfig, trace: Trace): StorageRun {
  const disks = new Map(diskList(config).map((d) => [d.id, d]));
  const arrays = new Map<string, RaidArray>();
  const diskHome = new Map<string, RaidArray>();
  for (const spec of config.arrays) {
    const members = spec.disks.map((id) => ({ id, bytes: disks.get(id)!.sizeBlocks * config.blockSize }));
    const array = new RaidArray(spec.name, spec.level, members, config.blockSize, trace);
    arrays.set(spec.name, array);
    spec.disks.forEach((id) => diskHome.set(id, array));
  }
  const run: StorageRun = {
    config,
    trace,
    arrays,
    diskHome,
    pool:
      config.pool &&
      new Pool(
        config.pool.name,
        config.pool.arrays.map((a) => arrays.get(a)!),
      ),
    luns: new Map(),
    reads: {},
    ops: [],
    vms: new Set((config.hosts ?? []).filter((h) => h.kind === 'vm').map((h) => h.name)),
  };
  trace.step = -1;
  for (const a of arrays.values()) {
    trace.emit({
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
  for (const spec of config.luns) createLun(run, spec, 'lun.create');
  return run;
}

type OpKind = StorageOp['op'];
type OpOf<K extends OpKind> = Extract<StorageOp, { op: K }>;
type Handler<K extends OpKind> = (run: StorageRun, op: OpOf<K>, step: number) => OpState['outcome'];
type Handlers = { [K in OpKind]: Handler<K> };

/** One handler per op; each returns what became of it. */
export const STORAGE_HANDLERS = {
  write(run, op) {
    const data = payloadBytes(op);
    issue(
      run,
      'host',
      'host-os',
      op.op,
      op.array,
      msg(`lba ${op.lba}에 ${data.length}바이트 쓰기`, `write ${data.length} bytes at lba ${op.lba}`),
    );
    return run.arrays.get(op.array)!.write(op.lba * run.config.blockSize, data, op.op) ? 'ok' : 'failed';
  },
  read(run, op, step) {
    issue(
      run,
      'host',
      'host-os',
      op.op,
      op.array,
      msg(`lba ${op.lba}에서 ${op.length}바이트 읽기`, `read ${op.length} bytes at lba ${op.lba}`),
    );
    const result = run.arrays.get(op.array)!.read(op.lba * run.config.blockSize, op.length, op.op);
    const read = readState({ step, array: op.array, lba: op.lba, length: op.length }, result);
    complete(run, 'host', 'host-os', op.op, op.array, read.lostBytes);
    run.reads[op.name ?? `step${step}`] = read;
    return read.ok ? 'ok' : 'lost';
  },
  fail(run, op) {
    const array = run.diskHome.get(op.disk)!;
    array.fail(array.diskIndex(op.disk), op.op);
    return array.status === 'failed' ? 'lost' : 'ok';
  },
  replace(run, op) {
    const array = run.diskHome.get(op.disk)!;
    array.replace(array.diskIndex(op.disk), op.op);
    return array.status === 'failed' ? 'lost' : 'ok';
  },
  'lun.create': (run, op) => (createLun(run, { ...op, name: op.lun }, op.op) ? 'ok' : 'failed'),
  'lun.write'(run, op) {
    const data = payloadBytes(op);
    const [actor, lane] = hostActor(run, op.host);
    issue(
      run,
      actor,
      lane,
      op.op,
      op.lun,
      msg(`LUN 블록 ${op.lba}에 ${data.length}바이트 쓰기`, `write ${data.length} bytes at LUN block ${op.lba}`),
    );
    const lun = run.luns.get(op.lun)!;
    if (lun.write(op.host, op.lba, data, op.op)) return 'ok';
    return lun.visibleTo(op.host) ? 'failed' : 'denied';
  },
  'lun.read'(run, op, step) {
    const [actor, lane] = hostActor(run, op.host);
    issue(
      run,
      actor,
      lane,
      op.op,
      op.lun,
      msg(`LUN 블록 ${op.lba}에서 ${op.length}바이트 읽기`, `read ${op.length} bytes at LUN block ${op.lba}`),
    );
    const result = run.luns.get(op.lun)!.read(op.host, op.lba, op.length, op.op);
    const read = readState({ step, lun: op.lun, host: op.host, lba: op.lba, length: op.length }, result);
    if (result) complete(run, actor, lane, op.op, op.lun, read.lostBytes);
    run.reads[op.name ?? `step${step}`] = read;
    return read.denied ? 'denied' : read.ok ? 'ok' : 'lost';
  },
} satisfies Handlers;

function handle<K extends OpKind>(run: StorageRun, kind: K, op: OpOf<K>, step: number): OpState['outcome'] {
  const handlers: Handlers = STORAGE_HANDLERS;
  return handlers[kind](run, op, step);
}

/** Run one op through its handler and record its outcome. */
export function step(run: StorageRun, op: StorageOp, i: number): void {
  run.ops.push({ step: i, op: op.op, outcome: handle(run, op.op, op, i) });
}

/**
 * The `storage` target's run: disks → RAID arrays → a pool → LUNs presented to hosts, driven by a workload of reads,
 * writes, disk failures and replacements. Blocks hold real bytes, so "the data survived" is checked, not assumed.
 */
export function runStorage(config: StorageConfig, trace: Trace): StorageState {
  const run = startStorage(config, trace);
  config.workload.forEach((op, i) => {
    trace.step = i;
    step(run, op, i);
  });
  return storageState(run);
}

export function storageState(run: StorageRun): StorageState {
  const luns = [...run.luns.values()];
  const used = new Set(run.diskHome.keys());
  return {
    blockSize: run.config.blockSize,
    arrays: Object.fromEntries([...run.arrays].map(([name, a]) => [name, arrayState(a)])),
    pool: run.pool ? poolState(run.pool, luns) : null,
    luns: Object.fromEntries(luns.map((l) => [l.name, lunState(l)])),
    reads: run.reads,
    ops: run.ops,
    unusedDisks: diskList(run.config)
      .map((d) => d.id)
      .filter((id) => !used.has(id)),
  };
}

function createLun(run: StorageRun, spec: StorageConfig['luns'][number], op: string): Lun | undefined {
  const lun = Lun.create(spec, run.luns.size, run.pool!, run.trace, op);
  if (lun) run.luns.set(lun.name, lun);
  return lun;
}

/** A declared VM issues from the `guest` lane; any other host from `host-os`. */
const hostActor = (run: StorageRun, host: string): [string, Lane] =>
  run.vms.has(host) ? [`vm:${host}`, 'guest'] : [`host:${host}`, 'host-os'];

function issue(run: StorageRun, actor: string, lane: Lane, op: string, subject: string, detail: Detail): void {
  run.trace.emit({ actor, lane, kind: 'issue', op, subject, detail });
}

function complete(run: StorageRun, actor: string, lane: Lane, op: string, subject: string, lostBytes: number): void {
  run.trace.emit({
    actor,
    lane,
    kind: 'complete',
    op,
    subject,
    outcome: lostBytes ? 'lost' : 'ok',
    detail: lostBytes
      ? msg(`${lostBytes}바이트 손실`, `${lostBytes} bytes lost`)
      : msg('모든 바이트 읽음', 'all bytes returned'),
    ...(lostBytes && {
      note: msg(
        `${lostBytes}바이트를 읽지 못했습니다: 데이터가 사라졌습니다.`,
        `${lostBytes} bytes could not be read: the data is gone.`,
      ),
    }),
  });
}
