import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from '../deps.ts';
import { isHttpsRequest } from '../middleware/auth.ts';
import type { ClientAssets } from '../../web/asset-manifest.ts';
import { LANG_COOKIE, langOf, t } from './i18n.ts';
import type { PageContext } from './layout.tsx';
import { nonceOf } from './security.ts';

export type PageEnv = AppEnv & { Variables: { secureHeadersNonce?: string } };
export type PageC = Context<PageEnv>;

/**
 * The page context of a request. The pages' language is the learner's choice (`?lang=`, then the cookie) and
 * Korean otherwise — deliberately not the browser's Accept-Language: the course is Korean first.
 */
export async function pageContext(
  c: PageC,
  deps: Pick<AppDeps, 'config'>,
  assets: () => Promise<ClientAssets>,
): Promise<PageContext> {
  const lang = langOf(c.req.query('lang'), getCookie(c, LANG_COOKIE));
  const url = new URL(c.req.url);
  return {
    lang,
    t: t(lang),
    user: c.get('user'),
    path: url.pathname + url.search,
    nonce: nonceOf(c),
    assets: (await assets()).manifest,
    mode: deps.config.mode,
  };
}

/** A placeholder origin to resolve `next` against: only what stays on it is a path of this site. */
const HERE = 'https://virtlab.invalid';

/**
 * The one place a redirect target from a request (`?next=`, a form field, the login cookie) is decided: a path of
 * this site, or `/`. A path the pages make never holds a control character or a backslash, so one that does is
 * refused outright (a browser drops tabs and CR/LF and reads `\` as `/`: `/%09/evil.example`, a tab once decoded,
 * becomes `//evil.example`). What is left is resolved by the WHATWG URL parser, as a browser resolves `Location`,
 * and kept only when it stays on this origin and does not start with `//` (another host to a browser). The parser's
 * serialisation is returned (percent-encoded), so it is always a valid header value.
 */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, HERE);
  } catch {
    return '/';
  }
  if (url.origin !== HERE) return '/';
  const path = url.pathname + url.search + url.hash;
  return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}

/** Whether the request came over HTTPS (directly or behind API Gateway/CloudFront), for the cookie's Secure flag. */
export function isHttps(c: PageC): boolean {
  return isHttpsRequest(c.req.url, c.req.header('x-forwarded-proto'));
}
