import { describe, expect, it } from 'vitest';
import { GRADER_MAX_CONCURRENCY } from '../../cdk/constructs/grading-pipeline.ts';
import { PAGES_THROTTLE, ROUTE_THROTTLES } from '../../cdk/constructs/route-throttles.ts';
import { onlyId, resourcesOf, synthTemplate } from './synth.ts';

describe('per-route throttles', () => {
  const { template } = synthTemplate();
  const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route');
  const stageId = onlyId(template, 'AWS::ApiGatewayV2::Stage');
  const stage = template.toJSON().Resources[stageId];
  const keys = Object.values(ROUTE_THROTTLES).flatMap((c) => c.routes);

  it('gives each throttled path its own route, all to the one app integration, no gateway authorizer', () => {
    const byKey: Record<string, Record<string, unknown>> = Object.fromEntries(
      Object.values(routes).map((r) => [r.Properties.RouteKey, r.Properties]),
    );
    expect(Object.keys(byKey).sort()).toEqual(['$default', ...keys].sort());
    const targets = new Set(Object.values(byKey).map((r) => JSON.stringify(r.Target)));
    expect(targets.size).toBe(1);
    for (const r of Object.values(byKey)) expect(r.AuthorizationType).toBe('NONE');
  });

  it('sets every class’s limits on the stage, pages as the default', () => {
    const settings = stage.Properties.RouteSettings;
    for (const cls of Object.values(ROUTE_THROTTLES))
      for (const key of cls.routes)
        expect(settings[key]).toEqual({ ThrottlingRateLimit: cls.rateLimit, ThrottlingBurstLimit: cls.burstLimit });
    expect(stage.Properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: PAGES_THROTTLE.rateLimit,
      ThrottlingBurstLimit: PAGES_THROTTLE.burstLimit,
    });
  });

  it('creates the stage after the routes its settings name', () => {
    const throttled = Object.entries(routes)
      .filter(([, r]) => r.Properties.RouteKey !== '$default')
      .map(([id]) => id);
    expect(stage.DependsOn).toEqual(expect.arrayContaining(throttled));
  });

  it('lets the whole class (200) submit in the same second, and 200 learners poll once a second', () => {
    expect(ROUTE_THROTTLES.submissions.burstLimit).toBeGreaterThanOrEqual(200);
    expect(ROUTE_THROTTLES.polling.rateLimit).toBeGreaterThanOrEqual(200);
  });
});

describe('grader concurrency', () => {
  it(`lets the queue start at most ${GRADER_MAX_CONCURRENCY} graders, reserving none by default`, () => {
    const { template } = synthTemplate();
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ScalingConfig: { MaximumConcurrency: GRADER_MAX_CONCURRENCY },
    });
    for (const fn of Object.values(resourcesOf(template, 'AWS::Lambda::Function')))
      expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('reserves what -c graderReservedConcurrency asks, never below the queue maximum', () => {
    const { template } = synthTemplate({ graderReservedConcurrency: '25' });
    const reserved = Object.values(resourcesOf(template, 'AWS::Lambda::Function'))
      .map((f) => f.Properties.ReservedConcurrentExecutions)
      .filter((r) => r !== undefined);
    expect(reserved).toEqual([25]);
    expect(() => synthTemplate({ graderReservedConcurrency: '10' })).toThrow(/at least 20/);
  });
});
