import { Validations } from 'aws-cdk-lib';
import { CfnStage, HttpRoute, HttpRouteKey, type HttpRouteIntegration } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import type { WebApi } from './web-api.ts';

export interface Throttle {
  /** Steady requests per second (token refill rate). */
  readonly rateLimit: number;
  /** Bucket size: requests accepted at once before the steady rate applies. */
  readonly burstLimit: number;
}

export interface RouteClass extends Throttle {
  /** HTTP API route keys (`METHOD /path/{param}`) of the class; each becomes its own route with these limits. */
  readonly routes: readonly string[];
}

/**
 * Limits per kind of request, sized for 200 learners at a deadline (docs/capacity.md has the model): the numbers are
 * ceilings on what a runaway client or a broken poll loop can cost, set well above what the model expects, so a
 * class does not see 429s. Everything not listed (pages, the rest of /api) takes the stage default, `pages`.
 */
export const ROUTE_THROTTLES = {
  /** The submit button: ≤ 200 in the same second (the whole class), then ≤ 5 per learner per lab per minute. */
  submissions: { routes: ['POST /api/labs/{id}/submissions'], rateLimit: 25, burstLimit: 200 },
  /** The editor's check while typing (the app limits it to 120 per user per minute). */
  validate: { routes: ['POST /api/labs/{id}/validate'], rateLimit: 100, burstLimit: 200 },
  /** Result polling (≤ 1 per second per waiting learner after back-off; 304 when unchanged) and the final fragment. */
  polling: {
    routes: ['GET /api/submissions/{id}', 'GET /submissions/{id}/fragment'],
    rateLimit: 250,
    burstLimit: 500,
  },
  /** Hashed assets: CloudFront caches them for a year, so the origin only sees its cache misses. */
  assets: { routes: ['GET /assets/{name}'], rateLimit: 50, burstLimit: 100 },
} as const satisfies Record<string, RouteClass>;

/** The stage default: pages and the rest of the API (a few page loads per learner per minute). */
export const PAGES_THROTTLE: Throttle = { rateLimit: 50, burstLimit: 200 };

export interface RouteThrottlesProps {
  readonly web: WebApi;
  /** The app's integration, shared with the `$default` route (one integration, one function). */
  readonly integration: HttpRouteIntegration;
  readonly classes?: Record<string, RouteClass>;
}

/**
 * One explicit route per throttled path, all to the same app, with its class's limits as the stage's route
 * settings. HTTP APIs throttle per route only through these settings, and a setting may only name a route that
 * exists, so the stage waits for the routes.
 */
export class RouteThrottles extends Construct {
  readonly routes: HttpRoute[] = [];

  constructor(scope: Construct, id: string, props: RouteThrottlesProps) {
    super(scope, id);
    const stage = props.web.stage.node.defaultChild as CfnStage;
    // RouteSettings is a map of raw JSON in CloudFormation: its keys are written as CloudFormation spells them.
    const settings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const [name, cls] of Object.entries(props.classes ?? ROUTE_THROTTLES)) {
      cls.routes.forEach((key, i) => {
        const [method, path] = key.split(' ');
        const route = new HttpRoute(this, `${name}${i}`, {
          httpApi: props.web.httpApi,
          routeKey: HttpRouteKey.with(path, method as never),
          integration: props.integration,
        });
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            'A throttled copy of the $default route to the same app, which verifies the Cognito token (bearer header or session cookie) itself on every protected path.',
        });
        props.web.stage.node.addDependency(route);
        settings[key] = { ThrottlingRateLimit: cls.rateLimit, ThrottlingBurstLimit: cls.burstLimit };
        this.routes.push(route);
      });
    }
    stage.routeSettings = settings;
  }
}
