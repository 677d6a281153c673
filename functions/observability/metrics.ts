import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * Custom metrics, written as CloudWatch embedded metric format (EMF) log lines by Powertools: no PutMetricData call,
 * no extra permission; CloudWatch extracts them from the function's log group. The names and the namespace are
 * shared with the alarms and the dashboard (cdk/constructs/monitoring.ts).
 */
export const METRICS_NAMESPACE = 'virtlab';

export const METRIC = {
  /** Milliseconds from queued (or requeued for a regrade) to the grade being recorded: what a learner waits. */
  gradingLag: 'GradingLag',
  /** Milliseconds the grader spent on one submission (claim to recorded result). */
  gradeDuration: 'GradeDuration',
  /** Submissions graded (one per recorded result). */
  graded: 'SubmissionsGraded',
  /** Graded submissions that arrived after the deadline. */
  gradedLate: 'SubmissionsGradedLate',
  /** Submissions marked failed (unknown lab, or grading kept crashing). */
  gradingFailed: 'GradingFailed',
  /** Submissions the sweeper published again. */
  sweeperRequeues: 'SweeperRequeues',
} as const;

/** Every custom metric carries this one dimension (Powertools' default), the function's POWERTOOLS_SERVICE_NAME. */
export const SERVICE_DIMENSION = 'service';
export const GRADER_SERVICE = 'virtlab-grader';
export const SWEEPER_SERVICE = 'virtlab-sweeper';

/** What the grading handler reports; optional in its deps, so local mode and most tests pass none. */
export interface GradingMetrics {
  graded(sample: { lagMs: number; durationMs: number; late: boolean }): void;
  failed(): void;
}

/** A Powertools Metrics instance for one function (dimension `service`). */
export function newMetrics(serviceName: string): Metrics {
  return new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
}

/** The grading metrics on a Powertools instance; the Lambda handler publishes them once per batch. */
export function gradingMetrics(metrics: Metrics): GradingMetrics {
  return {
    graded({ lagMs, durationMs, late }) {
      // Several values of one metric in a batch go out as one EMF line with a list of values (up to 100).
      metrics.addMetric(METRIC.gradingLag, MetricUnit.Milliseconds, Math.max(0, lagMs));
      metrics.addMetric(METRIC.gradeDuration, MetricUnit.Milliseconds, Math.max(0, durationMs));
      metrics.addMetric(METRIC.graded, MetricUnit.Count, 1);
      if (late) metrics.addMetric(METRIC.gradedLate, MetricUnit.Count, 1);
    },
    failed() {
      metrics.addMetric(METRIC.gradingFailed, MetricUnit.Count, 1);
    },
  };
}

/** A recorder for tests and the bench: keeps every sample in memory. */
export function recordingMetrics(): GradingMetrics & {
  samples: { lagMs: number; durationMs: number; late: boolean }[];
  failures: number;
} {
  const rec = {
    samples: [] as { lagMs: number; durationMs: number; late: boolean }[],
    failures: 0,
    graded(sample: { lagMs: number; durationMs: number; late: boolean }) {
      rec.samples.push(sample);
    },
    failed() {
      rec.failures++;
    },
  };
  return rec;
}
