import { App, type AppProps, Aws, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { Federation } from './constructs/identity.ts';
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
  /** A school's SAML IdP: its metadata URL (https), the provider's name and the assertion attribute of the email. */
  readonly samlMetadataUrl?: string;
  readonly samlEmailAttribute?: string;
  /** A school's OIDC IdP: its issuer (https), client id and the Secrets Manager secret of its client secret. */
  readonly oidcIssuer?: string;
  readonly oidcClientId?: string;
  readonly oidcClientSecretName?: string;
  /** The external IdP's name on the hosted UI (default `school`). */
  readonly idpName?: string;
  /** Cognito's mail through SES from this verified SES identity (an address), optionally in another region. */
  readonly sesFromEmail?: string;
  readonly sesRegion?: string;
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

const bilingualError = (ko: string, en: string) => new Error(`${ko} / ${en}`);

/** The email claim most SAML IdPs send (the WS-Federation claim type); `samlEmailAttribute` names another. */
const SAML_EMAIL_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';

const httpsUrl = (key: string, value: unknown): string => {
  const text = String(value).trim();
  if (!/^https:\/\/[^\s/]+/.test(text))
    throw bilingualError(
      `${key} 값은 https:// 주소여야 합니다: "${text}"`,
      `${key} must be an https:// URL: "${text}"`,
    );
  return text;
};

/** One external IdP from the context: SAML or OIDC, not both; an OIDC IdP needs all three of its values. */
export function federationFrom(context: (key: keyof VirtlabContext) => unknown): { federation?: Federation } {
  const name = String(context('idpName') ?? 'school');
  const saml = context('samlMetadataUrl');
  const oidc = (['oidcIssuer', 'oidcClientId', 'oidcClientSecretName'] as const).map(context);
  const anyOidc = oidc.some((v) => v !== undefined);
  if (saml !== undefined && anyOidc)
    throw bilingualError(
      'SAML과 OIDC 중 하나만 설정하세요.',
      'Configure a SAML or an OIDC identity provider, not both.',
    );
  if (saml !== undefined) {
    return {
      federation: {
        kind: 'saml',
        name,
        metadataUrl: httpsUrl('samlMetadataUrl', saml),
        emailAttribute: String(context('samlEmailAttribute') ?? SAML_EMAIL_CLAIM),
      },
    };
  }
  if (!anyOidc) return {};
  const [issuer, clientId, secretName] = oidc;
  if (typeof clientId !== 'string' || typeof secretName !== 'string' || !clientId || !secretName)
    throw bilingualError(
      'OIDC에는 oidcIssuer, oidcClientId, oidcClientSecretName이 모두 필요합니다.',
      'An OIDC provider needs oidcIssuer, oidcClientId and oidcClientSecretName together.',
    );
  return {
    federation: {
      kind: 'oidc',
      name,
      issuerUrl: httpsUrl('oidcIssuer', issuer),
      clientId,
      clientSecretName: secretName,
    },
  };
}

function sesEmailFrom(from: unknown, region: unknown): { sesEmail?: { fromEmail: string; region?: string } } {
  if (from === undefined) return {};
  const fromEmail = String(from).trim();
  if (!EMAIL.test(fromEmail))
    throw bilingualError(
      `sesFromEmail 값이 이메일 주소가 아닙니다: "${fromEmail}"`,
      `sesFromEmail is not an email address: "${fromEmail}"`,
    );
  return { sesEmail: { fromEmail, ...(region !== undefined ? { region: String(region) } : {}) } };
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
    ...federationFrom(context),
    ...sesEmailFrom(context('sesFromEmail'), context('sesRegion')),
    ...(context('graderReservedConcurrency') === undefined
      ? {}
      : { graderReservedConcurrency: Number(context('graderReservedConcurrency')) }),
    ...(typeof context('ltiToolKeySecret') === 'string'
      ? { ltiToolKeySecret: context('ltiToolKeySecret') as string }
      : {}),
  });
  return { app, stack };
}
