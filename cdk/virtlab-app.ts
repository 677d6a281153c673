import { App, type AppProps, Aws, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { VirtlabStack } from './virtlab-stack.ts';

export const STACK_NAME = 'Virtlab';

/** Context values read by the app (`cdk deploy -c key=value` or cdk.json). */
export interface VirtlabContext {
  /** Hosted UI domain prefix. Default: `virtlab-<account id>`, unique per account. */
  readonly hostedUiPrefix?: string;
  /** `true` for Cognito's Plus plan (threat protection, billed per active user). */
  readonly cognitoPlus?: boolean | string;
  /** Where alarm mail goes (an SNS email subscription); unset, the alarms have no action. */
  readonly alarmEmail?: string;
  /** `true` for X-Ray active tracing on the functions. */
  readonly tracing?: boolean | string;
  /** A custom host name for the site; needs `certificateArn` (ACM, us-east-1). */
  readonly siteDomain?: string;
  readonly certificateArn?: string;
  /** Reserved concurrency for the grader (≥ 20); unset, none. */
  readonly graderReservedConcurrency?: number | string;
  /** The Secrets Manager secret (name or ARN) with the LTI tool's private JWK; unset, no LTI (docs/lti.md). */
  readonly ltiToolKeySecret?: string;
}

/** Loose on purpose: it catches a flag given the wrong value (a name, an empty string), not every bad address. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function alarmEmailFrom(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const email = String(value).trim();
  if (!EMAIL.test(email))
    throw new Error(
      `alarmEmail 값이 이메일 주소가 아닙니다: "${email}" (예: -c alarmEmail=ops@example.org) / ` +
        `alarmEmail is not an email address: "${email}" (e.g. -c alarmEmail=ops@example.org)`,
    );
  return email;
}

function siteDomainFrom(
  name: unknown,
  certificateArn: unknown,
): { siteDomain?: { name: string; certificateArn: string } } {
  if (name === undefined && certificateArn === undefined) return {};
  if (typeof name !== 'string' || typeof certificateArn !== 'string' || !certificateArn.startsWith('arn:'))
    throw new Error(
      'siteDomain and certificateArn go together (e.g. -c siteDomain=course.example.org -c certificateArn=arn:aws:acm:us-east-1:…)',
    );
  return { siteDomain: { name, certificateArn } };
}

/** The CDK app with the stack and cdk-nag's AwsSolutions and Serverless checks: synth fails on any unacknowledged finding. */
export function createVirtlabApp(props: AppProps = {}): { app: App; stack: VirtlabStack } {
  const app = new App(props);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  const context = (key: keyof VirtlabContext): unknown => app.node.tryGetContext(key);
  const stack = new VirtlabStack(app, STACK_NAME, {
    hostedUiPrefix: (context('hostedUiPrefix') as string | undefined) ?? `virtlab-${Aws.ACCOUNT_ID}`,
    cognitoPlus: String(context('cognitoPlus')) === 'true',
    alarmEmail: alarmEmailFrom(context('alarmEmail')),
    tracing: String(context('tracing')) === 'true',
    ...siteDomainFrom(context('siteDomain'), context('certificateArn')),
    ...(context('graderReservedConcurrency') === undefined
      ? {}
      : { graderReservedConcurrency: Number(context('graderReservedConcurrency')) }),
    ...(typeof context('ltiToolKeySecret') === 'string'
      ? { ltiToolKeySecret: context('ltiToolKeySecret') as string }
      : {}),
  });
  return { app, stack };
}
