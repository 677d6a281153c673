import { describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { createVirtlabApp } from '../../cdk/virtlab-app.ts';
import { SKIP_BUNDLING, resourcesOf, synthTemplate } from './synth.ts';

/** The identity options of the app's context: a school's SAML or OIDC sign-in, and Cognito mail through SES. */
describe('identity options', () => {
  it('by default: no external IdP, the client offers Cognito only, and Cognito sends its own mail', () => {
    const { template } = synthTemplate();
    template.resourceCountIs('AWS::Cognito::UserPoolIdentityProvider', 0);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { SupportedIdentityProviders: ['COGNITO'] });
    const pool = Object.values(resourcesOf(template, 'AWS::Cognito::UserPool'))[0].Properties;
    expect(pool.EmailConfiguration?.EmailSendingAccount ?? 'COGNITO_DEFAULT').toBe('COGNITO_DEFAULT');
  });

  it('SAML: the IdP from its metadata URL with the email mapped, offered by the client', () => {
    const { template } = synthTemplate({
      samlMetadataUrl: 'https://idp.uni.example/metadata.xml',
      idpName: 'uni',
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'uni',
      ProviderType: 'SAML',
      ProviderDetails: { MetadataURL: 'https://idp.uni.example/metadata.xml' },
      AttributeMapping: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress' },
    });
    // The client refers to the provider (a Ref), so CloudFormation creates the provider first.
    const [idpId] = Object.keys(resourcesOf(template, 'AWS::Cognito::UserPoolIdentityProvider'));
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      SupportedIdentityProviders: ['COGNITO', { Ref: idpId }],
    });
  });

  it('OIDC: the client secret is a Secrets Manager reference, never a value in the template', () => {
    const { template } = synthTemplate({
      oidcIssuer: 'https://login.uni.example',
      oidcClientId: 'virtlab',
      oidcClientSecretName: 'virtlab/oidc',
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'school',
      ProviderType: 'OIDC',
      ProviderDetails: Match.objectLike({
        client_id: 'virtlab',
        oidc_issuer: 'https://login.uni.example',
        client_secret: '{{resolve:secretsmanager:virtlab/oidc:SecretString:::}}',
      }),
    });
  });

  it('SES: Cognito mail goes through the verified identity (developer sending account)', () => {
    const { template } = synthTemplate({ sesFromEmail: 'course@uni.example', sesRegion: 'eu-west-1' });
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: Match.objectLike({
        EmailSendingAccount: 'DEVELOPER',
        From: 'course@uni.example',
        SourceArn: Match.anyValue(),
      }),
    });
  });

  it('bad context is refused with a bilingual message', () => {
    const synth = (context: Record<string, unknown>) => () =>
      createVirtlabApp({ context: { ...SKIP_BUNDLING, ...context } });
    expect(synth({ samlMetadataUrl: 'http://idp.example/m.xml' })).toThrow(/https:\/\/ 주소.*https:\/\/ URL/);
    expect(synth({ oidcIssuer: 'https://login.uni.example' })).toThrow(/oidcClientSecretName/);
    expect(synth({ samlMetadataUrl: 'https://a.example/m', oidcClientId: 'x' })).toThrow(/SAML과 OIDC/);
    expect(synth({ sesFromEmail: 'not-mail' })).toThrow(/sesFromEmail/);
  });
});
