import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gradeSubmission } from '../../core/grading/grade.ts';
import { prepareSubmission } from '../../core/grading/run.ts';
import { variantFor } from '../../core/labs/variant.ts';
import { SIM_LIMITS } from '../../core/sim/limits.ts';
import { SIMULATORS } from '../../core/sim/registry.ts';
import type { AnySimulator } from '../../core/sim/target.ts';
import { Trace, WorkLimitExceeded } from '../../core/sim/trace.ts';
import { loadLabs } from '../../functions/adapters/labs-fs.ts';
import type { Figure } from './report.ts';
import { median, percentile, round, sample } from './stats.ts';

const CONTENT = fileURLToPath(new URL('../../content', import.meta.url));

/**
 * 1. Grading one submission in the core, per lab, against the time to spawn one Node process: the floor of any
 * autograder that starts a process or container per submission.
 */
export async function gradingBench(runs = 200): Promise<{
  figures: Figure[];
  perLab: Record<string, { medianMs: number; p99Ms: number }>;
  floorPerLab: Record<string, { gradeMs: number; floorMs: number; ratio: number }>;
}> {
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
  const floorPerLab = gradeVsFloor(labs, runs);
  const worstFloor = Object.entries(floorPerLab).sort(([, a], [, b]) => b.ratio - a.ratio)[0];
  const worstMedian = Math.max(...Object.values(perLab).map((l) => l.medianMs));
  const worstP99 = Math.max(...Object.values(perLab).map((l) => l.p99Ms));
  const ratio = round(spawnMs / worstMedian, 1);
  return {
    perLab,
    floorPerLab,
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
      {
        id: '1',
        what: `grade one submission against its floor, furthest lab (${worstFloor[0]}; all labs ${Math.min(...Object.values(floorPerLab).map((l) => l.ratio))}–${worstFloor[1].ratio}×)`,
        value: worstFloor[1].gradeMs,
        unit: 'ms',
        baseline: {
          what: 'floor: JSON.parse of the same configuration + the simulation run, nothing validated',
          value: worstFloor[1].floorMs,
          unit: 'ms',
        },
        ratio: worstFloor[1].ratio,
        target: '≤ 2.5× the floor',
        met: worstFloor[1].ratio <= 2.5,
      },
    ],
  };
}

/**
 * Each lab's grade of its reference answer against the least any grader must do with it: parse the configuration
 * (as JSON, the cheapest text) and run the simulation, with no limits checked, no validation and no checks. The
 * two are timed in turns, sample by sample, so both see the same load.
 */
function gradeVsFloor(
  labs: Awaited<ReturnType<typeof loadLabs>>,
  runs: number,
): Record<string, { gradeMs: number; floorMs: number; ratio: number }> {
  const out: Record<string, { gradeMs: number; floorMs: number; ratio: number }> = {};
  for (const lab of labs) {
    const v = variantFor(lab, 'bench-learner');
    const text = v.reference;
    const p = prepareSubmission(v, lab.kind === 'predict' ? (v.given ?? '') : text);
    if (!p.gradable) continue;
    const json = JSON.stringify(p.valid);
    const simulator: AnySimulator = SIMULATORS[lab.target];
    const floor = () => {
      const trace = new Trace(SIM_LIMITS, simulator.eventWork);
      try {
        return simulator.run(JSON.parse(json), trace, { seed: v.seed, limits: SIM_LIMITS });
      } catch (err) {
        if (!(err instanceof WorkLimitExceeded)) throw err;
        return null;
      }
    };
    const grade = () => gradeSubmission({ lab, text, learnerId: 'bench-learner' });
    const g: number[] = [];
    const f: number[] = [];
    for (let i = 0; i < 20; i++) {
      grade();
      floor();
    }
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      grade();
      g.push(performance.now() - t);
      t = performance.now();
      floor();
      f.push(performance.now() - t);
    }
    const gradeMs = median(g);
    const floorMs = median(f);
    out[lab.id] = { gradeMs: round(gradeMs), floorMs: round(floorMs), ratio: round(gradeMs / floorMs, 2) };
  }
  return out;
}
