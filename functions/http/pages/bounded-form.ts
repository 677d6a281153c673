import type { Context } from 'hono';
import { errors } from '../errors.ts';

/**
 * A page form's fields, parsed only when the request declares its size and the size is within `maxBytes` (413
 * otherwise): a browser always sends Content-Length with a form, so nothing unbounded is buffered.
 */
export async function boundedForm(c: Context, maxBytes: number): ReturnType<Context['req']['parseBody']> {
  const declared = Number(c.req.header('content-length'));
  if (!Number.isFinite(declared) || declared > maxBytes) throw errors.tooLarge(maxBytes);
  return c.req.parseBody();
}
