import { countingGrade, isAttempt, type LearnerAttempt } from './best-grade.ts';

export interface CheckRate {
  checkId: string;
  passed: number;
  total: number;
  /** passed / total, 0–1, three decimals. */
  rate: number;
}

export interface LabAnalytics {
  labId: string;
  attempts: number;
  learners: number;
  /** Pass rate of each check over every graded attempt, in the order first seen. */
  checks: CheckRate[];
  /** The check failed most often (lowest pass rate; first seen wins a tie); absent when no check ever failed. */
  mostFailed?: string;
  /** Counting scores per learner in ten buckets: [0,10), [10,20) … [90,100]. */
  histogram: number[];
  /** Misconceptions behind failed attempts, most learners first: "9 of 31 learners think a container needs a hypervisor". */
  misconceptions: MisconceptionCount[];
}

export interface MisconceptionCount {
  id: string;
  /** Distinct learners with at least one attempt matched to it. */
  learners: number;
  attempts: number;
}

/** Names the misconception of a failed attempt from the checks it failed (core/labs/misconceptions.ts), if any. */
export type MisconceptionOf = (labId: string, failedChecks: readonly string[]) => string | undefined;

function countMisconceptions(
  attempts: readonly LearnerAttempt[],
  classify: MisconceptionOf | undefined,
): MisconceptionCount[] {
  if (!classify) return [];
  const found = new Map<string, { learners: Set<string>; attempts: number }>();
  for (const a of attempts) {
    const id = classify(
      a.labId,
      a.result!.checks.filter((c) => !c.passed).map((c) => c.id),
    );
    if (!id) continue;
    const m = found.get(id) ?? { learners: new Set<string>(), attempts: 0 };
    m.learners.add(a.learnerId);
    m.attempts++;
    found.set(id, m);
  }
  return [...found]
    .map(([id, m]) => ({ id, learners: m.learners.size, attempts: m.attempts }))
    .sort((a, b) => b.learners - a.learners || b.attempts - a.attempts || a.id.localeCompare(b.id));
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function labAnalytics(
  labId: string,
  submissions: readonly LearnerAttempt[],
  classify?: MisconceptionOf,
): LabAnalytics {
  const mine = submissions.filter((s) => s.labId === labId);
  const attempts = mine.filter(isAttempt);
  const counts = new Map<string, { passed: number; total: number }>();
  for (const a of attempts) {
    for (const check of a.result!.checks) {
      const c = counts.get(check.id) ?? { passed: 0, total: 0 };
      c.total++;
      if (check.passed) c.passed++;
      counts.set(check.id, c);
    }
  }
  const checks = [...counts].map(([checkId, c]) => ({ checkId, ...c, rate: round3(c.passed / c.total) }));
  const mostFailed = checks.reduce<CheckRate | undefined>(
    (worst, c) => (!worst || c.rate < worst.rate ? c : worst),
    undefined,
  );
  const byLearner = new Map<string, LearnerAttempt[]>();
  for (const s of mine) byLearner.set(s.learnerId, [...(byLearner.get(s.learnerId) ?? []), s]);
  const histogram = new Array<number>(10).fill(0);
  for (const list of byLearner.values()) {
    const grade = countingGrade(list);
    if (grade) histogram[Math.min(9, Math.floor(grade.score / 10))]++;
  }
  return {
    labId,
    attempts: attempts.length,
    learners: histogram.reduce((a, b) => a + b, 0),
    checks,
    ...(mostFailed && mostFailed.rate < 1 ? { mostFailed: mostFailed.checkId } : {}),
    histogram,
    misconceptions: countMisconceptions(attempts, classify),
  };
}

export function courseAnalytics(
  labs: readonly string[],
  submissions: readonly LearnerAttempt[],
  classify?: MisconceptionOf,
): LabAnalytics[] {
  return labs.map((lab) => labAnalytics(lab, submissions, classify));
}

/** Across the course: each misconception with the distinct learners and attempts behind it, most learners first. */
export function courseMisconceptions(
  submissions: readonly LearnerAttempt[],
  classify: MisconceptionOf,
): MisconceptionCount[] {
  return countMisconceptions(submissions.filter(isAttempt), classify);
}
