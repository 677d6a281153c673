import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** Cognito groups the app maps to roles (see functions/auth). */
export const USER_GROUPS = { teachers: 'teachers', learners: 'learners' } as const;

export interface IdentityProps {
  /** The site's base URL without a trailing slash; the hosted UI returns to `<site>/auth/callback`. */
  readonly siteUrl: string;
  /** Hosted UI domain prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique per region. */
  readonly domainPrefix: string;
  /** Plus feature plan with enforced threat protection (billed per monthly active user). */
  readonly plusFeaturePlan: boolean;
}

/**
 * Who may sign in: teachers create accounts (no self sign-up), users sign in with their email on the hosted UI, and
 * the app exchanges the authorization code (PKCE, public client: no secret to keep) and verifies tokens itself.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: props.plusFeaturePlan ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(props.plusFeaturePlan ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional (authenticator app): learners in a classroom often have no second device; teachers are asked to enrol one.',
    });
    if (!props.plusFeaturePlan) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'The Plus plan bills every monthly active user; a free course runs on Essentials with a strong password policy and no self sign-up. Deploy with -c cognitoPlus=true to enable threat protection.',
      });
    }

    for (const [key, groupName] of Object.entries(USER_GROUPS)) {
      new UserPoolGroup(this, `Group-${key}`, { userPool: this.userPool, groupName });
    }

    this.domain = this.userPool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: props.domainPrefix } });

    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.siteUrl}/auth/callback`],
        logoutUrls: [`${props.siteUrl}/`],
      },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
  }

  /** The hosted UI's base URL, e.g. `https://virtlab-123.auth.eu-west-1.amazoncognito.com`. */
  get hostedUiUrl(): string {
    return this.domain.baseUrl();
  }
}
