import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gradeSubmission } from '../../../core/grading/grade.ts';
import { prepareSubmission, runPrepared } from '../../../core/grading/run.ts';
import { variantFor } from '../../../core/labs/variant.ts';
import { SIMULATORS } from '../../../core/sim/registry.ts';
import { simulate, simulateText } from '../../../core/sim/simulate.ts';
import { loadLabs } from '../../../functions/adapters/labs-fs.ts';

const labs = await loadLabs(fileURLToPath(new URL('../../../content', import.meta.url)));

/** Counts the schema validations (safeParse calls on any target's schema) made while `fn` runs. */
function validations<T>(fn: () => T): { value: T; count: number } {
  const spies = Object.values(SIMULATORS).map((s) => vi.spyOn(s.schema, 'safeParse'));
  try {
    const value = fn();
    return { value, count: spies.reduce((n, s) => n + s.mock.calls.length, 0) };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

describe('one validation per configuration', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(labs.map((l) => [l.id, l] as const))(
    '%s: prepare + run validates the submission once, and runs as simulate() does',
    (_id, lab) => {
      const v = variantFor(lab, 'learner-1');
      const text = lab.kind === 'predict' ? (v.given ?? '') : v.reference;
      const { value: run, count } = validations(() => {
        const p = prepareSubmission(v, text);
        if (!p.gradable) throw new Error(JSON.stringify(p.errors));
        return { p, sim: runPrepared(p, v) };
      });
      expect(count).toBe(1);
      expect(run.sim).toEqual(simulate(run.p.data, { seed: v.seed }));
    },
  );

  it('a warm grade of a submission validates it once', () => {
    const lab = labs.find((l) => l.id === 'hvm-boot-vtx')!;
    const v = variantFor(lab, 'learner-1');
    const grade = () => gradeSubmission({ lab, text: v.reference, learnerId: 'learner-1' });
    const first = grade();
    const { value: again, count } = validations(grade);
    expect(count).toBe(1);
    expect(again).toEqual(first);
  });

  it('simulate() and simulateText() validate once', () => {
    expect(validations(() => simulate({ target: 'server' })).count).toBe(1);
    expect(validations(() => simulateText('target: server\n')).count).toBe(1);
  });
});
