import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { msg } from '../../../core/i18n.ts';
import { ApiError } from '../errors.ts';

/**
 * Hono's CSRF origin check (a form posted from another origin is refused), answering in the API's error shape with
 * its own code, `csrf_refused` (Hono's bare 403 reached the error handler as `bad_request`). Only the check's own
 * refusal is translated: an error from the route behind it is not caught here. With `siteOrigin` (config SITE_HOST)
 * only that origin is accepted.
 */
export function csrfGuard(siteOrigin?: string): MiddlewareHandler {
  // Behind CloudFront the request URL carries the API's host, not the browser's: then the public origin is the one.
  const check = csrf(siteOrigin ? { origin: siteOrigin } : undefined);
  return async (c, next) => {
    let passed = false;
    try {
      await check(c, async () => {
        passed = true;
      });
    } catch {
      passed = false;
    }
    if (!passed) {
      throw new ApiError(
        403,
        'csrf_refused',
        msg(
          '다른 사이트에서 보낸 양식은 받지 않습니다. 이 사이트의 페이지에서 다시 보내세요.',
          'A form sent from another site is refused. Send it again from a page of this site.',
        ),
      );
    }
    await next();
  };
}
