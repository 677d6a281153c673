import { syndromes } from '../../core/sim/storage/raid6.ts';
import type { Figure } from './report.ts';
import { median, round, sample } from './stats.ts';

/**
 * 6. RAID-6 P/Q generation throughput of the storage simulator. Two baselines over the same bytes, in the same run:
 * a native memory copy (TypedArray.set: the machine's memory speed) and the plainest JavaScript pass that reads
 * every byte once (XOR of 32-bit words, i.e. P alone) — the floor for any parity written in JavaScript.
 */
export async function raid6Bench(dataDisks = 8, unitBytes = 256 * 1024): Promise<Figure[]> {
  const data = Array.from({ length: dataDisks }, (_, d) =>
    Uint8Array.from({ length: unitBytes }, (_, i) => (i * 31 + d * 7) & 0xff),
  );
  const bytes = dataDisks * unitBytes;
  const pq = median(await sample(30, () => syndromes(data, unitBytes), 5));
  const target = new Uint8Array(bytes);
  const copy = median(
    await sample(
      30,
      () => {
        for (let d = 0; d < dataDisks; d++) target.set(data[d], d * unitBytes);
      },
      5,
    ),
  );
  const wordsOf = data.map((d) => new Uint32Array(d.buffer));
  const xor = median(
    await sample(
      30,
      () => {
        const out = new Uint32Array(unitBytes / 4);
        for (const w of wordsOf) for (let i = 0; i < w.length; i++) out[i] ^= w[i];
        return out;
      },
      5,
    ),
  );
  const mbps = (ms: number) => round(bytes / 1e6 / (ms / 1000), 0);
  return [
    {
      id: '6',
      what: `RAID-6 P+Q generation (${dataDisks} data disks × ${unitBytes / 1024} KiB); native memory copy ${mbps(copy)} MB/s`,
      value: mbps(pq),
      unit: 'MB/s',
      baseline: { what: 'one JavaScript XOR pass over the same bytes', value: mbps(xor), unit: 'MB/s' },
      ratio: round(mbps(pq) / mbps(xor), 2),
      target: 'report (within a small factor of memory speed)',
      met: null,
    },
  ];
}
