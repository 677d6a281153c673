import { msg, pick, type Lang, type Msg } from '../i18n.ts';
import { countingGrade, type LearnerAttempt, type CountingGrade } from './best-grade.ts';

export interface GradebookLearner {
  id: string;
}

/** A column: the lab's id and its title in both languages (a reader sees the title, not the id). */
export interface GradebookLab {
  id: string;
  title: Msg;
}

export interface GradebookRow {
  learnerId: string;
  /** One cell per lab, in the order of `labs`; null when the learner has no graded attempt. */
  cells: Array<CountingGrade | null>;
  /** Mean of the counting scores over all labs (missing ones count 0), two decimals. */
  average: number;
}

export interface Gradebook {
  /** In course order (`courseLabOrder`): the page, the API and the CSV show these columns in this order. */
  labs: GradebookLab[];
  /** By learner id: the one order of the page, the API, the CSV and the per-learner view's neighbours. */
  rows: GradebookRow[];
}

/** Rows per learner of the roster (sorted by id), a column per lab (in the order given), each cell the counting grade. */
export function buildGradebook(
  labs: readonly GradebookLab[],
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
      const cells = labs.map((lab) => countingGrade(byCell.get(`${learner.id}\u0000${lab.id}`) ?? []) ?? null);
      const total = cells.reduce((sum, c) => sum + (c?.score ?? 0), 0);
      return { learnerId: learner.id, cells, average: labs.length ? Math.round((total / labs.length) * 100) / 100 : 0 };
    });
  return { labs: labs.map((l) => ({ id: l.id, title: l.title })), rows };
}

/** The CSV's fixed headers, Korean first like every message. */
const CSV_HEADER = {
  learner: msg('학습자', 'learner'),
  submitted: msg('제출 시각 (UTC)', 'submitted (UTC)'),
  average: msg('평균', 'average'),
};

/**
 * The gradebook as CSV records in the reader's language: a header, then one line per learner in the gradebook's
 * order. Each lab has two columns: the counting score (overrides and late work marked) and when the learner
 * submitted it (not when it was last graded: a regrade does not move it), as ISO 8601 UTC, which a spreadsheet
 * sorts and parses whatever its locale.
 */
export function gradebookRecords(book: Gradebook, lang: Lang): string[][] {
  const header = [
    pick(CSV_HEADER.learner, lang),
    ...book.labs.flatMap((l) => [pick(l.title, lang), `${pick(l.title, lang)} ${pick(CSV_HEADER.submitted, lang)}`]),
    pick(CSV_HEADER.average, lang),
  ];
  const lines = book.rows.map((r) => [
    r.learnerId,
    ...r.cells.flatMap((c) =>
      c ? [`${c.score}${c.override ? ' (override)' : ''}${c.late ? ' (late)' : ''}`, c.submittedAt] : ['', ''],
    ),
    String(r.average),
  ]);
  return [header, ...lines];
}

/** The byte-order mark Excel needs to read a CSV file as UTF-8 (Korean names and titles otherwise turn to mojibake). */
export const CSV_BOM = '\uFEFF';

/** One learner's row with the learners before and after it in the gradebook's order (for previous/next links). */
export interface LearnerGrades {
  row: GradebookRow;
  previous?: string;
  next?: string;
}

/** The row of `learnerId` and its neighbours, or undefined when the learner is not in the gradebook. */
export function learnerGrades(book: Gradebook, learnerId: string): LearnerGrades | undefined {
  const i = book.rows.findIndex((r) => r.learnerId === learnerId);
  if (i < 0) return undefined;
  const previous = book.rows[i - 1]?.learnerId;
  const next = book.rows[i + 1]?.learnerId;
  return { row: book.rows[i], ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
}
