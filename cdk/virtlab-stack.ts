import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Alerts } from './constructs/alerts.ts';
import { DataTable } from './constructs/data-table.ts';
import { GradingPipeline } from './constructs/grading-pipeline.ts';
import { Identity } from './constructs/identity.ts';
import { NodeFunction } from './constructs/node-function.ts';
import { WebApi } from './constructs/web-api.ts';

export interface VirtlabStackProps extends StackProps {
  /** Hosted UI domain prefix; unique per region. */
  readonly hostedUiPrefix: string;
  /** Cognito Plus feature plan (threat protection), billed per monthly active user. */
  readonly cognitoPlus?: boolean;
  /** Mail the alarms (and their recovery) to this address; without it the alarms have no action. */
  readonly alarmEmail?: string;
}

/** The whole course platform: site + API, identity, grading pipeline and the table. */
export class VirtlabStack extends Stack {
  readonly data: DataTable;
  readonly web: WebApi;
  readonly identity: Identity;
  readonly grading: GradingPipeline;
  readonly api: NodeFunction;
  readonly alerts?: Alerts;

  constructor(scope: Construct, id: string, props: VirtlabStackProps) {
    super(scope, id, { description: 'virtlab: serverless virtualization course with automatic lab grading', ...props });

    this.data = new DataTable(this, 'Data');
    this.web = new WebApi(this, 'Web');
    this.identity = new Identity(this, 'Identity', {
      siteUrl: this.web.siteUrl,
      domainPrefix: props.hostedUiPrefix,
      plusFeaturePlan: props.cognitoPlus ?? false,
    });
    const environment = {
      TABLE_NAME: this.data.table.tableName,
      USER_POOL_ID: this.identity.userPool.userPoolId,
      USER_POOL_CLIENT_ID: this.identity.client.userPoolClientId,
      COGNITO_DOMAIN: this.identity.hostedUiUrl,
    };

    // The sparse index of submissions still waiting for a grade, ordered by when they become overdue.
    this.grading = new GradingPipeline(this, 'Grading', { data: this.data, sweepIndex: 'StatusIndex', environment });
    if (props.alarmEmail) {
      this.alerts = new Alerts(this, 'Alerts', {
        email: props.alarmEmail,
        alarms: [this.grading.dlqAlarm, this.grading.graderErrorsAlarm],
      });
    }

    this.api = new NodeFunction(this, 'Api', {
      entry: 'functions/lambda/api.ts',
      description: 'virtlab site and API (Hono)',
      serviceName: 'virtlab-api',
      timeout: Duration.seconds(15),
      memorySize: 1024,
      environment: { ...environment, QUEUE_URL: this.grading.queue.queueUrl },
      withAssets: true,
    });
    this.data.grantApi(this.api.fn);
    this.grading.queue.grantSendMessages(this.api.fn);
    this.web.serve(this.api.fn);

    new CfnOutput(this, 'SiteUrl', { value: this.web.siteUrl, description: 'Open this in a browser' });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'HostedUiDomain', { value: this.identity.hostedUiUrl, description: 'Cognito hosted sign-in' });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName, description: 'Retained on stack deletion' });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.grading.deadLetterQueue.queueUrl });
  }
}
