import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { courseRevealSchema } from '../../../core/course/course-settings.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { requireUser } from '../middleware/auth.ts';
import { guardBody } from '../middleware/body.ts';
import { courseSettings, setCourseReveal } from '../../service/course-settings.ts';
import { bearer, jsonBody, ok, pickErrors, ulid } from './schemas.ts';

/** A course's settings: read by its staff, the reveal default set by the owner or a co-teacher. */

const CourseParam = z.object({ courseId: ulid });
const json = guardBody({ types: ['application/json'], maxBytes: 1024 });

const CourseSettings = z.object({ courseId: z.string(), reveal: courseRevealSchema }).openapi('CourseSettings');

const routes = {
  get: createRoute({
    method: 'get',
    path: '/courses/{courseId}/settings',
    tags: ['teaching'],
    summary: 'Staff: the course’s settings (the reveal default of its labs)',
    security: bearer,
    request: { params: CourseParam },
    responses: { 200: ok(CourseSettings, 'The settings in force'), ...pickErrors(400, 401, 403, 404) },
  }),
  reveal: createRoute({
    method: 'put',
    path: '/courses/{courseId}/settings/reveal',
    tags: ['teaching'],
    summary:
      'Owner or co-teacher: after how many graded attempts, and whether after the deadline, a learner sees the fix ' +
      'and the exact expected values in labs that set no reveal policy of their own (teachers always see them)',
    security: bearer,
    middleware: json,
    request: { params: CourseParam, body: jsonBody(courseRevealSchema, 'The reveal default') },
    responses: { 200: ok(CourseSettings, 'Saved'), ...pickErrors(400, 401, 403, 404, 413, 415) },
  }),
};

export function courseSettingsRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(routes.get, async (c) =>
    c.json(await courseSettings(deps, requireUser(c.get('user')), c.req.valid('param').courseId), 200),
  );
  app.openapi(routes.reveal, async (c) =>
    c.json(
      await setCourseReveal(deps, requireUser(c.get('user')), c.req.valid('param').courseId, c.req.valid('json')),
      200,
    ),
  );
}
