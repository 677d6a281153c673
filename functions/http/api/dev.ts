import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { msg } from '../../../core/i18n.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { errors } from '../errors.ts';
import { guardBody } from '../middleware/body.ts';
import { jsonBody, ok, pickErrors } from './schemas.ts';

const TokenRequest = z.object({ username: z.string().min(1).max(64) }).openapi('DevTokenRequest');
const TokenResponse = z.object({
  token: z.string(),
  user: z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) }),
});

const route = createRoute({
  method: 'post',
  path: '/dev/token',
  tags: ['auth'],
  summary: 'Local mode only: a token for a demo user (learner1, learner2, teacher1)',
  middleware: guardBody({ types: ['application/json'], maxBytes: 4096 }),
  request: { body: jsonBody(TokenRequest, 'The demo user') },
  responses: { 200: ok(TokenResponse, 'A bearer token valid for 12 hours'), ...pickErrors(400, 404) },
});

/** Registered only in local mode: on AWS the path does not exist (404) and sign-in goes through Cognito. */
export function devRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  if (deps.config.mode !== 'local' || !deps.auth.issueLocalToken) return;
  const issue = deps.auth.issueLocalToken.bind(deps.auth);
  app.openapi(route, async (c) => {
    const { username } = c.req.valid('json');
    const token = await issue(username);
    const user = token ? await deps.auth.verify(token) : undefined;
    if (!token || !user)
      throw errors.notFound(msg(`'${username}' 데모 사용자가 없습니다.`, `No demo user '${username}'.`));
    return c.json({ token, user }, 200);
  });
}
