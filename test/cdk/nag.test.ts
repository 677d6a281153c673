import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { createVirtlabApp } from '../../cdk/virtlab-app.ts';
import { SKIP_BUNDLING } from './synth.ts';

const newApp = (context: Record<string, unknown> = {}) =>
  createVirtlabApp({ context: { ...SKIP_BUNDLING, ...context } });

/** Every acknowledgement in the tree: construct path, rule id, reason. */
function acknowledgements(app: ReturnType<typeof newApp>['app']) {
  return app.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason })),
        ),
    );
}

describe('cdk-nag AwsSolutions checks', () => {
  // A synthesis bundles every function with esbuild: over 30 s on two cores shared with other work.
  it('leave no unacknowledged finding on the stack', () => {
    const { app } = newApp();
    expect(() => app.synth()).not.toThrow();
  }, 120_000);

  it('are really applied: a stray insecure queue fails synthesis, and only it is reported', () => {
    const { app, stack } = newApp();
    new Queue(stack, 'Insecure');
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
    const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8'));
    const violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] =
      report.pluginReports.flatMap((r: { violations: unknown[] }) => r.violations);
    // Both packs: AwsSolutions (no DLQ, no TLS-only policy) and Serverless (no redrive policy).
    expect(violations.map((v) => v.ruleName).sort()).toEqual([
      'AwsSolutions-SQS3',
      'AwsSolutions-SQS4',
      'Serverless-SQSRedrivePolicy',
    ]);
    for (const v of violations)
      expect(v.violatingConstructs.map((c) => c.constructPath)).toEqual(['Virtlab/Insecure/Resource']);
  });

  it('pass with the Plus feature plan too (threat protection instead of an acknowledgement)', () => {
    const { app } = newApp({ cognitoPlus: 'true' });
    expect(() => app.synth()).not.toThrow();
    expect(acknowledgements(app).map((a) => a.id)).not.toContain('Annotation::AwsSolutions-COG8');
  });

  it('pass with alarm mail too, the topic acknowledging only its encryption (with a reason)', () => {
    const { app } = newApp({ alarmEmail: 'ops@example.org' });
    expect(() => app.synth()).not.toThrow();
    const alerts = acknowledgements(app).filter((a) => a.path.startsWith('Virtlab/Alerts/'));
    expect(alerts.map((a) => a.id)).toEqual(['Annotation::AwsSolutions-SNS2']);
    expect(alerts[0].reason).toMatch(/CloudWatch/);
  });

  it('every acknowledgement names a rule and gives a real reason', () => {
    const { app } = newApp();
    const acks = acknowledgements(app);
    console.log(acks.map((a) => `${a.path}  ${a.id}\n    ${a.reason}`).join('\n'));
    expect(acks.length).toBeGreaterThan(0);
    for (const a of acks) {
      expect(a.id).toMatch(/AwsSolutions-[A-Z]+\d+|Serverless-[A-Za-z]+/);
      expect(a.reason.split(/\s+/).length, `${a.id} at ${a.path}`).toBeGreaterThanOrEqual(8);
    }
  });
});
