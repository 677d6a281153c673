import type { MiddlewareHandler } from 'hono';
import type { Lang } from '../../../core/i18n.ts';
import type { AppEnv } from '../deps.ts';

/** The caller's language: `?lang=ko|en`, else the first of ko/en in Accept-Language, else Korean. */
export function languageOf(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query === 'ko' || query === 'en') return query;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('ko')) return 'ko';
    if (tag.startsWith('en')) return 'en';
  }
  return 'ko';
}

export const detectLang: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('lang', languageOf(c.req.query('lang'), c.req.header('accept-language')));
  await next();
};
