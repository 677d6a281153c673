import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../functions/http/errors.ts';
import { csrfGuard } from '../../../functions/http/middleware/csrf.ts';

/** Behind CloudFront the app sees the API's host; the form check must accept the public origin, and only it. */
function app(siteOrigin?: string) {
  const a = new Hono();
  a.use('*', csrfGuard(siteOrigin));
  a.post('/form', (c) => c.text('ok'));
  a.onError((err, c) => c.text(err instanceof ApiError ? err.code : 'error', 403));
  return a;
}

const post = (a: Hono, origin: string) =>
  a.request('https://abc.execute-api.eu-west-1.amazonaws.com/form', {
    method: 'POST',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'x=1',
  });

describe('the form-origin check behind CloudFront (SITE_HOST)', () => {
  it('accepts the public origin and refuses the API host and any other site', async () => {
    const a = app('https://d111.cloudfront.net');
    expect((await post(a, 'https://d111.cloudfront.net')).status).toBe(200);
    for (const other of ['https://abc.execute-api.eu-west-1.amazonaws.com', 'https://evil.example']) {
      const res = await post(a, other);
      expect(res.status).toBe(403);
      expect(await res.text()).toBe('csrf_refused');
    }
  });

  it('without SITE_HOST follows the request, as before', async () => {
    const a = app();
    expect((await post(a, 'https://abc.execute-api.eu-west-1.amazonaws.com')).status).toBe(200);
    expect((await post(a, 'https://d111.cloudfront.net')).status).toBe(403);
  });
});
