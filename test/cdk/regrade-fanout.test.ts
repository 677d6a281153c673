import { describe, expect, it } from 'vitest';
import { MAX_RECEIVE_COUNT } from '../../cdk/constructs/grading-pipeline.ts';
import { REGRADE_TICK_TIMEOUT } from '../../cdk/constructs/regrade-fanout.ts';
import { getAtt, resourcesOf, synthTemplate } from './synth.ts';

const { template } = synthTemplate();
const queues = resourcesOf(template, 'AWS::SQS::Queue');
const functions = resourcesOf(template, 'AWS::Lambda::Function');
const idOf = (prefix: string) => {
  const ids = Object.keys(queues).filter((id) => id.startsWith(prefix));
  if (ids.length !== 1) throw new Error(`expected one queue ${prefix}*, found ${ids.length}`);
  return ids[0];
};
const tickQueue = idOf('RegradeTicks');
const tickDlq = idOf('RegradeTickDeadLetters');
const gradingQueue = Object.keys(queues).find((id) => id.startsWith('GradingSubmissions'))!;
const tableId = Object.keys(resourcesOf(template, 'AWS::DynamoDB::Table'))[0];
const fnId = (service: string) =>
  Object.keys(functions).find(
    (id) => functions[id].Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === service,
  )!;
const worker = fnId('virtlab-regrade-fanout');
const api = fnId('virtlab-api');

/** Every statement of a function's role policies, logs left out (NodeFunction's own log group). */
function statementsOf(id: string) {
  const roleId = functions[id].Properties.Role['Fn::GetAtt'][0];
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .map((s: any) => ({ actions: [s.Action].flat().sort(), resources: [s.Resource].flat() }))
    .filter((s) => !s.actions.some((a: string) => a.startsWith('logs:')));
}
const SEND = ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'];
const CONSUME = [
  'sqs:ChangeMessageVisibility',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
  'sqs:GetQueueUrl',
  'sqs:ReceiveMessage',
];

describe('regrade fan-out', () => {
  it('has a tick queue that hands a failing tick to its own dead-letter queue', () => {
    const p = queues[tickQueue].Properties;
    expect(p.RedrivePolicy).toEqual({ deadLetterTargetArn: getAtt(tickDlq), maxReceiveCount: MAX_RECEIVE_COUNT });
    expect(p.VisibilityTimeout).toBe(6 * REGRADE_TICK_TIMEOUT.toSeconds());
    expect(functions[worker].Properties.Timeout).toBe(REGRADE_TICK_TIMEOUT.toSeconds());
    expect(queues[tickDlq].Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    for (const id of [tickQueue, tickDlq]) expect(queues[id].Properties.SqsManagedSseEnabled).toBe(true);
  });

  it('runs the worker on one tick at a time with partial batch responses', () => {
    const mappings = Object.values(resourcesOf(template, 'AWS::Lambda::EventSourceMapping')).filter(
      (m) => JSON.stringify(m.Properties.EventSourceArn) === JSON.stringify(getAtt(tickQueue)),
    );
    expect(mappings.map((m) => m.Properties)).toEqual([
      {
        EventSourceArn: getAtt(tickQueue),
        FunctionName: { Ref: worker },
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      },
    ]);
  });

  it('gives the worker both queues and the table, and the API the tick queue', () => {
    expect(functions[worker].Properties.Environment.Variables).toMatchObject({
      TABLE_NAME: { Ref: tableId },
      QUEUE_URL: { Ref: gradingQueue },
      REGRADE_QUEUE_URL: { Ref: tickQueue },
    });
    expect(functions[api].Properties.Environment.Variables.REGRADE_QUEUE_URL).toEqual({ Ref: tickQueue });
  });

  it('lets the worker do exactly what a tick calls: get and update items, query GSI2, send to both queues', () => {
    const tableArn = getAtt(tableId);
    expect(statementsOf(worker)).toEqual(
      expect.arrayContaining([
        { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resources: [tableArn] },
        { actions: ['dynamodb:Query'], resources: [{ 'Fn::Join': ['', [tableArn, '/index/GSI2']] }] },
        { actions: SEND, resources: [getAtt(gradingQueue)] },
        { actions: SEND, resources: [getAtt(tickQueue)] },
        { actions: CONSUME, resources: [getAtt(tickQueue)] },
      ]),
    );
    expect(statementsOf(worker)).toHaveLength(5);
  });

  it('lets the API send ticks, and not receive them', () => {
    const onTicks = statementsOf(api).filter(
      (s) => JSON.stringify(s.resources) === JSON.stringify([getAtt(tickQueue)]),
    );
    expect(onTicks).toEqual([{ actions: SEND, resources: [getAtt(tickQueue)] }]);
  });

  it('alarms on the first message in the tick dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: getAtt(tickDlq, 'QueueName') }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
  });
});
