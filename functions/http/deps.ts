import type { AuthPort, User } from '../auth/user.ts';
import type { AppConfig } from '../config.ts';
import type { LtiRouteDeps } from '../lti/routes.tsx';
import type { ServiceDeps } from '../service/deps.ts';

/** Everything the HTTP app needs: the services' deps, the token verifier and the deployment's settings. */
export interface AppDeps extends ServiceDeps {
  auth: AuthPort;
  config: AppConfig;
  /** The LTI 1.3 tool (functions/lti); absent where no tool key is configured. */
  lti?: LtiRouteDeps;
}

/** Hono context variables set by the middleware: `c.get('user')`, `c.get('lang')`. */
export interface AppEnv {
  Variables: {
    user: User | undefined;
    lang: 'ko' | 'en';
    /** The checked request body text, set by `guardBody` on routes that take one. */
    bodyText: string;
  };
}
