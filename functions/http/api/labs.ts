import { createHash } from 'node:crypto';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { TEXT_LIMITS } from '../../../core/config-text.ts';
import { validate } from '../../../core/validation.ts';
import type { Lab } from '../../../core/labs/lab-schema.ts';
import { labSummary, publicView } from '../../../core/labs/public-view.ts';
import { variantFor, type LabVariant } from '../../../core/labs/variant.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { errors, issuesIn } from '../errors.ts';
import { guardBody } from '../middleware/body.ts';
import { requireUser } from '../middleware/auth.ts';
import { findLab } from '../../service/catalog.ts';
import { labList } from '../../service/labs.ts';
import { submit, validateForEditor } from '../../service/submissions.ts';
import { LabListEntry, PublicLab } from './responses.ts';
import { Issue, bearer, ok, pickErrors, slug, ulid } from './schemas.ts';

/** Raw configuration text may be sent as is with one of these types; JSON wraps it in `{config}`. */
const TEXT_TYPES = ['text/yaml', 'application/yaml', 'application/x-yaml', 'text/plain'] as const;
const BODY_TYPES = ['application/json', ...TEXT_TYPES];
/** A JSON body carries the config as an escaped string, which can be several times its size. */
const MAX_JSON_BODY = TEXT_LIMITS.maxBytes * 3;

const SubmissionBody = z
  .object({
    config: z.string().openapi({ description: 'The configuration text (YAML or JSON), at most 64 KiB' }),
    format: z.enum(['yaml', 'json']).optional(),
    courseId: ulid.optional(),
  })
  .openapi('SubmissionRequest');

const TextQuery = z.object({
  format: z.enum(['yaml', 'json']).optional().openapi({ description: 'For a raw text body' }),
  courseId: ulid.optional().openapi({ description: 'For a raw text body' }),
  lang: z.enum(['ko', 'en']).optional(),
});

const configBody = {
  // Not `required`: the JSON validator then runs only for JSON bodies, and raw text passes to the handler.
  required: false,
  description:
    'JSON `{config, format?, courseId?}`, or the configuration itself as text/yaml, application/yaml or text/plain',
  content: {
    'application/json': { schema: SubmissionBody },
    // Plain OpenAPI schemas, not zod: raw text is checked by guardBody and the grader's parser, not a validator.
    'text/yaml': { schema: { type: 'string' as const } },
    'application/yaml': { schema: { type: 'string' as const } },
    'text/plain': { schema: { type: 'string' as const } },
  },
};

const routes = {
  list: createRoute({
    method: 'get',
    path: '/labs',
    tags: ['labs'],
    summary: 'The labs of the course (public; with the caller’s best score when signed in)',
    responses: { 200: ok(z.object({ labs: z.array(LabListEntry) }), 'Labs') },
  }),
  get: createRoute({
    method: 'get',
    path: '/labs/{id}',
    tags: ['labs'],
    summary: 'A lab as the caller sees it: statement, starter and their own variant parameters',
    security: bearer,
    request: { params: z.object({ id: slug }) },
    responses: {
      200: ok(PublicLab, 'The lab (with an ETag)'),
      304: { description: 'Not modified: If-None-Match matched the ETag' },
      ...pickErrors(400, 401, 404),
    },
  }),
  submit: createRoute({
    method: 'post',
    path: '/labs/{id}/submissions',
    tags: ['submissions'],
    summary: 'Submit a configuration for grading (202; graded asynchronously)',
    description:
      'A configuration that does not parse or fit the schema is refused with 422 and the field errors (with lines); it is not stored and costs no attempt. ' +
      'Send an Idempotency-Key header to make retries safe; a request refused for the deadline or the rate limit leaves its key unused. Rate limited per learner and lab.',
    security: bearer,
    middleware: guardBody({ types: BODY_TYPES, maxBytes: MAX_JSON_BODY }),
    request: {
      params: z.object({ id: slug }),
      query: TextQuery,
      headers: z.object({ 'idempotency-key': z.string().min(1).max(128).optional() }),
      body: configBody,
    },
    responses: {
      202: ok(
        z.object({ submissionId: z.string(), status: z.enum(['queued', 'grading', 'graded', 'failed']) }),
        'Accepted',
      ),
      ...pickErrors(400, 401, 403, 404, 413, 415, 422, 429),
    },
  }),
  validate: createRoute({
    method: 'post',
    path: '/labs/{id}/validate',
    tags: ['labs'],
    summary: 'Check a configuration without storing anything (for the editor)',
    security: bearer,
    middleware: guardBody({ types: BODY_TYPES, maxBytes: MAX_JSON_BODY }),
    request: { params: z.object({ id: slug }), query: TextQuery, body: configBody },
    responses: {
      200: ok(z.object({ valid: z.boolean(), errors: z.array(Issue) }), 'Validation result'),
      ...pickErrors(400, 401, 404, 413, 415, 429),
    },
  }),
};

/**
 * A learner's view of a lab is fixed by the lab (its version included) and the learner: serialized once per variant
 * (core keeps the variants, bounded), with an ETag so the lab page's reloads cost a 304.
 */
const publicBodies = new WeakMap<LabVariant, { json: string; etag: string }>();

function publicBody(lab: Lab, learnerId: string): { json: string; etag: string } {
  const v = variantFor(lab, learnerId);
  let body = publicBodies.get(v);
  if (!body) {
    // Sent as cached text, so the route cannot check it: `satisfies` holds it to the documented schema.
    const json = JSON.stringify(publicView(lab, learnerId) satisfies z.infer<typeof PublicLab>);
    body = { json, etag: `"${createHash('sha1').update(json).digest('base64url')}"` };
    publicBodies.set(v, body);
  }
  return body;
}

/** If-None-Match as RFC 9110 reads it for GET: `*`, or a list of tags compared weakly (a `W/` prefix ignored). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/** The submitted configuration from either body form, within the text size limit. */
function configFrom(c: Context<AppEnv>, query: z.infer<typeof TextQuery>) {
  const isJson = c.req.header('content-type')?.toLowerCase().startsWith('application/json');
  let input: z.infer<typeof SubmissionBody> = {
    config: c.get('bodyText'),
    format: query.format,
    courseId: query.courseId,
  };
  if (isJson) {
    // The route's validator has already checked the shape; this reads the same checked text with its type.
    const parsed = validate(SubmissionBody, JSON.parse(c.get('bodyText')));
    if (!parsed.ok) throw errors.invalid(parsed.issues);
    input = parsed.value;
  }
  if (new TextEncoder().encode(input.config).length > TEXT_LIMITS.maxBytes) throw errors.tooLarge(TEXT_LIMITS.maxBytes);
  return input;
}

export function labRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(routes.list, async (c) => {
    const labs = await labList(deps, c.get('user'));
    return c.json({ labs: labs.map(({ lab, best }) => ({ ...labSummary(lab), best })) }, 200);
  });

  app.openapi(routes.get, (c) => {
    const user = requireUser(c.get('user'));
    const { json, etag } = publicBody(findLab(deps, c.req.valid('param').id), user.id);
    const headers = { ETag: etag, 'Cache-Control': 'private, no-cache' };
    if (matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    return c.body(json, 200, { ...headers, 'Content-Type': 'application/json' });
  });

  app.openapi(routes.submit, async (c) => {
    const user = requireUser(c.get('user'));
    const { id } = c.req.valid('param');
    const input = configFrom(c, c.req.valid('query'));
    const { submission, created } = await submit(deps, user, {
      labId: id,
      ...input,
      idempotencyKey: c.req.valid('header')['idempotency-key'],
    });
    c.header('Location', `/api/submissions/${submission.id}`);
    if (!created) c.header('Idempotent-Replayed', 'true');
    return c.json({ submissionId: submission.id, status: submission.status }, 202);
  });

  app.openapi(routes.validate, async (c) => {
    const user = requireUser(c.get('user'));
    const { id } = c.req.valid('param');
    findLab(deps, id);
    const input = configFrom(c, c.req.valid('query'));
    const issues = await validateForEditor(deps, user, id, input.config, input.format);
    return c.json({ valid: issues.length === 0, errors: issuesIn(issues, c.get('lang')) }, 200);
  });
}
