import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { logger } from '../observability/logger.ts';
import { requestCorrelation } from '../observability/request-correlation.ts';
import { apiRouter } from './api/index.ts';
import type { AppDeps, AppEnv } from './deps.ts';
import { ApiError, errorResponse, errors, fromDomainError } from './errors.ts';
import { msg } from '../../core/i18n.ts';
import { DomainError } from '../service/errors.ts';
import { authenticate } from './middleware/auth.ts';
import { detectLang } from './middleware/lang.ts';
import { pagesRouter } from './pages/index.tsx';
import { ltiRoutes } from '../lti/routes.tsx';

/**
 * The whole HTTP application, runtime-neutral: Lambda (hono/aws-lambda) and the local node server both serve it.
 * Every request gets `c.get('lang')` and `c.get('user')` (undefined when anonymous) before any route runs.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requestCorrelation());
  app.use('*', detectLang);
  app.use('*', authenticate(deps));

  // LTI first: its teachers' routes live under /api/courses/{id}/lti/.
  if (deps.lti) app.route('/', ltiRoutes(deps.lti));
  app.route('/api', apiRouter(deps));

  app.route('/', pagesRouter(deps));

  app.notFound((c) => errorResponse(c, errors.notFound(msg('요청한 주소를 찾을 수 없습니다.', 'No such resource.'))));
  app.onError((err, c) => {
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
  });
  return app;
}
