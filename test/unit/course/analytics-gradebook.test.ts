import { describe, it, expect } from 'vitest';
import { labAnalytics } from '../../../core/course/analytics.ts';
import { buildGradebook, gradebookRecords } from '../../../core/course/gradebook.ts';
import type { Submission } from '../../../core/course/submission.ts';

let n = 0;
function graded(learnerId: string, labId: string, checks: Record<string, boolean>): Submission {
  const id = String(++n).padStart(4, '0');
  const list = Object.entries(checks).map(([cid, passed]) => ({
    id: cid,
    passed,
    points: passed ? 1 : 0,
    maxPoints: 1,
  }));
  const score = Math.round((list.filter((c) => c.passed).length / list.length) * 100);
  return {
    id,
    learnerId,
    labId,
    format: 'yaml',
    config: '',
    status: 'graded',
    queuedAt: `2026-01-01T00:00:00.${id.slice(1)}Z`,
    claims: 1,
    result: { gradable: true, rawScore: score, score, penaltyPercent: 0, checks: list, errors: [] },
  };
}

describe('lab analytics', () => {
  const subs = [
    graded('a', 'lab1', { boots: true, hvm: false }),
    graded('a', 'lab1', { boots: true, hvm: true }),
    graded('b', 'lab1', { boots: false, hvm: false }),
    graded('b', 'lab2', { x: true }),
  ];

  it('computes each check’s pass rate over all graded attempts of the lab', () => {
    const a = labAnalytics('lab1', subs);
    expect(a.attempts).toBe(3);
    expect(a.checks).toEqual([
      { checkId: 'boots', passed: 2, total: 3, rate: 0.667 },
      { checkId: 'hvm', passed: 1, total: 3, rate: 0.333 },
    ]);
    expect(a.mostFailed).toBe('hvm');
  });

  it('puts each learner’s counting score in a ten-bucket histogram', () => {
    const a = labAnalytics('lab1', subs);
    // a's best is 100 (last bucket), b's is 0 (first bucket).
    expect(a.histogram).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(a.learners).toBe(2);
  });

  it('names no most-failed check when nothing failed, and handles a lab without attempts', () => {
    expect(labAnalytics('lab2', subs).mostFailed).toBeUndefined();
    expect(labAnalytics('lab3', subs)).toEqual({
      labId: 'lab3',
      attempts: 0,
      learners: 0,
      checks: [],
      histogram: new Array(10).fill(0),
      misconceptions: [],
    });
  });
});

describe('gradebook', () => {
  it('has a row per learner (sorted) and a cell per lab, averaging missing labs as 0', () => {
    const subs = [
      graded('b', 'lab1', { c: true }),
      graded('a', 'lab1', { c: false, d: true }),
      graded('a', 'lab2', { c: true }),
    ];
    const book = buildGradebook(['lab1', 'lab2'], [{ id: 'b' }, { id: 'a' }, { id: 'z' }], subs);
    expect(book.rows.map((r) => r.learnerId)).toEqual(['a', 'b', 'z']);
    expect(book.rows[0].cells.map((c) => c?.score)).toEqual([50, 100]);
    expect(book.rows[0].average).toBe(75);
    expect(book.rows[1].cells[1]).toBeNull();
    expect(book.rows[1].average).toBe(50);
    expect(book.rows[2]).toEqual({ learnerId: 'z', cells: [null, null], average: 0 });
  });

  it('marks overrides and late work in the CSV records', () => {
    const s = graded('a', 'lab1', { c: true });
    s.override = { score: 42, comment: '', by: 't', at: '2026-02-01T00:00:00Z' };
    const t = graded('a', 'lab2', { c: true });
    t.late = { dueAt: 'x', daysLate: 1, penaltyPercent: 0 };
    const records = gradebookRecords(buildGradebook(['lab1', 'lab2'], [{ id: 'a' }], [s, t]));
    expect(records).toEqual([
      ['learner', 'lab1', 'lab2', 'average'],
      ['a', '42 (override)', '100 (late)', '71'],
    ]);
  });
});
