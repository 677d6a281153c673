import { Duration, SecretValue, Validations } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { DataTable } from './data-table.ts';
import { NodeFunction } from './node-function.ts';

/** How often the AGS outbox is drained: a score reaches the LMS gradebook within about a minute of grading. */
export const LTI_OUTBOX_EVERY = Duration.minutes(1);

export interface LtiToolProps {
  readonly data: DataTable;
  /** The API function: serves the LTI routes, so it signs with the tool key and lists the dead letters. */
  readonly api: NodeFunction;
  /** The grader function: its grade hook reads the learner's attempts and writes the outbox record. */
  readonly grader: NodeFunction;
  /** Environment every function receives (TABLE_NAME, …). */
  readonly environment: Record<string, string>;
  /**
   * The Secrets Manager secret (name or ARN) holding the tool's private JWK (docs/lti.md makes one). Resolved by
   * CloudFormation at deploy time into the functions' (KMS-encrypted) environment: never in the code, the bundle or
   * the template.
   */
  readonly toolKeySecret: string;
}

/**
 * The LTI 1.3 tool on AWS: the tool key given to the API and to the outbox worker, the worker on a schedule, and
 * the table permissions the LTI paths add — each function gets exactly the calls it makes.
 */
export class LtiTool extends Construct {
  readonly worker: NodeFunction;

  constructor(scope: Construct, id: string, props: LtiToolProps) {
    super(scope, id);
    const key = {
      LTI_TOOL_KEY: 'env:LTI_TOOL_JWK',
      LTI_TOOL_JWK: SecretValue.secretsManager(props.toolKeySecret).unsafeUnwrap(),
    };
    for (const [name, value] of Object.entries(key)) props.api.fn.addEnvironment(name, value);

    this.worker = new NodeFunction(this, 'OutboxWorker', {
      entry: 'functions/lambda/lti-outbox.ts',
      description: 'virtlab LTI outbox: posts grades to the LMS gradebooks (AGS)',
      serviceName: 'virtlab-lti-outbox',
      timeout: Duration.seconds(60),
      memorySize: 256,
      environment: { ...props.environment, ...key },
    });
    const table = props.data.table.tableArn;
    const allow = (grantee: IGrantable, actions: string[], resources: string[]) =>
      grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources }));
    // The worker: due records by StatusIndex, each read back and its platform read (GetItem), the attempt recorded.
    allow(this.worker.fn, ['dynamodb:Query'], [props.data.indexArn('StatusIndex')]);
    allow(this.worker.fn, ['dynamodb:GetItem', 'dynamodb:UpdateItem'], [table]);
    // The API: a course's dead letters are a StatusIndex partition (the rest of its LTI calls it already may make).
    allow(props.api.fn, ['dynamodb:Query'], [props.data.indexArn('StatusIndex')]);
    // The grader: the learner's attempts (GSI1) for the score that counts, and the new outbox record (PutItem).
    allow(props.grader.fn, ['dynamodb:Query'], [props.data.indexArn('GSI1')]);
    allow(props.grader.fn, ['dynamodb:PutItem'], [table]);

    const schedule = new Rule(this, 'OutboxSchedule', {
      description: 'Posts the due LTI AGS scores',
      schedule: Schedule.rate(LTI_OUTBOX_EVERY),
      targets: [new LambdaFunction(this.worker.fn, { retryAttempts: 0 })],
    });
    Validations.of(this.worker.fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'A scheduled run with no payload: each score keeps its own retries and dead letter in the table (the outbox), and the next run a minute later carries on.',
    });
    Validations.of(schedule).acknowledge({
      id: 'Serverless-EventBusDLQ',
      reason:
        'The schedule target carries no payload and retries 0 times on purpose: the next run a minute later redoes the work.',
    });
  }
}
