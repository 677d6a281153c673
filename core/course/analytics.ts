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
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function labAnalytics(labId: string, submissions: readonly LearnerAttempt[]): LabAnalytics {
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
  const mostFailed = checks.reduce<CheckRate | undefined>((worst, c) => (!worst || c.rate < worst.rate ? c : worst), undefined);
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
  };
}

export function courseAnalytics(labs: readonly string[], submissions: readonly LearnerAttempt[]): LabAnalytics[] {
  return labs.map((lab) => labAnalytics(lab, submissions));
}
