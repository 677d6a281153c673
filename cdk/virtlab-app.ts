import { App, type AppProps, Aws, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { VirtlabStack } from './virtlab-stack.ts';

export const STACK_NAME = 'Virtlab';

/** Context values read by the app (`cdk deploy -c key=value` or cdk.json). */
export interface VirtlabContext {
  /** Hosted UI domain prefix. Default: `virtlab-<account id>`, unique per account. */
  readonly hostedUiPrefix?: string;
  /** `true` for Cognito's Plus plan (threat protection, billed per active user). */
  readonly cognitoPlus?: boolean | string;
}

/** The CDK app with the stack and cdk-nag's AwsSolutions checks: synth fails on any unacknowledged finding. */
export function createVirtlabApp(props: AppProps = {}): { app: App; stack: VirtlabStack } {
  const app = new App(props);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const context = (key: keyof VirtlabContext): unknown => app.node.tryGetContext(key);
  const stack = new VirtlabStack(app, STACK_NAME, {
    hostedUiPrefix: (context('hostedUiPrefix') as string | undefined) ?? `virtlab-${Aws.ACCOUNT_ID}`,
    cognitoPlus: String(context('cognitoPlus')) === 'true',
  });
  return { app, stack };
}
