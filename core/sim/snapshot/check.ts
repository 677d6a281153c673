import { msg } from '../../i18n.ts';
import { issue, type ConfigIssue } from '../../validation.ts';
import type { SimLimits } from '../limits.ts';
import { MAX_IMAGES, type SnapshotConfig } from './schema.ts';

/**
 * Rules that span fields, checked before any work: clusters inside the disk, overlays named once and not more
 * images than the bound, a pool that holds the base, and no more ops than the limit.
 */
export function checkSnapshot(c: SnapshotConfig, limits: SimLimits): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const size = c.disk.sizeClusters;
  const outside = (path: string, n: number) =>
    out.push(
      issue(
        path,
        msg(`클러스터 ${n}은(는) 디스크 밖입니다(0–${size - 1}).`, `Cluster ${n} is outside the disk (0–${size - 1}).`),
      ),
    );
  const seen = new Set<number>();
  c.disk.data.forEach((d, i) => {
    if (d.cluster >= size) outside(`disk.data[${i}].cluster`, d.cluster);
    if (seen.has(d.cluster))
      out.push(
        issue(
          `disk.data[${i}].cluster`,
          msg(`클러스터 ${d.cluster}이(가) 두 번 나옵니다.`, `Cluster ${d.cluster} is listed twice.`),
        ),
      );
    seen.add(d.cluster);
  });
  if (c.pool && c.disk.data.length > c.pool.capacityClusters)
    out.push(
      issue(
        'pool.capacityClusters',
        msg(
          `기본 이미지의 ${c.disk.data.length}클러스터가 풀(${c.pool.capacityClusters})에 들어가지 않습니다.`,
          `The base image's ${c.disk.data.length} clusters do not fit in the pool (${c.pool.capacityClusters}).`,
        ),
      ),
    );
  if (c.ops.length > limits.maxOps)
    out.push(issue('ops', msg(`연산이 최대 ${limits.maxOps}개를 넘습니다.`, `More than ${limits.maxOps} ops.`)));
  const images = new Set([c.disk.name]);
  c.ops.forEach((op, i) => {
    if ('write' in op) {
      if (op.write >= size) outside(`ops[${i}].write`, op.write);
      if (op.bytes !== undefined && op.bytes > c.clusterSize)
        out.push(
          issue(
            `ops[${i}].bytes`,
            msg(
              `한 번의 쓰기는 클러스터 하나(${c.clusterSize}바이트) 안입니다.`,
              `One write stays within one cluster (${c.clusterSize} bytes).`,
            ),
          ),
        );
    }
    if ('read' in op && op.read >= size) outside(`ops[${i}].read`, op.read);
    if (!('snapshot' in op)) return;
    if (op.type === 'external' && op.overlay === undefined)
      out.push(
        issue(
          `ops[${i}].overlay`,
          msg('외부 스냅샷에는 새 오버레이 이름(overlay)이 필요합니다.', 'An external snapshot needs an overlay name.'),
        ),
      );
    if (op.type === 'internal' && op.overlay !== undefined)
      out.push(
        issue(
          `ops[${i}].overlay`,
          msg(
            '내부 스냅샷은 같은 파일 안에 남으므로 오버레이가 없습니다.',
            'An internal snapshot stays inside the file: it has no overlay.',
          ),
        ),
      );
    if (op.overlay === undefined || images.has(op.overlay)) return;
    images.add(op.overlay);
    if (images.size > MAX_IMAGES)
      out.push(
        issue(
          `ops[${i}].overlay`,
          msg(`이미지는 최대 ${MAX_IMAGES}개입니다.`, `At most ${MAX_IMAGES} images (base and overlays).`),
        ),
      );
  });
  return out;
}
