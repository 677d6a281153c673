import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { REGRADE_REQUEST_STATES, RegradeAnswerSchema, RegradeAskSchema } from '../../../core/course/regrade-request.ts';
import { STAFF_ROLES } from '../../../core/course/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { requireUser } from '../middleware/auth.ts';
import { guardBody } from '../middleware/body.ts';
import { notFound } from '../../service/errors.ts';
import {
  NO_REGRADE_REQUEST,
  answerRegrade,
  askRegrade,
  regradeQueue,
  regradeThread,
} from '../../service/regrade-requests.ts';
import { bearer, jsonBody, ok, pickErrors, ulid } from './schemas.ts';

/** Regrade requests: a learner asks on a graded submission; staff who may grade see the queue and answer. */

const SubParam = z.object({ id: ulid });
const json = guardBody({ types: ['application/json'], maxBytes: 8192 });

const RegradeRequest = z
  .object({
    submissionId: z.string(),
    courseId: z.string(),
    labId: z.string(),
    learnerId: z.string(),
    state: z.enum(REGRADE_REQUEST_STATES),
    message: z.string(),
    askedAt: z.string(),
    scoreAsked: z.number().optional(),
    answer: z
      .object({
        by: z.string(),
        role: z.enum(STAFF_ROLES),
        at: z.string(),
        reply: z.string(),
        score: z.number().optional(),
      })
      .optional(),
  })
  .openapi('RegradeRequest');

const routes = {
  ask: createRoute({
    method: 'post',
    path: '/submissions/{id}/regrade-request',
    tags: ['submissions'],
    summary: 'Learner: ask the course’s staff to look at a graded submission again (once per submission)',
    security: bearer,
    middleware: json,
    request: { params: SubParam, body: jsonBody(RegradeAskSchema, 'Why the grade should change') },
    responses: { 201: ok(RegradeRequest, 'The open request'), ...pickErrors(400, 401, 403, 404, 409, 413, 415) },
  }),
  thread: createRoute({
    method: 'get',
    path: '/submissions/{id}/regrade-request',
    tags: ['submissions'],
    summary: 'The submission’s regrade request and its answer (its learner and the course’s staff)',
    security: bearer,
    request: { params: SubParam },
    responses: { 200: ok(RegradeRequest, 'The request'), ...pickErrors(400, 401, 404) },
  }),
  answer: createRoute({
    method: 'put',
    path: '/submissions/{id}/regrade-request/answer',
    tags: ['teaching'],
    summary: 'Staff who may grade: accept (the score becomes the override) or reject an open request, with a reply',
    security: bearer,
    middleware: json,
    request: { params: SubParam, body: jsonBody(RegradeAnswerSchema, 'The decision and reply') },
    responses: { 200: ok(RegradeRequest, 'The answered request'), ...pickErrors(400, 401, 403, 404, 409, 413, 415) },
  }),
  queue: createRoute({
    method: 'get',
    path: '/courses/{courseId}/regrade-requests',
    tags: ['teaching'],
    summary: 'Staff who may grade: the course’s open regrade requests, oldest first (at most 100)',
    security: bearer,
    request: { params: z.object({ courseId: ulid }) },
    responses: {
      200: ok(z.object({ requests: z.array(RegradeRequest) }), 'Open requests'),
      ...pickErrors(400, 401, 403, 404),
    },
  }),
};

export function regradeRequestRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(routes.ask, async (c) =>
    c.json(await askRegrade(deps, requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  app.openapi(routes.thread, async (c) => {
    const request = await regradeThread(deps, requireUser(c.get('user')), c.req.valid('param').id);
    if (!request) throw notFound(NO_REGRADE_REQUEST);
    return c.json(request, 200);
  });
  app.openapi(routes.answer, async (c) =>
    c.json(await answerRegrade(deps, requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(routes.queue, async (c) =>
    c.json({ requests: await regradeQueue(deps, requireUser(c.get('user')), c.req.valid('param').courseId) }, 200),
  );
}
