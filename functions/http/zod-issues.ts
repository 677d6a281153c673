import * as z from 'zod';
import { en as enLocaleOf, ko as koLocaleOf } from 'zod/locales';
import type { Hook } from '@hono/zod-openapi';
import type { AppEnv } from './deps.ts';
import { msg } from '../../core/i18n.ts';
import { decodeBilingual, formatPath, type ConfigIssue } from '../../core/validation.ts';
import { errors } from './errors.ts';

const ko = koLocaleOf().localeError;
const en = enLocaleOf().localeError;

const text = (out: ReturnType<typeof ko>, fallback: string): string =>
  typeof out === 'string' ? out : (out?.message ?? fallback);

/**
 * Bilingual issues from a failed parse. The request validator parses once with zod's default (English) messages;
 * the input is put back on each issue so the Korean locale can describe it too.
 */
export function bilingualIssues(error: z.ZodError, input: unknown): ConfigIssue[] {
  return error.issues.map((issue) => {
    const packed = decodeBilingual(issue.message);
    if (packed) return { path: formatPath(issue.path), message: packed };
    const at = issue.path.reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? Reflect.get(o, k) : undefined),
      input,
    );
    const raw = { ...issue, input: at } as Parameters<typeof ko>[0];
    return { path: formatPath(issue.path), message: msg(text(ko(raw), issue.message), text(en(raw), issue.message)) };
  });
}

/** The OpenAPI app's validation hook: a failed parameter, query or body check is a 400 in the one error shape. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (!result.success) throw errors.invalid(bilingualIssues(result.error, 'data' in result ? result.data : undefined));
};
