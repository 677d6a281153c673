import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syndromes } from '../../core/sim/storage/raid6.ts';
import type { Figure } from './report.ts';
import { round, sample } from './stats.ts';

/** Runs of each loop, after `sample`'s 20 untimed ones (enough for V8 to settle on its optimized code). */
const RUNS = 100;
/**
 * The fastest of the runs, for each of the figure's loops alike (JavaScript and C): a pass takes about a millisecond,
 * so on a shared machine a median mostly measures who else had the cores; the fastest run is the least disturbed.
 */
const fastest = (samples: readonly number[]) => Math.min(...samples);

/**
 * 6. RAID-6 P/Q generation throughput of the storage simulator. Two baselines over the same bytes, in the same run:
 * a native memory copy (TypedArray.set: the machine's memory speed) and the plainest JavaScript pass that reads
 * every byte once (XOR of 32-bit words into one preallocated array, i.e. P alone) — the floor for any parity written
 * in JavaScript. Where a C compiler is installed (`cc`), a third: P and Q in plain C with 64-bit SWAR words
 * (raid6-swar.c, Linux's int.uc way, not vectorized), the figure’s target being ≥ 0.35× of it.
 */
export async function raid6Bench(dataDisks = 8, unitBytes = 256 * 1024): Promise<Figure[]> {
  const data = Array.from({ length: dataDisks }, (_, d) =>
    Uint8Array.from({ length: unitBytes }, (_, i) => (i * 31 + d * 7) & 0xff),
  );
  const bytes = dataDisks * unitBytes;
  const pq = fastest(await sample(RUNS, () => syndromes(data, unitBytes)));
  const target = new Uint8Array(bytes);
  const copy = fastest(
    await sample(RUNS, () => {
      for (let d = 0; d < dataDisks; d++) target.set(data[d], d * unitBytes);
    }),
  );
  const wordsOf = data.map((d) => new Uint32Array(d.buffer));
  const out = new Uint32Array(unitBytes / 4);
  const xor = fastest(
    await sample(RUNS, () => {
      out.set(wordsOf[0]);
      for (let d = 1; d < wordsOf.length; d++) {
        const w = wordsOf[d];
        for (let i = 0; i < w.length; i++) out[i] ^= w[i];
      }
      return out;
    }),
  );
  const native = nativeMBps(dataDisks, unitBytes);
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
    ...(native === undefined
      ? []
      : [
          {
            id: '6',
            what: `RAID-6 P+Q generation, the same bytes, against plain C (64-bit SWAR words, cc -O2, not vectorized)`,
            value: mbps(pq),
            unit: 'MB/s',
            baseline: { what: 'raid6-swar.c', value: round(native, 0), unit: 'MB/s' },
            ratio: round(mbps(pq) / native, 2),
            target: '≥ 0.35× the C loop',
            met: mbps(pq) / native >= 0.35,
          },
        ]),
  ];
}

/** MB/s of raid6-swar.c over the same bytes, or undefined when no C compiler is installed. */
function nativeMBps(dataDisks: number, unitBytes: number): number | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'virtlab-bench-raid6-'));
  try {
    const exe = join(dir, 'raid6-swar');
    const source = fileURLToPath(new URL('raid6-swar.c', import.meta.url));
    execFileSync('cc', ['-O2', '-fno-tree-vectorize', '-o', exe, source], { stdio: 'ignore' });
    return Number(
      execFileSync(exe, [String(dataDisks), String(unitBytes), String(RUNS)])
        .toString()
        .split(' ')[0],
    );
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
