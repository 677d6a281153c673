import { Duration, RemovalPolicy, SecretValue, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  ProviderAttribute,
  UserPoolEmail,
  UserPoolIdentityProviderOidc,
  UserPoolIdentityProviderSaml,
  UserPoolIdentityProviderSamlMetadata,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { COGNITO_DIRECTORY_ACTIONS } from '../../functions/adapters/directory/cognito.ts';

/** Cognito groups the app maps to roles (see functions/auth). */
export const USER_GROUPS = { teachers: 'teachers', learners: 'learners' } as const;

export interface IdentityProps {
  /** The site's base URL without a trailing slash; the hosted UI returns to `<site>/auth/callback`. */
  readonly siteUrl: string;
  /** Hosted UI domain prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique per region. */
  readonly domainPrefix: string;
  /** Plus feature plan with enforced threat protection (billed per monthly active user). */
  readonly plusFeaturePlan: boolean;
  /** A school's own sign-in beside the user pool's: a SAML IdP by its metadata URL, or an OIDC IdP. */
  readonly federation?: Federation;
  /** Cognito's mail (invitations, codes) sent through SES from this verified identity, instead of Cognito's own. */
  readonly sesEmail?: { readonly fromEmail: string; readonly region?: string };
}

/** The external identity provider, as the app's context names it (cdk/virtlab-app.ts). */
export type Federation =
  | { readonly kind: 'saml'; readonly name: string; readonly metadataUrl: string; readonly emailAttribute: string }
  | {
      readonly kind: 'oidc';
      readonly name: string;
      readonly issuerUrl: string;
      readonly clientId: string;
      /** A Secrets Manager secret holding the client secret: the template carries a reference, never the value. */
      readonly clientSecretName: string;
    };

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
      ...(props.sesEmail
        ? {
            email: UserPoolEmail.withSES({
              fromEmail: props.sesEmail.fromEmail,
              ...(props.sesEmail.region ? { sesRegion: props.sesEmail.region } : {}),
            }),
          }
        : {}),
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
    const idp = props.federation ? this.addFederation(props.federation) : undefined;

    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      supportedIdentityProviders: [
        UserPoolClientIdentityProvider.COGNITO,
        // A reference to the provider, so CloudFormation creates it before the client that names it.
        ...(idp ? [UserPoolClientIdentityProvider.custom(idp.providerName)] : []),
      ],
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

  private addFederation(f: Federation): UserPoolIdentityProviderSaml | UserPoolIdentityProviderOidc {
    // Users from the school's IdP arrive with their email, the key a roster import finds them by.
    if (f.kind === 'saml') {
      return new UserPoolIdentityProviderSaml(this, 'SamlIdp', {
        userPool: this.userPool,
        name: f.name,
        metadata: UserPoolIdentityProviderSamlMetadata.url(f.metadataUrl),
        attributeMapping: { email: ProviderAttribute.other(f.emailAttribute) },
      });
    }
    return new UserPoolIdentityProviderOidc(this, 'OidcIdp', {
      userPool: this.userPool,
      name: f.name,
      issuerUrl: f.issuerUrl,
      clientId: f.clientId,
      // A dynamic reference CloudFormation resolves at deploy time; the secret never appears in the template.
      clientSecret: SecretValue.secretsManager(f.clientSecretName).unsafeUnwrap(),
      scopes: ['openid', 'email', 'profile'],
      attributeMapping: { email: ProviderAttribute.other('email') },
    });
  }

  /** Lets the roster import find and create learners in this pool (functions/adapters/directory/cognito.ts). */
  grantDirectory(grantee: IGrantable): void {
    this.userPool.grant(grantee, ...COGNITO_DIRECTORY_ACTIONS);
  }

  /** The hosted UI's base URL, e.g. `https://virtlab-123.auth.eu-west-1.amazoncognito.com`. */
  get hostedUiUrl(): string {
    return this.domain.baseUrl();
  }
}
