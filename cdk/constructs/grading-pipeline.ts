import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { IndexName } from '../../functions/adapters/dynamo/table.ts';
import type { DataTable } from './data-table.ts';
import { NodeFunction } from './node-function.ts';

export const GRADER_TIMEOUT = Duration.seconds(30);
/** Lambda's advice for SQS sources: visibility ≥ 6 × function timeout, so retries never overlap a running grade. */
export const SUBMISSION_VISIBILITY = Duration.seconds(GRADER_TIMEOUT.toSeconds() * 6);
/** A submission that fails this often goes to the dead-letter queue (and raises the alarm). */
export const MAX_RECEIVE_COUNT = 5;
export const SWEEP_EVERY = Duration.minutes(2);
/**
 * Concurrent grader invocations the queue may start (batches of 10). docs/capacity.md: 200 submissions of ≤ 1 s each
 * are graded in about 10 s at 20; more would only move the bottleneck to DynamoDB's on-demand warm-up.
 */
export const GRADER_MAX_CONCURRENCY = 20;

export interface GradingPipelineProps {
  readonly data: DataTable;
  /** The index the sweeper queries for submissions stuck in `queued`. */
  readonly sweepIndex: IndexName;
  /** Environment every function receives (table, identity, …); QUEUE_URL is added here. */
  readonly environment: Record<string, string>;
  /**
   * Reserved concurrency for the grader (≥ GRADER_MAX_CONCURRENCY, so the queue's poller is never throttled). Off by
   * default: Lambda refuses a reservation that leaves fewer than 100 unreserved executions, which fails on new
   * accounts with a low concurrency quota.
   */
  readonly reservedConcurrency?: number;
}

/**
 * Submissions flow API → queue → grader → table. The grader reports per-message failures so one bad submission
 * does not redeliver its batch; after MAX_RECEIVE_COUNT tries a message rests in the dead-letter queue. The sweeper
 * re-enqueues submissions whose message was lost or that waited too long.
 */
export class GradingPipeline extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly grader: NodeFunction;
  readonly sweeper: NodeFunction;
  readonly dlqAlarm: Alarm;
  readonly graderErrorsAlarm: Alarm;

  constructor(scope: Construct, id: string, props: GradingPipelineProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Submissions', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: SUBMISSION_VISIBILITY,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    const environment = { ...props.environment, QUEUE_URL: this.queue.queueUrl };

    this.grader = new NodeFunction(this, 'Grader', {
      entry: 'functions/lambda/grader.ts',
      description: 'virtlab grader: simulates and grades queued submissions',
      serviceName: 'virtlab-grader',
      timeout: GRADER_TIMEOUT,
      memorySize: 1024,
      environment,
    });
    if (props.reservedConcurrency !== undefined) {
      if (props.reservedConcurrency < GRADER_MAX_CONCURRENCY)
        throw new Error(`graderReservedConcurrency must be at least ${GRADER_MAX_CONCURRENCY} (the queue's maximum)`);
      (this.grader.fn.node.defaultChild as CfnFunction).reservedConcurrentExecutions = props.reservedConcurrency;
    }
    props.data.grantGrader(this.grader.fn);
    this.grader.fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: GRADER_MAX_CONCURRENCY,
      }),
    );

    this.sweeper = new NodeFunction(this, 'Sweeper', {
      entry: 'functions/lambda/sweeper.ts',
      description: 'virtlab sweeper: re-enqueues submissions stuck before grading',
      serviceName: 'virtlab-sweeper',
      timeout: Duration.seconds(60),
      memorySize: 256,
      environment,
    });
    props.data.grantQueryIndex(this.sweeper.fn, props.sweepIndex);
    this.queue.grantSendMessages(this.sweeper.fn);
    new Rule(this, 'SweepSchedule', {
      description: 'Runs the virtlab sweeper',
      schedule: Schedule.rate(SWEEP_EVERY),
      targets: [new LambdaFunction(this.sweeper.fn, { retryAttempts: 0 })],
    });

    this.dlqAlarm = new Alarm(this, 'DeadLettersAlarm', {
      alarmDescription: 'A submission could not be graded after several tries (see the dead-letter queue).',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: 0,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.graderErrorsAlarm = new Alarm(this, 'GraderErrorsAlarm', {
      alarmDescription: 'The grader function failed (crash or timeout), not merely a wrong answer.',
      metric: this.grader.fn.metricErrors({ period: Duration.minutes(5) }),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: 0,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
