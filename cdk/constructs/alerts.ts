import { Aws, Validations } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlertsProps {
  /** Who gets the mail; SNS sends a confirmation link first and delivers nothing until it is followed. */
  readonly email: string;
  /** Each alarm mails when it fires and again when it recovers. */
  readonly alarms: readonly Alarm[];
}

/** Alarm mail for the operator: one SNS topic with an email subscription, the action of every alarm given. */
export class Alerts extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'virtlab alarms', enforceSSL: true });
    // Not encrypted: CloudWatch cannot publish to a topic under the AWS-managed key, and a customer-managed key
    // (~1 USD a month) would cost more than the whole idle stack to protect messages that hold no learner data.
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm messages carry only the alarm name, state and metric, no learner data; CloudWatch cannot publish to a topic under the AWS-managed key, and a customer-managed key would cost more than the idle stack.',
    });
    this.topic.addSubscription(new EmailSubscription(props.email));

    // The TLS-only topic policy replaces SNS's default one (which let the account's services publish), so the
    // alarms need their own allow: CloudWatch, for exactly these alarms of this account.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnEquals: { 'aws:SourceArn': props.alarms.map((a) => a.alarmArn) },
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        },
      }),
    );
    const action = new SnsAction(this.topic);
    for (const alarm of props.alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }
}
