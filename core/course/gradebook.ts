import { countingGrade, type LearnerAttempt, type CountingGrade } from './best-grade.ts';

export interface GradebookLearner {
  id: string;
}

export interface GradebookRow {
  learnerId: string;
  /** One cell per lab, in the order of `labs`; null when the learner has no graded attempt. */
  cells: Array<CountingGrade | null>;
  /** Mean of the counting scores over all labs (missing ones count 0), two decimals. */
  average: number;
}

export interface Gradebook {
  labs: string[];
  rows: GradebookRow[];
}

/** Rows per learner of the roster (sorted by id), a column per lab, each cell the counting grade. */
export function buildGradebook(
  labs: readonly string[],
  learners: readonly GradebookLearner[],
  submissions: readonly LearnerAttempt[],
): Gradebook {
  const byCell = new Map<string, LearnerAttempt[]>();
  for (const s of submissions) {
    const key = `${s.learnerId}\u0000${s.labId}`;
    byCell.set(key, [...(byCell.get(key) ?? []), s]);
  }
  const rows = [...learners]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((learner) => {
      const cells = labs.map((lab) => countingGrade(byCell.get(`${learner.id}\u0000${lab}`) ?? []) ?? null);
      const total = cells.reduce((sum, c) => sum + (c?.score ?? 0), 0);
      return { learnerId: learner.id, cells, average: labs.length ? Math.round((total / labs.length) * 100) / 100 : 0 };
    });
  return { labs: [...labs], rows };
}

/** The gradebook as CSV records: a header, then one line per learner; overrides and late work are marked. */
export function gradebookRecords(book: Gradebook): string[][] {
  const header = ['learner', ...book.labs, 'average'];
  const lines = book.rows.map((r) => [
    r.learnerId,
    ...r.cells.map((c) => (c ? `${c.score}${c.override ? ' (override)' : ''}${c.late ? ' (late)' : ''}` : '')),
    String(r.average),
  ]);
  return [header, ...lines];
}
