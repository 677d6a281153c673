import { describe, expect, it } from 'vitest';
import { MONITORING, THROTTLED_METRIC } from '../../cdk/constructs/monitoring.ts';
import { GRADER_SERVICE, METRIC, METRICS_NAMESPACE } from '../../functions/observability/metrics.ts';
import { resourcesOf, synthTemplate } from './synth.ts';

describe('monitoring', () => {
  const { template } = synthTemplate();
  const alarms = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);

  it('alarms on the p95 grading lag of the grader’s EMF metric', () => {
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Namespace: METRICS_NAMESPACE,
        MetricName: METRIC.gradingLag,
        ExtendedStatistic: 'p95',
        Dimensions: [{ Name: 'service', Value: GRADER_SERVICE }],
        Threshold: MONITORING.gradingLagP95Ms,
        Period: 60,
        TreatMissingData: 'notBreaching',
      }),
    );
  });

  it('alarms on the age of the oldest message and on the queue depth', () => {
    for (const [metric, threshold] of [
      ['ApproximateAgeOfOldestMessage', MONITORING.oldestMessageAgeSeconds],
      ['ApproximateNumberOfMessagesVisible', MONITORING.queueDepth],
    ] as const)
      expect(alarms).toContainEqual(
        expect.objectContaining({
          Namespace: 'AWS/SQS',
          MetricName: metric,
          Statistic: 'Maximum',
          Threshold: threshold,
        }),
      );
  });

  it('alarms on API 5xx and on 429s counted from the access log', () => {
    expect(alarms).toContainEqual(
      expect.objectContaining({ Namespace: 'AWS/ApiGateway', MetricName: '5xx', Threshold: MONITORING.api5xxPer5Min }),
    );
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Namespace: METRICS_NAMESPACE,
        MetricName: THROTTLED_METRIC,
        Statistic: 'Sum',
        Threshold: MONITORING.throttledPer5Min,
      }),
    );
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.status = "429" }',
      MetricTransformations: [
        { MetricNamespace: METRICS_NAMESPACE, MetricName: THROTTLED_METRIC, MetricValue: '1', DefaultValue: 0 },
      ],
    });
  });

  it('keeps the dead-letter, grader-error and regrade tick dead-letter alarms: eight in all', () => {
    expect(alarms).toHaveLength(8);
  });

  it('draws one dashboard with lag, duration, queue, API and sweeper requeues', () => {
    const dashboards = Object.values(resourcesOf(template, 'AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0].Properties.DashboardBody);
    for (const name of [
      METRIC.gradingLag,
      METRIC.gradeDuration,
      METRIC.sweeperRequeues,
      'ApproximateAgeOfOldestMessage',
      THROTTLED_METRIC,
      'ConcurrentExecutions',
    ])
      expect(body).toContain(name);
  });

  it('traces nothing by default', () => {
    for (const fn of Object.values(resourcesOf(template, 'AWS::Lambda::Function')))
      expect(fn.Properties.TracingConfig).toBeUndefined();
  });
});

describe('with -c tracing=true', () => {
  it('turns on X-Ray for the four functions and lets each write traces', () => {
    const { template } = synthTemplate({ tracing: 'true' });
    const fns = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).filter(
      (f) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME,
    );
    expect(fns).toHaveLength(4);
    for (const fn of fns) expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    const xray = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('xray:PutTraceSegments'),
    );
    expect(xray).toHaveLength(4);
  });
});
