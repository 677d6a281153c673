import { msg } from '../../i18n.ts';
import { CLUSTER_WORK, type Image, type SnapshotRun } from './chain.ts';

/**
 * Block jobs (QEMU docs/interop/live-block-operations.rst): block-commit merges images down into a backing file and
 * leaves the images it merged invalid; block-stream copies backing data up into an overlay and leaves the images
 * below intact. Both keep what the guest reads unchanged.
 */

const qemu = { actor: 'vmm:qemu-block', lane: 'vmm' as const };

/**
 * Where `top` and `base` sit in the active chain (indices, top first), or a refusal: `top` must have a backing file
 * and `base` must be below it. Without a base, commit merges into the backing file and stream pulls the whole chain.
 */
function locate(run: SnapshotRun, top: string, base: string | undefined, op: string, whole: boolean) {
  const chain = run.chain;
  const t = chain.findIndex((i) => i.name === top);
  const b = base !== undefined ? chain.findIndex((i) => i.name === base) : whole ? chain.length : t + 1;
  if (t >= 0 && t + 1 < chain.length && b > t) return { chain, t, b };
  run.counters.failures++;
  run.emit(
    {
      ...qemu,
      kind: 'error',
      outcome: 'denied',
      detail: `chain: ${chain.map((i) => i.name).join(' → ')}`,
      note: msg(
        `'${top}'은(는) 백킹 파일이 있는 활성 체인의 이미지여야 하고${base ? `, '${base}'은(는) 그 아래에 있어야` : ''} 합니다.`,
        `'${top}' must be an image of the active chain with a backing file${base ? `, and '${base}' must be below it` : ''}.`,
      ),
    },
    op,
  );
  return undefined;
}

/** Clusters held by `images` (topmost first wins), with the data the guest sees there. */
function merged(run: SnapshotRun, images: Image[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const image of images) {
    run.trace.spend(CLUSTER_WORK * image.table.size);
    for (const [c, h] of image.table) if (!out.has(c)) out.set(c, h.data);
  }
  return out;
}

export function commit(run: SnapshotRun, top: string, baseName: string | undefined, op: string): void {
  const at = locate(run, top, baseName, op, false);
  if (!at) return;
  const above = at.chain.slice(at.t, at.b);
  const base = at.chain[at.b];
  const data = merged(run, above);
  // A cluster the base already owns alone is overwritten in place; any other needs a new host cluster.
  const fresh = [...data.keys()].filter((c) => (base.table.get(c)?.refcount ?? 0) !== 1).length;
  run.emit(
    {
      ...qemu,
      kind: 'block-commit',
      detail: `${above.map((i) => i.name).join(', ')} → ${base.name}: ${data.size} clusters, ${fresh} newly allocated`,
    },
    op,
  );
  const fix = msg(
    '커밋 전에 풀을 늘리거나, 스냅샷을 지워 클러스터를 풀어 주세요.',
    'Grow the pool, or delete snapshots to free clusters, before committing.',
  );
  if (!run.reserve(fresh, op, fix)) return;
  run.trace.spend(CLUSTER_WORK * data.size);
  for (const [c, d] of data) {
    const h = base.table.get(c);
    if (h?.refcount === 1) h.data = d;
    else {
      if (h) run.release(h);
      base.table.set(c, run.allocate(d));
    }
  }
  run.invalidate(base.name);
  const isActive = above[0].name === run.active;
  if (isActive) {
    run.emit({ ...qemu, kind: 'job-ready', detail: 'BLOCK_JOB_READY: base in sync with the active image' }, op);
    run.emit({ ...qemu, kind: 'pivot', detail: `block-job-complete: ${base.name} is now the active image` }, op);
    base.readOnly = false;
    run.active = base.name;
  } else {
    const over = at.chain[at.t - 1];
    over.backing = base.name;
    run.emit({ ...qemu, kind: 'rebase', detail: `${over.name}: backing file ${top} → ${base.name}` }, op);
  }
  for (const image of above) run.drop(image, 'invalid');
  run.emit(
    {
      ...qemu,
      kind: 'complete',
      detail: `${above.map((i) => i.name).join(', ')} invalid`,
      note: msg(
        '커밋은 데이터를 아래로 합치므로 합쳐진 이미지들은 더 이상 유효하지 않고, 백킹 파일이 바뀌었으니 거기에 걸린 스냅샷도 돌아갈 수 없습니다.',
        'Commit merges data down: the merged images are no longer valid, and the base changed, so snapshots frozen at it can no longer be returned to.',
      ),
    },
    op,
  );
}

export function stream(run: SnapshotRun, top: string, baseName: string | undefined, op: string): void {
  const at = locate(run, top, baseName, op, true);
  if (!at) return;
  const into = at.chain[at.t];
  const below = at.chain.slice(at.t + 1, at.b);
  const data = merged(run, below);
  const missing = [...data].filter(([c]) => !into.table.has(c));
  run.emit(
    {
      ...qemu,
      kind: 'block-stream',
      detail: `${below.map((i) => i.name).join(', ')} → ${into.name}: ${missing.length} clusters copied up`,
    },
    op,
  );
  const fix = msg(
    '스트림 전에 풀을 늘리세요: 스트림은 아래 이미지의 데이터를 오버레이에 복사하므로 공간을 더 씁니다.',
    'Grow the pool before streaming: stream copies the data below into the overlay, so it takes more space.',
  );
  if (!run.reserve(missing.length, op, fix)) return;
  run.trace.spend(CLUSTER_WORK * missing.length);
  for (const [c, d] of missing) into.table.set(c, run.allocate(d));
  into.backing = baseName ?? null;
  run.emit(
    {
      ...qemu,
      kind: 'complete',
      detail: `${into.name}: backing file ${into.backing ?? 'none'}`,
      note: msg(
        '스트림은 데이터를 위로 복사할 뿐이라 아래 이미지들은 그대로 유효합니다.',
        'Stream only copies data up: the images below stay valid.',
      ),
    },
    op,
  );
}
