import { z } from '@hono/zod-openapi';
import { Slug } from '../../../core/slug.ts';

/** Shared OpenAPI schemas of the JSON API. */

export const Msg = z.object({ ko: z.string(), en: z.string() }).openapi('Msg');

export const Issue = z
  .object({ path: z.string(), message: z.string(), line: z.number().int().optional() })
  .openapi('Issue', {
    description: 'One problem, in the caller’s language, with the line of the submitted text when known.',
  });

export const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.array(Issue) }) })
  .openapi('Error');

export const Lang = z
  .enum(['ko', 'en'])
  .optional()
  .openapi({
    param: { name: 'lang', in: 'query' },
    description: 'Response language (default: Accept-Language, else ko)',
  });

export const slug = Slug.max(100);
/** ULIDs: 26 Crockford base-32 characters. */
export const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);

export const jsonBody = <S extends z.ZodType>(schema: S, description: string) => ({
  required: true,
  description,
  content: { 'application/json': { schema } },
});

export const ok = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBody } } });

/** The error responses a route can give, by status, for the OpenAPI document. */
export const errorResponses = {
  400: err('Invalid parameters or body'),
  401: err('Not signed in'),
  403: err('Not allowed'),
  404: err('Unknown resource'),
  409: err('Conflict with the current state'),
  413: err('Body too large'),
  415: err('Unsupported Content-Type'),
  422: err('The configuration cannot be graded (field errors in details)'),
  429: err('Rate limited (see Retry-After)'),
} as const;

export const pickErrors = <K extends keyof typeof errorResponses>(...codes: K[]) =>
  Object.fromEntries(codes.map((k) => [k, errorResponses[k]])) as Pick<typeof errorResponses, K>;

export const bearer: Array<Record<string, string[]>> = [{ bearer: [] }, { session: [] }];
