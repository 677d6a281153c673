import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { BUNDLE_ASSETS_DIR, BUNDLE_CONTENT_DIR, NODE_RUNTIME } from '../../cdk/constructs/node-function.ts';
import { MAX_RECEIVE_COUNT } from '../../cdk/constructs/grading-pipeline.ts';
import { createTableInput, SUBMISSION_SUMMARY_ATTRIBUTES, TABLE } from '../../functions/adapters/dynamo/table.ts';
import { getAtt, onlyId, resourcesOf, synthTemplate } from './synth.ts';

const { template } = synthTemplate({ hostedUiPrefix: 'virtlab-test' });

const tableId = onlyId(template, 'AWS::DynamoDB::Table');
// The grading pipeline's queues (the regrade fan-out's are in regrade-fanout.test.ts).
const gradingQueues = Object.keys(resourcesOf(template, 'AWS::SQS::Queue')).filter((id) => id.startsWith('Grading'));
const queueId = gradingQueues.find((id) => resourcesOf(template, 'AWS::SQS::Queue')[id].Properties.RedrivePolicy)!;
const dlqId = gradingQueues.find((id) => id !== queueId)!;
const functions = resourcesOf(template, 'AWS::Lambda::Function');
const functionId = (service: string) =>
  Object.keys(functions).find(
    (id) => functions[id].Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === service,
  )!;
const apiFn = functionId('virtlab-api');
const graderFn = functionId('virtlab-grader');
const sweeperFn = functionId('virtlab-sweeper');

/** Every statement of the policies attached to a function's role, actions as arrays. */
function statementsOf(fnId: string): { actions: string[]; resources: unknown[] }[] {
  const roleId = functions[fnId].Properties.Role['Fn::GetAtt'][0];
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .map((s: any) => ({ actions: [s.Action].flat(), resources: [s.Resource].flat() }));
}
const tableArn = getAtt(tableId);
const indexArn = (name: string) => ({ 'Fn::Join': ['', [tableArn, `/index/${name}`]] });
const indexArns = TABLE.globalSecondaryIndexes.map((g) => indexArn(g.indexName));
const queueArn = getAtt(queueId);
/** Which actions a function may take on one resource. */
const actionsOn = (fnId: string, resource: unknown) =>
  statementsOf(fnId)
    .filter((s) => s.resources.some((r) => JSON.stringify(r) === JSON.stringify(resource)))
    .flatMap((s) => s.actions)
    .sort();

describe('data table', () => {
  it('is on demand, has point-in-time recovery and is retained on stack deletion', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    });
  });

  it('has the keys, indexes and TTL attribute of the adapter’s table definition', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: createTableInput('any').GlobalSecondaryIndexes.map((g) =>
        Match.objectLike({ IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection }),
      ),
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
    });
  });

  it('projects only summaries into the user and course indexes (no configuration text, no grade detail)', () => {
    const indexes: { IndexName: string; Projection: { ProjectionType: string; NonKeyAttributes?: string[] } }[] =
      Object.values(resourcesOf(template, 'AWS::DynamoDB::Table'))[0].Properties.GlobalSecondaryIndexes;
    const projected = (name: string) => indexes.find((g) => g.IndexName === name)!.Projection;
    for (const name of ['GSI1', 'GSI2']) {
      expect(projected(name).ProjectionType).toBe('INCLUDE');
      expect(projected(name).NonKeyAttributes).toEqual(expect.arrayContaining([...SUBMISSION_SUMMARY_ATTRIBUTES]));
      expect(projected(name).NonKeyAttributes).not.toContain('config');
      expect(projected(name).NonKeyAttributes).not.toContain('gradeDetail');
    }
    // GSI1 also lists a user's memberships, so it carries their fields; GSI2 is submissions only.
    expect(projected('GSI1').NonKeyAttributes).toEqual(expect.arrayContaining(['userId', 'role', 'joinedAt']));
    expect([...projected('GSI2').NonKeyAttributes!].sort()).toEqual([...SUBMISSION_SUMMARY_ATTRIBUTES].sort());
    expect(projected('StatusIndex').ProjectionType).toBe('ALL');
  });
});

describe('functions', () => {
  it('are exactly the API, the grader, the sweeper and the regrade fan-out', () => {
    expect(Object.keys(functions)).toHaveLength(4);
    expect(new Set([apiFn, graderFn, sweeperFn, functionId('virtlab-regrade-fanout')]).size).toBe(4);
  });

  it.each([
    ['api', apiFn],
    ['grader', graderFn],
    ['sweeper', sweeperFn],
  ])('%s runs on arm64 with the current Node.js runtime, ESM handler and JSON logs', (_, id) => {
    const p = functions[id].Properties;
    expect(p.Architectures).toEqual(['arm64']);
    expect(p.Runtime).toBe(NODE_RUNTIME.name);
    expect(p.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
    expect(p.Handler).toBe('index.handler');
    expect(p.LoggingConfig).toMatchObject({ LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } });
    expect(template.findResources('AWS::Logs::LogGroup')[p.LoggingConfig.LogGroup.Ref].Properties.RetentionInDays).toBe(
      30,
    );
  });

  it.each([
    ['api', apiFn],
    ['grader', graderFn],
    ['sweeper', sweeperFn],
  ])('%s gets the shared environment pointing at this stack’s resources', (_, id) => {
    const env = functions[id].Properties.Environment.Variables;
    expect(env).toMatchObject({
      APP_MODE: 'aws',
      CONTENT_DIR: BUNDLE_CONTENT_DIR,
      TABLE_NAME: { Ref: tableId },
      QUEUE_URL: { Ref: queueId },
      USER_POOL_ID: { Ref: onlyId(template, 'AWS::Cognito::UserPool') },
      USER_POOL_CLIENT_ID: { Ref: onlyId(template, 'AWS::Cognito::UserPoolClient') },
      COGNITO_DOMAIN: {
        'Fn::Join': ['', expect.arrayContaining([{ Ref: onlyId(template, 'AWS::Cognito::UserPoolDomain') }])],
      },
    });
  });

  it('only the API serves browser assets', () => {
    expect(functions[apiFn].Properties.Environment.Variables.ASSETS_DIR).toBe(BUNDLE_ASSETS_DIR);
    expect(functions[graderFn].Properties.Environment.Variables.ASSETS_DIR).toBeUndefined();
  });
});

describe('grading pipeline', () => {
  it('consumes the submission queue with per-message failure reports', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: queueArn,
      FunctionName: { Ref: graderFn },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('moves a submission to the dead-letter queue after repeated failures', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: getAtt(dlqId), maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    expect(MAX_RECEIVE_COUNT).toBeGreaterThan(1);
  });

  it('hides a message for at least six grader timeouts', () => {
    const queue = resourcesOf(template, 'AWS::SQS::Queue')[queueId].Properties;
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * functions[graderFn].Properties.Timeout);
  });

  it('encrypts both queues and refuses plain-HTTP requests', () => {
    for (const id of [queueId, dlqId]) {
      expect(resourcesOf(template, 'AWS::SQS::Queue')[id].Properties.SqsManagedSseEnabled).toBe(true);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('alarms when anything reaches the dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: getAtt(dlqId, 'QueueName') }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    });
  });

  it('alarms when the grader fails', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: graderFn } }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    });
  });

  it('runs the sweeper every two minutes', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(2 minutes)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: getAtt(sweeperFn) })],
    });
  });
});

describe('identity', () => {
  it('has no self sign-up, signs in by email and demands strong passwords', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: Match.anyValue(),
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
    const min = Object.values(resourcesOf(template, 'AWS::Cognito::UserPool'))[0].Properties.Policies.PasswordPolicy
      .MinimumLength;
    expect(min).toBeGreaterThanOrEqual(12);
  });

  it('has the teachers and learners groups', () => {
    const names = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(names.sort()).toEqual(['learners', 'teachers']);
  });

  it('has a public app client using the code grant back to <site>/auth/callback', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayWith(['openid', 'email']),
      GenerateSecret: false,
      CallbackURLs: [{ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/auth/callback$')])] }],
    });
  });

  it('has a hosted UI domain whose prefix comes from context', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'virtlab-test' });
  });

  it('defaults the hosted UI prefix to one unique per account', () => {
    const { template: t } = synthTemplate();
    t.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['virtlab-', { Ref: 'AWS::AccountId' }]] },
    });
  });

  it('switches to the Plus plan with enforced threat protection on request', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'ESSENTIALS' });
    const { template: plus } = synthTemplate({ cognitoPlus: 'true' });
    plus.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });
});

describe('HTTP API', () => {
  it('serves everything from the $default stage with access logs and throttling', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context\\.requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });

  it('sends the $default route to the API function without a gateway authorizer', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default', AuthorizationType: 'NONE' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: getAtt(apiFn),
      PayloadFormatVersion: '2.0',
    });
  });
});

describe('outputs', () => {
  it('name the site, the user pool, its client and the hosted UI', () => {
    const outputs = template.findOutputs('*');
    for (const name of ['SiteUrl', 'UserPoolId', 'UserPoolClientId', 'HostedUiDomain'])
      expect(outputs).toHaveProperty(name);
    // The site is CloudFront's; the HTTP API is its origin (site-cdn.test.ts).
    expect(JSON.stringify(outputs.SiteUrl.Value)).toContain('DomainName');
    expect(JSON.stringify(outputs.ApiOriginUrl.Value)).toContain('execute-api');
  });
});

describe('least privilege', () => {
  const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy'));
  const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);

  it('no statement uses a wildcard action or a wildcard resource', () => {
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) {
      for (const a of [s.Action].flat()) expect(a).not.toContain('*');
      for (const r of [s.Resource].flat()) expect(JSON.stringify(r)).not.toMatch(/"\*"|\/\*"/);
    }
  });

  it('no role carries an AWS managed policy', () => {
    for (const role of Object.values(resourcesOf(template, 'AWS::IAM::Role')))
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  const sorted = (a: string[]) => [...a].sort();

  it('the API may get, put, update and query the table and query the user and course indexes — nothing else; it only sends to the queue', () => {
    expect(sorted(actionsOn(apiFn, tableArn))).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(actionsOn(apiFn, indexArn('GSI1'))).toEqual(['dynamodb:Query']);
    expect(actionsOn(apiFn, indexArn('GSI2'))).toEqual(['dynamodb:Query']);
    expect(actionsOn(apiFn, indexArn('StatusIndex'))).toEqual([]);
    expect(actionsOn(apiFn, queueArn)).toContain('sqs:SendMessage');
    expect(actionsOn(apiFn, queueArn)).not.toContain('sqs:ReceiveMessage');
  });

  it('the grader may only get and update items (claims and results are conditional updates) and consume the queue', () => {
    expect(sorted(actionsOn(graderFn, tableArn))).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    for (const arn of indexArns) expect(actionsOn(graderFn, arn)).toEqual([]);
    expect(actionsOn(graderFn, queueArn)).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']));
    expect(actionsOn(graderFn, queueArn)).not.toContain('sqs:SendMessage');
  });

  it('the sweeper may only query its index and send', () => {
    expect(actionsOn(sweeperFn, indexArn('StatusIndex'))).toEqual(['dynamodb:Query']);
    for (const arn of indexArns.filter((a) => JSON.stringify(a) !== JSON.stringify(indexArn('StatusIndex'))))
      expect(actionsOn(sweeperFn, arn)).toEqual([]);
    expect(actionsOn(sweeperFn, tableArn)).toEqual([]);
    expect(actionsOn(sweeperFn, queueArn)).toContain('sqs:SendMessage');
    expect(actionsOn(sweeperFn, queueArn)).not.toContain('sqs:ReceiveMessage');
  });

  it('only the API may reach the user pool, for the roster import: get, create and add to a group — on the pool only', () => {
    const poolId = onlyId(template, 'AWS::Cognito::UserPool');
    const cognito = statementsOf(apiFn).filter((s) => s.actions.some((a) => a.startsWith('cognito-idp:')));
    expect(cognito).toEqual([
      {
        actions: ['cognito-idp:AdminGetUser', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminAddUserToGroup'],
        resources: [getAtt(poolId)],
      },
    ]);
    // The directory reads the pool id from the API's environment (functions/lambda/aws-deps.ts).
    expect(functions[apiFn].Properties.Environment.Variables.USER_POOL_ID).toEqual({ Ref: poolId });
    for (const fn of [graderFn, sweeperFn])
      for (const s of statementsOf(fn)) for (const a of s.actions) expect(a).not.toMatch(/^cognito-idp:/);
  });

  it('no function may scan, batch, delete items or run transactions', () => {
    for (const fn of [apiFn, graderFn, sweeperFn]) {
      for (const s of statementsOf(fn))
        for (const a of s.actions) expect(a).not.toMatch(/Scan|Batch|DeleteItem|Transact|ConditionCheck/);
    }
  });

  it('the table has deletion protection on and is retained', () => {
    const [table] = Object.values(resourcesOf(template, 'AWS::DynamoDB::Table'));
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect((table as { DeletionPolicy?: string }).DeletionPolicy).toBe('Retain');
  });

  it('every statement targets the table, its index, a queue, the user pool or the function’s own log group', () => {
    const logGroupArns = Object.keys(resourcesOf(template, 'AWS::Logs::LogGroup')).map((id) =>
      JSON.stringify(getAtt(id)),
    );
    // The API also sends a regrade's first tick (regrade-fanout.test.ts checks that queue's grants).
    const tickQueueArn = getAtt(
      Object.keys(resourcesOf(template, 'AWS::SQS::Queue')).find((id) => id.startsWith('RegradeTicks'))!,
    );
    // The API also finds and creates learners in the user pool (its actions are checked above).
    const poolArn = getAtt(onlyId(template, 'AWS::Cognito::UserPool'));
    const allowed = new Set(
      [tableArn, ...indexArns, queueArn, tickQueueArn, poolArn].map((r) => JSON.stringify(r)).concat(logGroupArns),
    );
    for (const fn of [apiFn, graderFn, sweeperFn]) {
      const ownLogs = JSON.stringify(getAtt(functions[fn].Properties.LoggingConfig.LogGroup.Ref));
      for (const s of statementsOf(fn)) {
        for (const r of s.resources) {
          const key = JSON.stringify(r);
          expect(allowed.has(key), key).toBe(true);
          if (s.actions.some((a) => a.startsWith('logs:'))) expect(key).toBe(ownLogs);
        }
      }
    }
  });
});
