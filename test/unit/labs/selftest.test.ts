import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadLabs } from '../../../functions/adapters/labs-fs.ts';
import { selfTest } from '../../../core/grading/selftest.ts';

const contentDir = fileURLToPath(new URL('../../../content/', import.meta.url));
const labs = await loadLabs(contentDir);

describe('every lab in content/labs proves itself', () => {
  it('loads at least one lab, each with a starter, a reference and wrong fixtures', () => {
    expect(labs.length).toBeGreaterThan(0);
    for (const lab of labs) expect(lab.fixtures.filter((f) => f.gradable).length, lab.id).toBeGreaterThan(0);
  });

  it('every check is failed by some fixture, so a check that stops catching its mistake is noticed', () => {
    const uncovered = labs.flatMap((lab) => {
      const failed = new Set(lab.fixtures.flatMap((f) => f.fails));
      return lab.checks.filter((c) => !failed.has(c.id)).map((c) => `${lab.id}/${c.id}`);
    });
    expect(uncovered).toEqual([]);
  });

  for (const lab of labs) {
    it(`${lab.id}: reference full marks for several learners, starter short of it, fixtures fail exactly as named`, () => {
      const report = selfTest(lab);
      const failures = report.findings.filter((f) => !f.ok).map((f) => `${f.subject} [${f.learnerId}]: ${f.detail}`);
      expect(failures).toEqual([]);
    });
  }
});
