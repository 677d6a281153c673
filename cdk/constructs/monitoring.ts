import { Duration, Stack, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  GRADER_SERVICE,
  METRIC,
  METRICS_NAMESPACE,
  SERVICE_DIMENSION,
  SWEEPER_SERVICE,
} from '../../functions/observability/metrics.ts';
import type { GradingPipeline } from './grading-pipeline.ts';
import type { WebApi } from './web-api.ts';

/** The thresholds, with the capacity model behind them in docs/capacity.md. */
export const MONITORING = {
  /** p95 of queued → graded over one minute; a single submission takes well under a second (test/bench). */
  gradingLagP95Ms: 30_000,
  /** The sweeper republishes what waited 120 s; a message older than that means the grader is not keeping up. */
  oldestMessageAgeSeconds: 120,
  /** Messages waiting: one class submitting at once is 200; more than twice that for 5 minutes is a backlog. */
  queueDepth: 400,
  /** API 5xx answers in 5 minutes (the app's own bugs, Lambda errors or timeouts). */
  api5xxPer5Min: 5,
  /** 429 answers (gateway throttles and the app's rate limit) in 5 minutes. */
  throttledPer5Min: 50,
} as const;

/** Name of the metric counting 429 answers, from the API's access log. */
export const THROTTLED_METRIC = 'ApiThrottled';

export interface MonitoringProps {
  readonly grading: GradingPipeline;
  readonly web: WebApi;
  readonly api: IFunction;
  /** Turn on X-Ray active tracing for these functions (HTTP APIs themselves do not emit X-Ray traces). */
  readonly tracing?: { readonly functions: readonly IFunction[] };
}

const minute = Duration.minutes(1);
const fiveMinutes = Duration.minutes(5);

/** A custom (EMF) metric of one of our functions: namespace `virtlab`, dimension `service`. */
function custom(name: string, service: string, statistic: string, period = minute): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { [SERVICE_DIMENSION]: service },
    statistic,
    period,
  });
}

/**
 * What an operator watches near a deadline: grading lag (p95 of the grader's EMF metric), the queue (depth, age of
 * the oldest message, dead letters), the API (5xx, 429s counted from the access log) — each an alarm — and one
 * dashboard with those and grade duration, sweeper requeues and the grader's concurrency. The dead-letter and grader
 * error alarms stay with the pipeline; `alarms` lists these new ones for the mail topic.
 */
export class Monitoring extends Construct {
  readonly gradingLagAlarm: Alarm;
  readonly oldestMessageAlarm: Alarm;
  readonly queueDepthAlarm: Alarm;
  readonly api5xxAlarm: Alarm;
  readonly throttledAlarm: Alarm;
  readonly dashboard: Dashboard;
  readonly gradingLag: Metric;
  readonly throttled: Metric;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { grading, web } = props;
    this.gradingLag = custom(METRIC.gradingLag, GRADER_SERVICE, 'p95');

    new MetricFilter(this, 'ThrottledFilter', {
      logGroup: web.accessLogs,
      filterPattern: FilterPattern.stringValue('$.status', '=', '429'),
      metricNamespace: METRICS_NAMESPACE,
      metricName: THROTTLED_METRIC,
      metricValue: '1',
      defaultValue: 0,
    });
    this.throttled = new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: THROTTLED_METRIC,
      statistic: 'Sum',
      period: fiveMinutes,
    });

    this.gradingLagAlarm = new Alarm(this, 'GradingLagAlarm', {
      alarmDescription: `Learners wait: p95 of queued → graded above ${MONITORING.gradingLagP95Ms / 1000} s for 3 minutes.`,
      metric: this.gradingLag,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: MONITORING.gradingLagP95Ms,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.oldestMessageAlarm = new Alarm(this, 'OldestMessageAlarm', {
      alarmDescription: `A submission has waited in the queue over ${MONITORING.oldestMessageAgeSeconds} s: the grader is not keeping up or not running.`,
      metric: grading.queue.metricApproximateAgeOfOldestMessage({ period: minute, statistic: 'Maximum' }),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: MONITORING.oldestMessageAgeSeconds,
      evaluationPeriods: 2,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.queueDepthAlarm = new Alarm(this, 'QueueDepthAlarm', {
      alarmDescription: `Over ${MONITORING.queueDepth} submissions waiting for 5 minutes: a backlog.`,
      metric: grading.queue.metricApproximateNumberOfMessagesVisible({ period: minute, statistic: 'Maximum' }),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: MONITORING.queueDepth,
      evaluationPeriods: 5,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.api5xxAlarm = new Alarm(this, 'Api5xxAlarm', {
      alarmDescription: `More than ${MONITORING.api5xxPer5Min} server errors (5xx) from the site and API in 5 minutes.`,
      metric: web.httpApi.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: MONITORING.api5xxPer5Min,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.throttledAlarm = new Alarm(this, 'ThrottledAlarm', {
      alarmDescription: `More than ${MONITORING.throttledPer5Min} requests answered 429 (throttled or rate-limited) in 5 minutes.`,
      metric: this.throttled,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: MONITORING.throttledPer5Min,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const grader = grading.grader.fn;
    const lagOf = (stat: string): IMetric => custom(METRIC.gradingLag, GRADER_SERVICE, stat);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-deadline`,
      defaultInterval: Duration.hours(3),
      widgets: [
        [
          new TextWidget({
            markdown:
              '## virtlab near a deadline\nGrading lag is queued → graded (what a learner waits); capacity model in `docs/capacity.md`.',
            width: 24,
            height: 2,
          }),
        ],
        [
          new GraphWidget({
            title: 'Grading lag (ms)',
            left: [lagOf('p50'), lagOf('p95'), lagOf('Maximum')],
            leftAnnotations: [{ value: MONITORING.gradingLagP95Ms, label: 'p95 alarm' }],
            width: 12,
          }),
          new GraphWidget({
            title: 'Grade duration (ms) and submissions graded',
            left: [
              custom(METRIC.gradeDuration, GRADER_SERVICE, 'p95'),
              custom(METRIC.gradeDuration, GRADER_SERVICE, 'Maximum'),
            ],
            right: [
              custom(METRIC.graded, GRADER_SERVICE, 'Sum'),
              custom(METRIC.gradedLate, GRADER_SERVICE, 'Sum'),
              custom(METRIC.gradingFailed, GRADER_SERVICE, 'Sum'),
            ],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Queue: waiting, in flight, oldest (s)',
            left: [
              grading.queue.metricApproximateNumberOfMessagesVisible({ period: minute, statistic: 'Maximum' }),
              grading.queue.metricApproximateNumberOfMessagesNotVisible({ period: minute, statistic: 'Maximum' }),
            ],
            right: [grading.queue.metricApproximateAgeOfOldestMessage({ period: minute, statistic: 'Maximum' })],
            width: 12,
          }),
          new GraphWidget({
            title: 'Dead letters and sweeper requeues',
            left: [grading.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: minute })],
            right: [custom(METRIC.sweeperRequeues, SWEEPER_SERVICE, 'Sum', fiveMinutes)],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'API requests, 4xx, 5xx, 429',
            left: [
              web.httpApi.metricCount({ period: minute, statistic: 'Sum' }),
              web.httpApi.metricClientError({ period: minute, statistic: 'Sum' }),
              web.httpApi.metricServerError({ period: minute, statistic: 'Sum' }),
              this.throttled.with({ period: minute }),
            ],
            width: 12,
          }),
          new GraphWidget({
            title: 'API latency (ms)',
            left: [
              web.httpApi.metricLatency({ period: minute, statistic: 'p50' }),
              web.httpApi.metricLatency({ period: minute, statistic: 'p95' }),
            ],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Lambda concurrency',
            left: [
              grader.metric('ConcurrentExecutions', { period: minute, statistic: 'Maximum', label: 'grader' }),
              props.api.metric('ConcurrentExecutions', { period: minute, statistic: 'Maximum', label: 'api' }),
            ],
            width: 12,
          }),
          new GraphWidget({
            title: 'Lambda errors and throttles',
            left: [
              grader.metricErrors({ period: minute, label: 'grader errors' }),
              grader.metricThrottles({ period: minute, label: 'grader throttles' }),
              props.api.metricErrors({ period: minute, label: 'api errors' }),
              props.api.metricThrottles({ period: minute, label: 'api throttles' }),
            ],
            width: 12,
          }),
        ],
        [
          new SingleValueWidget({
            title: 'Late share of graded (last 3 h)',
            metrics: [
              new MathExpression({
                expression: '100 * late / FILL(graded, 1)',
                usingMetrics: {
                  late: custom(METRIC.gradedLate, GRADER_SERVICE, 'Sum', Duration.hours(3)),
                  graded: custom(METRIC.graded, GRADER_SERVICE, 'Sum', Duration.hours(3)),
                },
                label: 'late %',
                period: Duration.hours(3),
              }),
            ],
            width: 24,
          }),
        ],
      ],
    });

    if (props.tracing) this.trace(props.tracing.functions);
  }

  /** Every alarm of this construct, for the mail topic. */
  get alarms(): Alarm[] {
    return [this.gradingLagAlarm, this.oldestMessageAlarm, this.queueDepthAlarm, this.api5xxAlarm, this.throttledAlarm];
  }

  /**
   * X-Ray active tracing, set on the functions' CloudFormation resources (the bundling construct stays untouched),
   * with the two write actions the Lambda service needs. X-Ray has no resource-level permissions for them.
   */
  private trace(functions: readonly IFunction[]): void {
    for (const fn of functions) {
      const cfn = fn.node.defaultChild;
      if (cfn instanceof CfnFunction) cfn.tracingConfig = { mode: 'Active' };
      fn.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        }),
      );
      if (fn.role)
        Validations.of(fn.role).acknowledge({
          id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
          reason:
            'X-Ray tracing (-c tracing=true): xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so their resource is "*".',
        });
    }
  }
}
