import { describe, it, expect } from 'vitest';
import { labAnalytics } from '../../../core/course/analytics.ts';
import {
  CSV_BOM,
  buildGradebook,
  gradebookRecords,
  learnerGrades,
  type GradebookLab,
} from '../../../core/course/gradebook.ts';
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

const LABS: GradebookLab[] = [
  { id: 'lab1', title: { ko: '첫 실습', en: 'First lab' } },
  { id: 'lab2', title: { ko: '둘째 실습', en: 'Second lab' } },
];

describe('gradebook', () => {
  it('has a row per learner (sorted) and a cell per lab, averaging missing labs as 0', () => {
    const subs = [
      graded('b', 'lab1', { c: true }),
      graded('a', 'lab1', { c: false, d: true }),
      graded('a', 'lab2', { c: true }),
    ];
    const book = buildGradebook(LABS, [{ id: 'b' }, { id: 'a' }, { id: 'z' }], subs);
    expect(book.labs).toEqual(LABS);
    expect(book.rows.map((r) => r.learnerId)).toEqual(['a', 'b', 'z']);
    expect(book.rows[0].cells.map((c) => c?.score)).toEqual([50, 100]);
    expect(book.rows[0].average).toBe(75);
    expect(book.rows[1].cells[1]).toBeNull();
    expect(book.rows[1].average).toBe(50);
    expect(book.rows[2]).toEqual({ learnerId: 'z', cells: [null, null], average: 0 });
  });

  it('marks overrides and late work in the CSV records, titles and headers in the reader’s language', () => {
    const s = graded('a', 'lab1', { c: true });
    s.override = { score: 42, comment: '', by: 't', at: '2026-02-01T00:00:00Z' };
    const t = graded('a', 'lab2', { c: true });
    t.late = { dueAt: 'x', daysLate: 1, penaltyPercent: 0 };
    const book = buildGradebook(LABS, [{ id: 'a' }], [s, t]);
    expect(gradebookRecords(book, 'en')).toEqual([
      ['learner', 'First lab', 'First lab submitted (UTC)', 'Second lab', 'Second lab submitted (UTC)', 'average'],
      ['a', '42 (override)', s.queuedAt, '100 (late)', t.queuedAt, '71'],
    ]);
    expect(gradebookRecords(book, 'ko')[0]).toEqual([
      '학습자',
      '첫 실습',
      '첫 실습 제출 시각 (UTC)',
      '둘째 실습',
      '둘째 실습 제출 시각 (UTC)',
      '평균',
    ]);
  });

  it('shows when the learner submitted the counting attempt, not when it was regraded', () => {
    const first = graded('a', 'lab1', { c: true });
    const regraded = { ...first, requeuedAt: '2026-03-01T00:00:00Z', regradedAt: '2026-03-01T00:00:01Z' };
    const book = buildGradebook(LABS, [{ id: 'a' }], [regraded, graded('a', 'lab1', { c: false })]);
    expect(book.rows[0].cells[0]).toMatchObject({ submissionId: first.id, submittedAt: first.queuedAt });
    expect(gradebookRecords(book, 'en')[1][2]).toBe(first.queuedAt);
  });

  it('names the byte-order mark Excel needs for UTF-8', () => {
    expect([...new TextEncoder().encode(CSV_BOM)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('finds a learner’s row with the learners before and after it, in the gradebook’s order', () => {
    const book = buildGradebook(LABS, [{ id: 'c' }, { id: 'a' }, { id: 'b' }], []);
    expect(learnerGrades(book, 'a')).toEqual({ row: book.rows[0], next: 'b' });
    expect(learnerGrades(book, 'b')).toEqual({ row: book.rows[1], previous: 'a', next: 'c' });
    expect(learnerGrades(book, 'c')).toEqual({ row: book.rows[2], previous: 'b' });
    expect(learnerGrades(book, 'nobody')).toBeUndefined();
  });
});
