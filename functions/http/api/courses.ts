import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../deps.ts';
import { guardBody } from '../middleware/body.ts';
import { requireUser } from '../middleware/auth.ts';
import { createCourse, joinCourse, myCourses, rotateJoinCode } from '../../service/courses.ts';
import { bearer, jsonBody, ok, pickErrors, ulid } from './schemas.ts';

const Course = z
  .object({
    id: z.string(),
    title: z.string(),
    teacherId: z.string(),
    joinCode: z.string().openapi({ description: 'Shown to the teacher only (empty for learners)' }),
    createdAt: z.string(),
    role: z.enum(['learner', 'teacher', 'co-teacher', 'ta']).optional(),
  })
  .openapi('Course');

const Me = z
  .object({ id: z.string(), name: z.string(), roles: z.array(z.enum(['learner', 'teacher'])) })
  .openapi('User');

const json = guardBody({ types: ['application/json'], maxBytes: 4096 });

const routes = {
  me: createRoute({
    method: 'get',
    path: '/me',
    tags: ['auth'],
    summary: 'The signed-in user',
    security: bearer,
    responses: { 200: ok(Me, 'The caller'), ...pickErrors(401) },
  }),
  list: createRoute({
    method: 'get',
    path: '/courses',
    tags: ['courses'],
    summary: 'The caller’s courses (taught or enrolled)',
    security: bearer,
    responses: { 200: ok(z.object({ courses: z.array(Course) }), 'Courses'), ...pickErrors(401) },
  }),
  create: createRoute({
    method: 'post',
    path: '/courses',
    tags: ['courses'],
    summary: 'Teacher: open an offering of the course with a join code',
    security: bearer,
    middleware: json,
    request: { body: jsonBody(z.object({ title: z.string().trim().min(1).max(200) }), 'The offering’s title') },
    responses: { 201: ok(Course, 'The new course'), ...pickErrors(400, 401, 403, 413, 415) },
  }),
  join: createRoute({
    method: 'post',
    path: '/courses/join',
    tags: ['courses'],
    summary: 'Learner: join a course with its code',
    security: bearer,
    middleware: json,
    request: { body: jsonBody(z.object({ code: z.string().min(4).max(32) }), 'The join code') },
    responses: { 200: ok(Course, 'The joined course'), ...pickErrors(400, 401, 403, 404, 409, 413, 415, 429) },
  }),
  rotateJoinCode: createRoute({
    method: 'post',
    path: '/courses/{courseId}/join-code',
    tags: ['courses'],
    summary: 'Teacher: replace the course’s join code with a new random one (the old code stops working)',
    security: bearer,
    request: { params: z.object({ courseId: ulid }) },
    responses: { 200: ok(Course, 'The course with its new code'), ...pickErrors(400, 401, 403, 404) },
  }),
};

export function courseRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(routes.me, (c) => c.json(requireUser(c.get('user')), 200));
  app.openapi(routes.list, async (c) => c.json({ courses: await myCourses(deps, requireUser(c.get('user'))) }, 200));
  app.openapi(routes.create, async (c) =>
    c.json(await createCourse(deps, requireUser(c.get('user')), c.req.valid('json').title), 201),
  );
  app.openapi(routes.join, async (c) =>
    c.json(await joinCourse(deps, requireUser(c.get('user')), c.req.valid('json').code), 200),
  );
  app.openapi(routes.rotateJoinCode, async (c) =>
    c.json(await rotateJoinCode(deps, requireUser(c.get('user')), c.req.valid('param').courseId), 200),
  );
}
