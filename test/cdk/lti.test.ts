import { describe, expect, it } from 'vitest';
import { resourcesOf, synthTemplate } from './synth.ts';

/** The LTI tool on AWS (cdk/constructs/lti.ts): only with a tool-key secret; least privilege; cdk-nag clean. */
const SECRET = 'virtlab/lti-tool-key';
const { app, template } = synthTemplate({ ltiToolKeySecret: SECRET });
const functions = resourcesOf(template, 'AWS::Lambda::Function');
const functionId = (service: string) =>
  Object.keys(functions).find(
    (id) => functions[id].Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === service,
  )!;
const envOf = (service: string) => functions[functionId(service)].Properties.Environment.Variables;

/** Which actions a function's role may take on which resources (its own log group left out). */
function grantsOf(service: string): string[] {
  const roleId = functions[functionId(service)].Properties.Role['Fn::GetAtt'][0];
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .filter((s: { Action: string | string[] }) => ![s.Action].flat().some((a) => a.startsWith('logs:')))
    .map(
      (s: { Action: string | string[]; Resource: unknown }) =>
        `${[s.Action].flat().sort().join(',')} ${JSON.stringify(s.Resource)}`,
    );
}

describe('the LTI tool in the stack', () => {
  it('gives the API and the outbox worker the tool key from Secrets Manager, resolved at deploy time', () => {
    const resolved = `{{resolve:secretsmanager:${SECRET}:SecretString:::}}`;
    for (const service of ['virtlab-api', 'virtlab-lti-outbox'])
      expect(envOf(service)).toMatchObject({ LTI_TOOL_KEY: 'env:LTI_TOOL_JWK', LTI_TOOL_JWK: resolved });
    expect(envOf('virtlab-grader').LTI_TOOL_JWK).toBeUndefined();
    // No key material in the template: only the reference.
    expect(JSON.stringify(template.toJSON())).not.toMatch(/"kty"|BEGIN PRIVATE KEY/);
  });

  it('runs the outbox worker every minute, without retries of the empty event', () => {
    const rules = Object.values(resourcesOf(template, 'AWS::Events::Rule')).filter((r) =>
      JSON.stringify(r.Properties.Targets).includes(functionId('virtlab-lti-outbox')),
    );
    expect(rules).toHaveLength(1);
    expect(rules[0].Properties.ScheduleExpression).toBe('rate(1 minute)');
    expect(rules[0].Properties.Targets[0].RetryPolicy).toEqual({ MaximumRetryAttempts: 0 });
  });

  it('grants each function exactly the table calls its LTI path makes', () => {
    const worker = grantsOf('virtlab-lti-outbox');
    expect(worker).toHaveLength(2);
    expect(worker[0]).toMatch(/^dynamodb:Query .*\/index\/StatusIndex/);
    expect(worker[1]).toMatch(/^dynamodb:GetItem,dynamodb:UpdateItem \{"Fn::GetAtt":\["Data/);
    expect(grantsOf('virtlab-api').some((g) => /^dynamodb:Query .*\/index\/StatusIndex/.test(g))).toBe(true);
    const grader = grantsOf('virtlab-grader');
    expect(grader.some((g) => /^dynamodb:Query .*\/index\/GSI1"/.test(g))).toBe(true);
    expect(grader.some((g) => /^dynamodb:PutItem \{"Fn::GetAtt"/.test(g))).toBe(true);
  });

  it('passes cdk-nag (AwsSolutions and Serverless)', () => {
    expect(() => app.synth()).not.toThrow();
  });

  it('is absent without the secret: no worker, no key in the API', () => {
    const plain = resourcesOf(synthTemplate().template, 'AWS::Lambda::Function');
    const services = Object.values(plain).map((f) => f.Properties.Environment.Variables);
    expect(services.map((v) => v.POWERTOOLS_SERVICE_NAME)).not.toContain('virtlab-lti-outbox');
    for (const v of services) expect(v.LTI_TOOL_KEY).toBeUndefined();
  });
});
