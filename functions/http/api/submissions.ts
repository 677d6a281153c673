import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../deps.ts';
import { requireUser } from '../middleware/auth.ts';
import { guardBody } from '../middleware/body.ts';
import { visibleSubmission } from '../../service/access.ts';
import { myHistory, submissionView } from '../../service/submissions.ts';
import { overrideScore } from '../../service/teaching.ts';
import { revealed, revealedHistory, revealFor } from '../../service/reveal.ts';
import { LabHistory, Submission } from './responses.ts';
import { jsonWithEtag } from './etag.ts';
import { bearer, jsonBody, ok, pickErrors, slug, ulid } from './schemas.ts';

const routes = {
  get: createRoute({
    method: 'get',
    path: '/submissions/{id}',
    tags: ['submissions'],
    summary: 'One submission: status, timestamps and, once graded, the explained result',
    security: bearer,
    request: {
      params: z.object({ id: ulid }),
      query: z.object({
        reveal: z.enum(['hints']).optional().openapi({
          description: 'hints: the learner has revealed every hint (the reveal policy may then show the fix)',
        }),
      }),
    },
    responses: {
      200: ok(Submission, 'The submission (the fix and exact expected values only past the reveal point)'),
      304: { description: 'Not modified: If-None-Match names the current ETag (polling costs no body)' },
      ...pickErrors(400, 401, 403, 404),
    },
  }),
  mine: createRoute({
    method: 'get',
    path: '/me/submissions',
    tags: ['submissions'],
    summary: 'The caller’s submissions per lab, newest first, with the score that counts',
    security: bearer,
    request: { query: z.object({ labId: slug.optional() }) },
    responses: { 200: ok(z.object({ labs: z.array(LabHistory) }), 'History'), ...pickErrors(400, 401) },
  }),
  override: createRoute({
    method: 'put',
    path: '/submissions/{id}/override',
    tags: ['teaching'],
    summary: 'Teacher: replace a submission’s score (kept with who and when)',
    security: bearer,
    middleware: guardBody({ types: ['application/json'], maxBytes: 8192 }),
    request: {
      params: z.object({ id: ulid }),
      body: jsonBody(
        z.object({ score: z.number().min(0).max(100), comment: z.string().max(2000).default('') }),
        'Score (percent) and comment',
      ),
    },
    responses: { 200: ok(Submission, 'The submission with its override'), ...pickErrors(400, 401, 403, 404, 413, 415) },
  }),
};

export function submissionRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(routes.get, async (c) => {
    const user = requireUser(c.get('user'));
    const s = await visibleSubmission(deps, user, c.req.valid('param').id);
    // ETag + no-cache: the result poll revalidates and, while nothing changed, gets a bodiless 304.
    return jsonWithEtag(
      c,
      submissionView(revealed(s, await revealFor(deps, user, s, c.req.valid('query').reveal === 'hints'))),
    );
  });
  app.openapi(routes.mine, async (c) => {
    const user = requireUser(c.get('user'));
    const labs = await myHistory(deps, user, c.req.valid('query').labId);
    const shown = await Promise.all(
      labs.map(async (l) => ({
        ...l,
        submissions: (await revealedHistory(deps, user, l.submissions)).map(submissionView),
      })),
    );
    return c.json({ labs: shown }, 200);
  });
  app.openapi(routes.override, async (c) => {
    const updated = await overrideScore(deps, requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json'));
    return c.json(submissionView(updated), 200);
  });
}
