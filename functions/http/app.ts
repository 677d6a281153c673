import { Hono, type ErrorHandler, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { logger } from '../observability/logger.ts';
import { requestCorrelation } from '../observability/request-correlation.ts';
import type { AppDeps, AppEnv } from './deps.ts';
import { ApiError, errorResponse, errors, fromDomainError } from './errors.ts';
import { msg } from '../../core/i18n.ts';
import { DomainError } from '../service/errors.ts';
import { authenticate } from './middleware/auth.ts';
import { detectLang } from './middleware/lang.ts';

/**
 * The whole HTTP application, runtime-neutral: Lambda (hono/aws-lambda) and the local node server both serve it.
 * Every request gets `c.get('lang')` and `c.get('user')` (undefined when anonymous) before any route runs.
 *
 * Two route groups, each a whole Hono app built on its first request (a dynamic `import()`, a chunk of its own in
 * the Lambda bundle): the JSON API under /api/ (zod and the OpenAPI routes) and the pages with the LTI tool's URLs
 * (the simulators that draw traces, markdown, the page components). A cold start loads neither; the first request
 * of each group pays for its code once.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  // One set of middleware for both groups, so both share the verified-token cache.
  const middleware = [requestCorrelation(), detectLang, authenticate(deps)];
  let lti: Promise<Hono<AppEnv> | undefined> | undefined;
  // LTI first in each group: its teachers' routes live under /api/courses/{id}/lti/, its launches beside the pages.
  const ltiRoutes = () =>
    (lti ??= deps.lti ? import('../lti/routes.tsx').then((m) => m.ltiRoutes(deps.lti!)) : Promise.resolve(undefined));
  const api = routeGroup(middleware, async () => {
    const [tool, { apiRouter }] = await Promise.all([ltiRoutes(), import('./api/index.ts')]);
    return [...(tool ? [tool] : []), new Hono<AppEnv>().route('/api', apiRouter(deps))];
  });
  const pages = routeGroup(middleware, async () => {
    const [tool, { pagesRouter }] = await Promise.all([ltiRoutes(), import('./pages/index.tsx')]);
    return [...(tool ? [tool] : []), pagesRouter(deps)];
  });
  return new Hono<AppEnv>()
    .all('*', (c, next) => (c.req.path.startsWith('/api/') ? api : pages)(c, next))
    .onError(onError);
}

/**
 * A handler that answers with a Hono app built once, on its first request, from `middleware` and the routers `load`
 * gives: the request (and the runtime's `c.env`) is passed on as it came.
 */
function routeGroup(
  middleware: MiddlewareHandler<AppEnv>[],
  load: () => Promise<Hono<AppEnv>[]>,
): MiddlewareHandler<AppEnv> {
  let group: Promise<Hono<AppEnv>> | undefined;
  const build = async () => {
    const app = new Hono<AppEnv>();
    for (const m of middleware) app.use('*', m);
    for (const router of await load()) app.route('/', router);
    app.notFound((c) => errorResponse(c, errors.notFound(msg('요청한 주소를 찾을 수 없습니다.', 'No such resource.'))));
    app.onError(onError);
    return app;
  };
  return async (c) => (await (group ??= build())).fetch(c.req.raw, c.env);
}

const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof ApiError) return errorResponse(c, err);
  if (err instanceof DomainError) return errorResponse(c, fromDomainError(err));
  if (err instanceof HTTPException && err.status < 500) {
    // Hono's own rejections (body parsing, media type gates) get the one error shape too.
    const code =
      err.status === 413 ? 'payload_too_large' : err.status === 415 ? 'unsupported_media_type' : 'bad_request';
    return errorResponse(
      c,
      new ApiError(err.status, code, msg('요청을 처리할 수 없습니다.', 'The request could not be processed.')),
    );
  }
  logger.error('unhandled error', { path: c.req.path, method: c.req.method, error: err });
  return errorResponse(c, errors.internal());
};
