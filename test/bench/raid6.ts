import { syndromes } from '../../core/sim/storage/raid6.ts';
import type { Figure } from './report.ts';
import { median, round, sample } from './stats.ts';

/**
 * 6. RAID-6 P/Q generation throughput of the storage simulator, against copying the same bytes in memory
 * (TypedArray.set), measured in the same run.
 */
export async function raid6Bench(dataDisks = 8, unitBytes = 256 * 1024): Promise<Figure[]> {
  const data = Array.from({ length: dataDisks }, (_, d) => Uint8Array.from({ length: unitBytes }, (_, i) => (i * 31 + d * 7) & 0xff));
  const bytes = dataDisks * unitBytes;
  const pq = median(await sample(20, () => syndromes(data, unitBytes), 3));
  const target = new Uint8Array(bytes);
  const copy = median(
    await sample(20, () => {
      for (let d = 0; d < dataDisks; d++) target.set(data[d], d * unitBytes);
    }, 3),
  );
  const mbps = (ms: number) => round(bytes / 1e6 / (ms / 1000), 0);
  return [
    {
      id: '6',
      what: `RAID-6 P+Q generation (${dataDisks} data disks × ${unitBytes / 1024} KiB)`,
      value: mbps(pq),
      unit: 'MB/s',
      baseline: { what: 'memory copy of the same bytes', value: mbps(copy), unit: 'MB/s' },
      ratio: round(mbps(pq) / mbps(copy), 3),
      target: 'report (within a small factor of memory speed)',
      met: null,
    },
  ];
}
