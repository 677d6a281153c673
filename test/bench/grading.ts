import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gradeSubmission } from '../../core/grading/grade.ts';
import { variantFor } from '../../core/labs/variant.ts';
import { loadLabs } from '../../functions/adapters/labs-fs.ts';
import type { Figure } from './report.ts';
import { median, percentile, round, sample } from './stats.ts';

const CONTENT = fileURLToPath(new URL('../../content', import.meta.url));

/**
 * 1. Grading one submission in the core, per lab, against the time to spawn one Node process: the floor of any
 * autograder that starts a process or container per submission.
 */
export async function gradingBench(
  runs = 200,
): Promise<{ figures: Figure[]; perLab: Record<string, { medianMs: number; p99Ms: number }> }> {
  // A bare environment: inherited variables can slow every start (NODE_EXTRA_CA_CERTS alone adds ~40 ms here, the
  // time to load a CA bundle), which would flatter the ratio with a cost no per-submission autograder must pay.
  const env = { PATH: process.env.PATH ?? '' };
  const spawn = await sample(15, () => spawnSync(process.execPath, ['-e', '0'], { env }), 2);
  const spawnMs = median(spawn);
  const labs = await loadLabs(CONTENT);
  const perLab: Record<string, { medianMs: number; p99Ms: number }> = {};
  for (const lab of labs) {
    const text = variantFor(lab, 'bench-learner').reference;
    const samples = await sample(runs, () => gradeSubmission({ lab, text, learnerId: 'bench-learner' }));
    perLab[lab.id] = { medianMs: round(median(samples)), p99Ms: round(percentile(samples, 99)) };
  }
  const worstMedian = Math.max(...Object.values(perLab).map((l) => l.medianMs));
  const worstP99 = Math.max(...Object.values(perLab).map((l) => l.p99Ms));
  const ratio = round(spawnMs / worstMedian, 1);
  return {
    perLab,
    figures: [
      {
        id: '1',
        what: `grade one submission, slowest lab median (p99 ${worstP99} ms)`,
        value: worstMedian,
        unit: 'ms',
        baseline: { what: 'spawn one node process (bare environment)', value: round(spawnMs, 1), unit: 'ms' },
        ratio,
        target: '≥ 100× faster',
        met: ratio >= 100,
      },
    ],
  };
}
