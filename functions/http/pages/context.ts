import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from '../deps.ts';
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
export async function pageContext(c: PageC, deps: Pick<AppDeps, 'config'>, assets: () => Promise<ClientAssets>): Promise<PageContext> {
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

/** A redirect target from a query parameter, kept on this site (a path, never `//host` or a scheme). */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** Whether the request came over HTTPS (directly or behind API Gateway/CloudFront), for the cookie's Secure flag. */
export function isHttps(c: PageC): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}
