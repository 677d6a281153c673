import { msg } from '../../i18n.ts';
import type { OpHandlers } from '../op-union.ts';
import { dispatch } from '../op-union.ts';
import type { Trace } from '../trace.ts';
import { CLUSTER_WORK, SnapshotRun, type Image } from './chain.ts';
import { commit, stream } from './jobs.ts';
import {
  MAX_SNAPSHOTS,
  SNAPSHOT_OP_KEYS,
  type SnapshotConfig,
  type SnapshotOp,
  type SnapshotOpKind,
} from './schema.ts';
import type { SnapshotEntry, SnapshotState } from './state.ts';

const guest = (run: SnapshotRun) => ({ actor: `guest:${run.config.vm.name}`, lane: 'guest' as const });
const libvirt = { actor: 'host:libvirt', lane: 'host-os' as const };

/** Guest I/O while the VM is paused (after ENOSPC) does not happen: QEMU stopped the vCPUs. */
function paused(run: SnapshotRun, op: string): boolean {
  if (run.vm.status === 'running') return false;
  run.counters.failures++;
  run.emit({ ...guest(run), kind: 'error', outcome: 'denied', detail: 'VM paused', note: run.vm.reason! }, op);
  return true;
}

function refuse(run: SnapshotRun, op: string, ko: string, en: string): void {
  run.counters.failures++;
  run.emit({ ...libvirt, kind: 'error', outcome: 'denied', note: msg(ko, en) }, op);
}

/** The guest's write to cluster `c` in the active image: in place, or copy on write into a new cluster. */
function write(run: SnapshotRun, c: number, data: string, bytes: number, op: string): void {
  const top = run.chain[0];
  const own = top.table.get(c);
  const cs = run.config.clusterSize;
  if (own?.refcount === 1) {
    own.data = data;
    run.emit({ actor: `image:${top.name}`, lane: 'hardware', kind: 'write', detail: `cluster ${c}: in place` }, op);
    return;
  }
  // Partial writes need the rest of the cluster: from the shared cluster itself, or from the chain below.
  const source = own ? top : bytes < cs ? run.lookup(run.chain.slice(1), c, op) : undefined;
  const fix = msg(
    '풀을 늘리거나, 체인을 커밋하고 스냅샷을 지워 공간을 확보한 뒤 VM을 재개하세요.',
    'Grow the pool, or commit the chain and delete snapshots to free space, then resume the VM.',
  );
  if (!run.reserve(1, op, fix)) {
    run.vm = {
      ...run.vm,
      status: 'paused',
      reason: msg(
        'ENOSPC 쓰기 오류로 QEMU가 VM을 멈췄습니다(기본 werror=enospc).',
        'QEMU paused the VM on an ENOSPC write error (default werror=enospc).',
      ),
    };
    return;
  }
  if (own) run.release(own);
  top.table.set(c, run.allocate(data));
  const copied = bytes < cs && source ? cs - bytes : 0;
  if (copied) run.counters.cowCopies++;
  run.emit(
    {
      actor: `image:${top.name}`,
      lane: 'hardware',
      kind: own ? 'cow' : 'allocate',
      detail:
        `cluster ${c}: new cluster${own ? ` (refcount ${own.refcount + 1} shared with a snapshot)` : ''}` +
        (copied ? `, ${copied} bytes copied from ${source!.name}` : ''),
      note: copied
        ? msg(
            `부분 쓰기(${bytes}/${cs}바이트)라 클러스터의 나머지를 '${source!.name}'에서 복사한 뒤 씁니다(copy on write).`,
            `A partial write (${bytes} of ${cs} bytes): the rest of the cluster is copied from '${source!.name}' first (copy on write).`,
          )
        : undefined,
    },
    op,
  );
}

function takeSnapshot(run: SnapshotRun, op: Extract<SnapshotOp, { snapshot: string }>, name: string): void {
  if (run.snapshots.has(op.snapshot))
    return refuse(run, name, `스냅샷 '${op.snapshot}'이(가) 이미 있습니다.`, `Snapshot '${op.snapshot}' exists.`);
  if (run.snapshots.size >= MAX_SNAPSHOTS)
    return refuse(
      run,
      name,
      `스냅샷은 한 번에 ${MAX_SNAPSHOTS}개까지입니다(시뮬레이터 한도).`,
      `At most ${MAX_SNAPSHOTS} snapshots at once (a simulator bound).`,
    );
  if (op.type === 'external' && run.images.get(op.overlay!)?.gone === null)
    return refuse(run, name, `이미지 '${op.overlay}'이(가) 이미 있습니다.`, `Image '${op.overlay}' exists.`);
  if (op.quiesce && !run.config.vm.guestAgent) {
    run.counters.failures++;
    run.emit(
      {
        ...libvirt,
        kind: 'error',
        outcome: 'failed',
        detail: 'quiesce: no guest agent',
        note: msg(
          '정지(quiesce)는 게스트 에이전트에게 파일 시스템을 얼려 달라고(fsfreeze) 부탁하는 것이라, 에이전트 없이는 스냅샷이 거부됩니다.',
          'Quiescing asks the guest agent to freeze the file systems (fsfreeze): without an agent the snapshot is refused.',
        ),
        fix: msg(
          'vm.guestAgent를 켜거나(qemu-guest-agent 설치), quiesce 없이 크래시 일관성 스냅샷을 찍으세요.',
          'Turn on vm.guestAgent (install qemu-guest-agent), or take a crash-consistent snapshot without quiesce.',
        ),
      },
      name,
    );
    return;
  }
  if (op.quiesce)
    run.emit({ actor: 'guest:agent', lane: 'guest', kind: 'fsfreeze', detail: 'guest-fsfreeze-freeze' }, name);
  if (op.memory)
    run.emit({ actor: 'vmm:qemu', lane: 'vmm', kind: 'vmstate', detail: 'RAM and device state saved' }, name);
  const top = run.chain[0];
  if (op.type === 'external') {
    top.readOnly = true;
    run.addImage(op.overlay!, top.name);
    run.active = op.overlay!;
    run.emit(
      {
        ...libvirt,
        kind: 'snapshot',
        detail: `blockdev-snapshot-sync: ${op.overlay} (backing ${top.name}, now read-only)`,
      },
      name,
    );
  } else {
    run.trace.spend(CLUSTER_WORK * top.table.size);
    for (const h of top.table.values()) h.refcount++;
    top.internal.push({ name: op.snapshot, table: new Map(top.table) });
    run.emit(
      {
        ...libvirt,
        kind: 'snapshot',
        detail: `${top.name}: L1 copied to the snapshot table, ${top.table.size} refcounts +1`,
      },
      name,
    );
  }
  if (op.quiesce)
    run.emit({ actor: 'guest:agent', lane: 'guest', kind: 'fsthaw', detail: 'guest-fsfreeze-thaw' }, name);
  run.snapshots.set(op.snapshot, {
    type: op.type,
    image: top.name,
    overlay: op.type === 'external' ? op.overlay! : null,
    memory: op.memory,
    consistency: op.memory ? 'with-memory' : op.quiesce ? 'quiesced' : 'crash-consistent',
    valid: true,
  });
}

/** The guest's memory comes back with the disk only if the snapshot saved it; otherwise the guest boots from disk. */
function resume(run: SnapshotRun, s: SnapshotEntry, name: string): void {
  run.vm = { ...run.vm, status: 'running', reason: null };
  run.emit(
    {
      actor: 'vmm:qemu',
      lane: 'vmm',
      kind: s.memory ? 'vmstate' : 'boot',
      detail: s.memory ? 'RAM and device state restored' : 'disk only: the guest boots from the reverted disk',
    },
    name,
  );
}

function revert(run: SnapshotRun, snap: string, name: string): void {
  const s = run.snapshots.get(snap);
  if (!s?.valid)
    return refuse(
      run,
      name,
      `돌아갈 수 있는 스냅샷 '${snap}'이(가) 없습니다${s ? ' (커밋·스트림·되돌리기로 무효가 되었습니다)' : ''}.`,
      `No snapshot '${snap}' to return to${s ? ' (a commit, stream or revert made it invalid)' : ''}.`,
    );
  const image = run.image(s.image)!;
  if (s.type === 'internal') {
    if (image.name !== run.active)
      return refuse(
        run,
        name,
        `내부 스냅샷 '${snap}'은(는) 활성 이미지가 아닌 '${image.name}'에 있습니다.`,
        `Internal snapshot '${snap}' is in '${image.name}', not in the active image.`,
      );
    const table = image.internal.find((i) => i.name === snap)!.table;
    run.releaseTable(image.table);
    run.trace.spend(CLUSTER_WORK * table.size);
    for (const [c, h] of table) {
      h.refcount++;
      image.table.set(c, h);
    }
    run.emit({ ...libvirt, kind: 'revert', detail: `${image.name}: L1 ← snapshot table entry ${snap}` }, name);
  } else {
    // Everything on the active chain that is not below the frozen image is thrown away, then a fresh overlay goes on.
    const keep = new Set(run.chainFrom(image.name).map((i) => i.name));
    const discard = run.chain.filter((i) => !keep.has(i.name));
    const old = run.images.get(s.overlay!);
    if (old && !old.gone && !discard.includes(old)) discard.push(old);
    for (const i of discard) run.drop(i, 'discarded');
    run.addImage(s.overlay!, image.name);
    run.active = s.overlay!;
    run.emit(
      {
        ...libvirt,
        kind: 'revert',
        detail: `discard ${discard.map((i) => i.name).join(', ') || 'nothing'}; new overlay ${s.overlay} on ${image.name}`,
      },
      name,
    );
  }
  resume(run, s, name);
}

function remove(run: SnapshotRun, snap: string, name: string): void {
  const s = run.snapshots.get(snap);
  if (!s) return refuse(run, name, `스냅샷 '${snap}'이(가) 없습니다.`, `No snapshot '${snap}'.`);
  run.snapshots.delete(snap);
  if (s.type === 'external') {
    run.emit(
      {
        ...libvirt,
        kind: 'delete',
        detail: 'metadata only',
        note: msg(
          '외부 스냅샷의 메타데이터만 지웁니다: 이미지 체인은 그대로이니 커밋이나 스트림으로 합치세요.',
          'Only the external snapshot’s metadata goes: the image chain stays; merge it with commit or stream.',
        ),
      },
      name,
    );
    return;
  }
  const image = run.image(s.image)!;
  const entry = image.internal.find((i) => i.name === snap)!;
  const before = run.used;
  run.releaseTable(entry.table);
  image.internal = image.internal.filter((i) => i !== entry);
  run.emit(
    { ...libvirt, kind: 'delete', detail: `${image.name}: refcounts −1, ${before - run.used} clusters freed` },
    name,
  );
}

const HANDLERS: OpHandlers<SnapshotRun, SnapshotOp, SnapshotOpKind> = {
  write(run, op) {
    if (paused(run, run.op)) return;
    run.counters.writes++;
    const bytes = op.bytes ?? run.config.clusterSize;
    run.emit(
      { ...guest(run), kind: 'issue', detail: `write cluster ${op.write} (${bytes} bytes): ${op.data}` },
      run.op,
    );
    write(run, op.write, op.data, bytes, run.op);
  },
  read(run, op) {
    if (paused(run, run.op)) return;
    run.counters.reads++;
    run.emit({ ...guest(run), kind: 'issue', detail: `read cluster ${op.read}` }, run.op);
    const hit = run.lookup(run.chain, op.read, run.op);
    run.emit(
      {
        ...guest(run),
        kind: 'complete',
        detail: hit ? `${hit.table.get(op.read)!.data} (from ${hit.name})` : 'zeros (no image has it)',
      },
      run.op,
    );
  },
  snapshot: (run, op) => takeSnapshot(run, op, run.op),
  commit: (run, op) => commit(run, op.commit, op.base, run.op),
  stream: (run, op) => stream(run, op.stream, op.base, run.op),
  revert: (run, op) => revert(run, op.revert, run.op),
  delete: (run, op) => remove(run, op.delete, run.op),
};

export function runSnapshot(config: SnapshotConfig, trace: Trace): SnapshotState {
  const run = new SnapshotRun(config, trace);
  run.emit(
    {
      actor: `image:${config.disk.name}`,
      lane: 'hardware',
      kind: 'create',
      detail: `${config.disk.sizeClusters} clusters of ${config.clusterSize} bytes, ${config.disk.data.length} allocated`,
    },
    'image.create',
  );
  config.ops.forEach((op, step) => {
    trace.step = step;
    const kind = SNAPSHOT_OP_KEYS.find((k) => k in op)!;
    run.op = `snap.${kind}`;
    dispatch(SNAPSHOT_OP_KEYS, HANDLERS, run, op);
  });
  return snapshotState(run);
}

const allocated = (image: Image): number =>
  new Set([image.table, ...image.internal.map((i) => i.table)].flatMap((t) => [...t.values()])).size;

export function snapshotState(run: SnapshotRun): SnapshotState {
  const { config } = run;
  const chain = run.chain;
  const inChain = new Set(chain.map((i) => i.name));
  const guestView: Record<string, string> = {};
  for (const image of [...chain].reverse()) for (const [c, h] of image.table) guestView[c] = h.data;
  const images = Object.fromEntries(
    [...run.images.values()].map((i) => {
      const n = allocated(i);
      return [
        i.name,
        {
          status: run.status(i, inChain),
          backing: i.backing,
          readOnly: i.readOnly,
          virtualClusters: config.disk.sizeClusters,
          virtualBytes: config.disk.sizeClusters * config.clusterSize,
          allocatedClusters: n,
          allocatedBytes: n * config.clusterSize,
          clusters: Object.fromEntries([...i.table].sort(([a], [b]) => a - b).map(([c, h]) => [c, h.data])),
          internalSnapshots: i.internal.map((s) => s.name),
        },
      ];
    }),
  );
  const pool = config.pool;
  return {
    vm: run.vm,
    clusterSize: config.clusterSize,
    active: run.active,
    chain: chain.map((i) => i.name),
    images,
    snapshots: Object.fromEntries(run.snapshots),
    pool: pool
      ? {
          name: pool.name,
          capacityClusters: pool.capacityClusters,
          usedClusters: run.used,
          freeClusters: pool.capacityClusters - run.used,
        }
      : null,
    guestView,
    counters: run.counters,
  };
}
