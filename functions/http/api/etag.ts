import { createHash } from 'node:crypto';
import type { Context } from 'hono';

/** A weak validator of a JSON body: equal bodies, equal tags (the body already depends on user, language, reveal). */
export function etagOf(body: string): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Does `If-None-Match` (a list, `*`, weak or strong tags) match `tag`? Weak comparison, as RFC 9110 asks for GET. */
export function matchesIfNoneMatch(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(tag));
}

/**
 * A JSON answer that polling can revalidate cheaply: an ETag and `Cache-Control: private, no-cache`, so the browser
 * (its HTTP cache, with no client code) asks again with If-None-Match and gets a bodiless 304 while nothing changed.
 */
export function jsonWithEtag(c: Context, value: unknown): Response {
  const body = JSON.stringify(value);
  const tag = etagOf(body);
  const headers = { etag: tag, 'cache-control': 'private, no-cache' };
  if (matchesIfNoneMatch(c.req.header('if-none-match'), tag)) return c.body(null, 304, headers);
  return c.body(body, 200, { ...headers, 'content-type': 'application/json' });
}
