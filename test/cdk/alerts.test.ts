import { describe, expect, it } from 'vitest';
import { getAtt, onlyId, resourcesOf, synthTemplate } from './synth.ts';

const EMAIL = 'ops@example.org';

/** cdk-nag with the topic: nag.test.ts. */
describe('alarm mail (-c alarmEmail)', () => {
  const { template } = synthTemplate({ alarmEmail: EMAIL });
  const topicId = onlyId(template, 'AWS::SNS::Topic');
  const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm');

  it('subscribes the address to one topic', () => {
    const subscriptions = Object.values(resourcesOf(template, 'AWS::SNS::Subscription'));
    expect(subscriptions.map((s) => s.Properties)).toEqual([
      { Protocol: 'email', Endpoint: EMAIL, TopicArn: { Ref: topicId } },
    ]);
  });

  it('mails when any alarm fires and when it recovers', () => {
    // Dead letters and grader errors (pipeline), regrade tick dead letters, and the five of monitoring.ts.
    expect(Object.keys(alarms)).toHaveLength(8);
    for (const alarm of Object.values(alarms)) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
    }
  });

  it('takes only TLS publishes, and lets CloudWatch publish for exactly these alarms', () => {
    const policy = Object.values(resourcesOf(template, 'AWS::SNS::TopicPolicy'))[0].Properties;
    expect(policy.Topics).toEqual([{ Ref: topicId }]);
    const statements: any[] = policy.PolicyDocument.Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'sns:Publish',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' });
    expect(allows[0].Condition.ArnEquals['aws:SourceArn']).toEqual(
      expect.arrayContaining(Object.keys(alarms).map((id) => getAtt(id))),
    );
    expect(allows[0].Condition.ArnEquals['aws:SourceArn']).toHaveLength(8);
  });
});

describe('without alarmEmail', () => {
  it('creates no topic and leaves the alarms without actions', () => {
    const { template } = synthTemplate();
    expect(resourcesOf(template, 'AWS::SNS::Topic')).toEqual({});
    for (const alarm of Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toBeUndefined();
      expect(alarm.Properties.OKActions).toBeUndefined();
    }
  });
});

describe('a bad alarmEmail', () => {
  it.each(['ops', 'ops@example', '', 'ops @example.org', 'true'])(
    '%j stops synthesis with a message naming alarmEmail',
    (value) => {
      expect(() => synthTemplate({ alarmEmail: value })).toThrow(
        /alarmEmail 값이 이메일 주소가 아닙니다.*alarmEmail is not an email address/,
      );
    },
  );

  it('surrounding spaces are forgiven', () => {
    const { template } = synthTemplate({ alarmEmail: ` ${EMAIL} ` });
    template.hasResourceProperties('AWS::SNS::Subscription', { Endpoint: EMAIL });
  });
});
