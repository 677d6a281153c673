import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { DataTable } from './data-table.ts';
import { MAX_RECEIVE_COUNT } from './grading-pipeline.ts';
import { NodeFunction } from './node-function.ts';

/** One tick reads a page of 100 submissions and sends ten batches: seconds, well inside this. */
export const REGRADE_TICK_TIMEOUT = Duration.seconds(60);
/** Lambda's advice for SQS sources: visibility ≥ 6 × function timeout, so a retried tick never overlaps a running one. */
export const REGRADE_TICK_VISIBILITY = Duration.seconds(REGRADE_TICK_TIMEOUT.toSeconds() * 6);

export interface RegradeFanoutProps {
  readonly data: DataTable;
  /** The grading queue the requeued submissions go to. */
  readonly gradingQueue: Queue;
  /** Environment every function receives (table, identity, QUEUE_URL); REGRADE_QUEUE_URL is added here. */
  readonly environment: Record<string, string>;
  /** The API, which sends each job's first tick: it gets REGRADE_QUEUE_URL and may send to the tick queue. */
  readonly api: LambdaFunction;
  /** X-Ray is on (-c tracing=true): the function is traced by Monitoring, so nothing to acknowledge here. */
  readonly tracing: boolean;
}

/**
 * A teacher's regrade, fanned out (functions/lambda/regrade-fanout.ts): the API sends a job's first tick to the tick
 * queue; each tick, one message at a time, pages through the lab's submissions, requeues them onto the grading queue
 * and sends the next tick. A tick that keeps failing rests in the tick dead-letter queue and raises the alarm.
 */
export class RegradeFanout extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly worker: NodeFunction;
  readonly dlqAlarm: Alarm;

  constructor(scope: Construct, id: string, props: RegradeFanoutProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'TickDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Ticks', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: REGRADE_TICK_VISIBILITY,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });

    this.worker = new NodeFunction(this, 'Worker', {
      entry: 'functions/lambda/regrade-fanout.ts',
      description: 'virtlab regrade fan-out: requeues the submissions of a lab one page per tick',
      serviceName: 'virtlab-regrade-fanout',
      timeout: REGRADE_TICK_TIMEOUT,
      memorySize: 512,
      environment: { ...props.environment, REGRADE_QUEUE_URL: this.queue.queueUrl },
    });
    const fn = this.worker.fn;
    // Exactly what a tick calls (functions/grading/regrade-fanout.ts): the job (GetItem), the requeues and the job's
    // tick and counts (conditional UpdateItem), one page of the lab's submissions (Query on GSI2).
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
        resources: [props.data.table.tableArn],
      }),
    );
    props.data.grantQueryIndex(fn, 'GSI2');
    props.gradingQueue.grantSendMessages(fn);
    this.queue.grantSendMessages(fn);
    // One tick per invocation: a failed tick is retried alone, and partial batch responses report it.
    fn.addEventSource(new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true }));

    props.api.addEnvironment('REGRADE_QUEUE_URL', this.queue.queueUrl);
    this.queue.grantSendMessages(props.api);

    this.dlqAlarm = new Alarm(this, 'TickDeadLettersAlarm', {
      alarmDescription: 'A regrade tick failed several times (see the tick dead-letter queue); the job has stopped.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: 0,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    this.acknowledgeServerless(props.tracing);
  }

  /** cdk-nag's Serverless pack: what does not apply, with why (as the stack does for the grading pipeline). */
  private acknowledgeServerless(tracing: boolean): void {
    const ack = (scope: Construct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });
    const fn = this.worker.fn;
    ack(
      fn,
      'Serverless-LambdaDLQ',
      `Invoked synchronously by its SQS event source only; a tick that keeps failing goes to the queue redrive dead-letter queue after ${MAX_RECEIVE_COUNT} receives.`,
    );
    ack(
      fn,
      'Serverless-LambdaEventSourceMappingDestination',
      'On-failure destinations apply to stream sources; this SQS source relies on the queue redrive policy (tick dead-letter queue, TickDeadLettersAlarm).',
    );
    ack(
      this.deadLetterQueue,
      'Serverless-SQSRedrivePolicy',
      `This is the dead-letter queue of ${this.queue.node.id}: its ticks wait 14 days for a person, and TickDeadLettersAlarm fires on the first.`,
    );
    if (!tracing)
      ack(
        fn,
        'Serverless-LambdaTracing',
        'X-Ray is opt-in (-c tracing=true, billed per trace); correlation ids in the JSON logs cover the usual questions.',
      );
  }
}
