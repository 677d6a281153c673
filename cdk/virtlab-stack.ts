import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Alerts } from './constructs/alerts.ts';
import { DataTable } from './constructs/data-table.ts';
import { GradingPipeline } from './constructs/grading-pipeline.ts';
import { Identity, type Federation } from './constructs/identity.ts';
import { LtiTool } from './constructs/lti.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { NodeFunction } from './constructs/node-function.ts';
import { PAGES_THROTTLE, RouteThrottles } from './constructs/route-throttles.ts';
import { RegradeFanout } from './constructs/regrade-fanout.ts';
import { SiteCdn } from './constructs/site-cdn.ts';
import { WebApi } from './constructs/web-api.ts';

export interface VirtlabStackProps extends StackProps {
  /** Hosted UI domain prefix; unique per region. */
  readonly hostedUiPrefix: string;
  /** Cognito Plus feature plan (threat protection), billed per monthly active user. */
  readonly cognitoPlus?: boolean;
  /** Mail the alarms (and their recovery) to this address; without it the alarms have no action. */
  readonly alarmEmail?: string;
  /** X-Ray active tracing on the three functions. */
  readonly tracing?: boolean;
  /** Serve the site on this host (its ACM certificate in us-east-1) instead of the cloudfront.net name. */
  readonly siteDomain?: { readonly name: string; readonly certificateArn: string };
  /** A school's SAML or OIDC sign-in beside the user pool's own. */
  readonly federation?: Federation;
  /** Cognito's mail sent through SES from this verified identity. */
  readonly sesEmail?: { readonly fromEmail: string; readonly region?: string };
  /** Reserve this many concurrent executions for the grader (docs/capacity.md); unset, none are reserved. */
  readonly graderReservedConcurrency?: number;
  /** The Secrets Manager secret with the LTI tool's private JWK; unset, the stack serves no LTI (docs/lti.md). */
  readonly ltiToolKeySecret?: string;
}

/** The whole course platform: site + API, identity, grading pipeline and the table. */
export class VirtlabStack extends Stack {
  readonly data: DataTable;
  readonly web: WebApi;
  readonly identity: Identity;
  readonly grading: GradingPipeline;
  readonly api: NodeFunction;
  readonly alerts?: Alerts;
  readonly cdn: SiteCdn;
  readonly throttles: RouteThrottles;
  readonly monitoring: Monitoring;
  readonly regrades: RegradeFanout;
  readonly lti?: LtiTool;

  constructor(scope: Construct, id: string, props: VirtlabStackProps) {
    super(scope, id, { description: 'virtlab: serverless virtualization course with automatic lab grading', ...props });

    this.data = new DataTable(this, 'Data');
    this.web = new WebApi(this, 'Web', { throttle: PAGES_THROTTLE });
    this.cdn = new SiteCdn(this, 'Cdn', { web: this.web, ...(props.siteDomain ? { domain: props.siteDomain } : {}) });
    this.identity = new Identity(this, 'Identity', {
      siteUrl: this.cdn.url,
      domainPrefix: props.hostedUiPrefix,
      plusFeaturePlan: props.cognitoPlus ?? false,
      ...(props.federation ? { federation: props.federation } : {}),
      ...(props.sesEmail ? { sesEmail: props.sesEmail } : {}),
    });
    const environment = {
      TABLE_NAME: this.data.table.tableName,
      USER_POOL_ID: this.identity.userPool.userPoolId,
      USER_POOL_CLIENT_ID: this.identity.client.userPoolClientId,
      COGNITO_DOMAIN: this.identity.hostedUiUrl,
    };

    // The sparse index of submissions still waiting for a grade, ordered by when they become overdue.
    this.grading = new GradingPipeline(this, 'Grading', {
      data: this.data,
      sweepIndex: 'StatusIndex',
      environment,
      ...(props.graderReservedConcurrency ? { reservedConcurrency: props.graderReservedConcurrency } : {}),
    });

    this.api = new NodeFunction(this, 'Api', {
      entry: 'functions/lambda/api.ts',
      description: 'virtlab site and API (Hono)',
      serviceName: 'virtlab-api',
      timeout: Duration.seconds(15),
      memorySize: 1024,
      // The public host behind CloudFront: the sign-in callback and the form-origin check use it.
      environment: { ...environment, QUEUE_URL: this.grading.queue.queueUrl, SITE_HOST: this.cdn.host },
      withAssets: true,
    });
    this.data.grantApi(this.api.fn);
    this.grading.queue.grantSendMessages(this.api.fn);
    this.identity.grantDirectory(this.api.fn);
    this.regrades = new RegradeFanout(this, 'Regrade', {
      data: this.data,
      gradingQueue: this.grading.queue,
      environment: { ...environment, QUEUE_URL: this.grading.queue.queueUrl },
      api: this.api.fn,
      tracing: props.tracing ?? false,
    });
    this.throttles = new RouteThrottles(this, 'Throttles', { web: this.web, integration: this.web.serve(this.api.fn) });
    if (props.ltiToolKeySecret)
      this.lti = new LtiTool(this, 'Lti', {
        data: this.data,
        api: this.api,
        grader: this.grading.grader,
        environment,
        toolKeySecret: props.ltiToolKeySecret,
      });
    const ltiWorker = this.lti ? [this.lti.worker.fn] : [];

    this.monitoring = new Monitoring(this, 'Monitoring', {
      grading: this.grading,
      web: this.web,
      api: this.api.fn,
      ...(props.tracing
        ? {
            tracing: {
              functions: [
                this.api.fn,
                this.grading.grader.fn,
                this.grading.sweeper.fn,
                this.regrades.worker.fn,
                ...ltiWorker,
              ],
            },
          }
        : {}),
    });
    if (props.alarmEmail) {
      this.alerts = new Alerts(this, 'Alerts', {
        email: props.alarmEmail,
        alarms: [
          this.grading.dlqAlarm,
          this.grading.graderErrorsAlarm,
          this.regrades.dlqAlarm,
          ...this.monitoring.alarms,
        ],
      });
      Validations.of(this.alerts).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An email subscription for alarm mail: an undeliverable alarm notice is not worth keeping, and the alarm state stays visible in CloudWatch.',
      });
    }

    this.acknowledgeServerless(props.tracing ?? false);

    new CfnOutput(this, 'SiteUrl', { value: this.cdn.url, description: 'Open this in a browser (CloudFront)' });
    new CfnOutput(this, 'ApiOriginUrl', { value: this.web.siteUrl, description: 'The HTTP API behind CloudFront' });
    new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'HostedUiDomain', { value: this.identity.hostedUiUrl, description: 'Cognito hosted sign-in' });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName, description: 'Retained on stack deletion' });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.grading.deadLetterQueue.queueUrl });
  }

  /** cdk-nag's Serverless pack: what does not apply to this design, with why. */
  private acknowledgeServerless(tracing: boolean): void {
    const ack = (scope: Construct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });
    const { grader, sweeper, deadLetterQueue, queue } = this.grading;
    ack(
      this.api.fn,
      'Serverless-LambdaDLQ',
      'Invoked synchronously by API Gateway only: the caller receives the error, there is no asynchronous event to keep.',
    );
    ack(
      grader.fn,
      'Serverless-LambdaDLQ',
      'Invoked synchronously by its SQS event source only; a message that keeps failing goes to the queue redrive dead-letter queue after 5 receives.',
    );
    ack(
      grader.fn,
      'Serverless-LambdaEventSourceMappingDestination',
      'On-failure destinations apply to stream sources; this SQS source relies on the queue redrive policy (dead-letter queue, DeadLettersAlarm).',
    );
    ack(
      sweeper.fn,
      'Serverless-LambdaDLQ',
      'A scheduled sweep with no payload: a failed run is simply repeated by the next one two minutes later, which re-reads the index.',
    );
    ack(
      this.grading,
      'Serverless-EventBusDLQ',
      'The schedule target carries no payload and retries 0 times on purpose: the next sweep two minutes later redoes the work.',
    );
    ack(
      deadLetterQueue,
      'Serverless-SQSRedrivePolicy',
      `This is the dead-letter queue of ${queue.node.id}: its messages wait 14 days for a person, and DeadLettersAlarm fires on the first.`,
    );
    if (!tracing)
      for (const fn of [this.api.fn, grader.fn, sweeper.fn, ...(this.lti ? [this.lti.worker.fn] : [])])
        ack(
          fn,
          'Serverless-LambdaTracing',
          'X-Ray is opt-in (-c tracing=true, billed per trace); correlation ids in the JSON logs and the EMF metrics cover the usual questions.',
        );
  }
}
