import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { stringify } from 'csv-stringify/sync';
import { CSV_BOM, gradebookRecords } from '../../../core/course/gradebook.ts';
import { DeadlineSchema, DueAtSchema } from '../../../core/course/late-policy.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { requireUser } from '../middleware/auth.ts';
import { guardBody } from '../middleware/body.ts';
import { submissionView } from '../../service/submissions.ts';
import {
  courseAnalyticsFor,
  courseGradebook,
  grantExtension,
  labSubmissions,
  regradeJob,
  regradeJobs,
  regradeLab,
  setDeadline,
} from '../../service/teaching.ts';
import { regradeProgress, type RegradeJob as Job } from '../../../core/course/regrade-job.ts';
import { Deadline, Extension, Gradebook, LabAnalytics, RegradeJob, Submission } from './responses.ts';
import { bearer, jsonBody, ok, pickErrors, slug, ulid } from './schemas.ts';

const CourseParam = z.object({ courseId: ulid });
const CourseLabParam = z.object({ courseId: ulid, labId: slug });
const JobParam = z.object({ courseId: ulid, jobId: ulid });

/** A job as the API shows it: its counts and the teacher's progress line. */
const jobView = (job: Job) => {
  const { cursor: _cursor, ...rest } = job;
  return { ...rest, progress: regradeProgress(job) };
};
const json = guardBody({ types: ['application/json'], maxBytes: 8192 });
const isoDate = DueAtSchema;

const routes = {
  gradebook: createRoute({
    method: 'get',
    path: '/courses/{courseId}/gradebook',
    tags: ['teaching'],
    summary:
      'Teacher: learners × labs (with titles), the counting score and submission time per cell (JSON, or CSV with ?format=csv: UTF-8 with a BOM, headers in the caller’s language)',
    security: bearer,
    request: { params: CourseParam, query: z.object({ format: z.enum(['json', 'csv']).default('json') }) },
    responses: {
      200: {
        description: 'The gradebook',
        content: {
          'application/json': { schema: Gradebook },
          'text/csv': { schema: { type: 'string' as const } },
        },
      },
      ...pickErrors(400, 401, 403, 404),
    },
  }),
  labSubmissions: createRoute({
    method: 'get',
    path: '/courses/{courseId}/labs/{labId}/submissions',
    tags: ['teaching'],
    summary: 'Teacher: every submission of a lab in the course, newest first',
    security: bearer,
    request: { params: CourseLabParam },
    responses: {
      200: ok(z.object({ submissions: z.array(Submission) }), 'Submissions'),
      ...pickErrors(400, 401, 403, 404),
    },
  }),
  regrade: createRoute({
    method: 'post',
    path: '/courses/{courseId}/labs/{labId}/regrade',
    tags: ['teaching'],
    summary: 'Teacher: start a regrade of every finished submission of the lab (a job; Location is its progress)',
    security: bearer,
    request: { params: CourseLabParam },
    responses: { 202: ok(RegradeJob, 'The job, started'), ...pickErrors(400, 401, 403, 404, 409) },
  }),
  regradeJobs: createRoute({
    method: 'get',
    path: '/courses/{courseId}/regrades',
    tags: ['teaching'],
    summary: 'Teacher: the course’s latest regrade jobs and their progress, newest first',
    security: bearer,
    request: { params: CourseParam },
    responses: { 200: ok(z.object({ jobs: z.array(RegradeJob) }), 'Jobs'), ...pickErrors(400, 401, 403, 404) },
  }),
  regradeJob: createRoute({
    method: 'get',
    path: '/courses/{courseId}/regrades/{jobId}',
    tags: ['teaching'],
    summary: 'Teacher: one regrade job’s progress',
    security: bearer,
    request: { params: JobParam },
    responses: { 200: ok(RegradeJob, 'The job'), ...pickErrors(400, 401, 403, 404) },
  }),
  analytics: createRoute({
    method: 'get',
    path: '/courses/{courseId}/analytics',
    tags: ['teaching'],
    summary: 'Teacher: per lab, the pass rate of each check, the most failed check and a score histogram',
    security: bearer,
    request: { params: CourseParam },
    responses: { 200: ok(z.object({ labs: z.array(LabAnalytics) }), 'Analytics'), ...pickErrors(400, 401, 403, 404) },
  }),
  deadline: createRoute({
    method: 'put',
    path: '/courses/{courseId}/labs/{labId}/deadline',
    tags: ['teaching'],
    summary: 'Teacher: set a lab’s deadline and late policy',
    security: bearer,
    middleware: json,
    request: { params: CourseLabParam, body: jsonBody(DeadlineSchema, 'Deadline and policy') },
    responses: { 200: ok(Deadline, 'Saved'), ...pickErrors(400, 401, 403, 404, 413, 415) },
  }),
  extension: createRoute({
    method: 'put',
    path: '/courses/{courseId}/labs/{labId}/extensions/{learnerId}',
    tags: ['teaching'],
    summary: 'Teacher: give one learner a later deadline',
    security: bearer,
    middleware: json,
    request: {
      params: CourseLabParam.extend({ learnerId: z.string().min(1).max(128) }),
      body: jsonBody(z.object({ dueAt: isoDate }), 'The learner’s deadline'),
    },
    responses: { 200: ok(Extension, 'Saved'), ...pickErrors(400, 401, 403, 404, 409, 413, 415) },
  }),
};

export function teachingRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(routes.gradebook, async (c) => {
    const book = await courseGradebook(deps, requireUser(c.get('user')), c.req.valid('param').courseId);
    if (c.req.valid('query').format === 'csv') {
      c.header('Content-Disposition', `attachment; filename="gradebook-${c.req.valid('param').courseId}.csv"`);
      const csv = CSV_BOM + stringify(gradebookRecords(book, c.get('lang') ?? 'ko'));
      return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    // Two media types loosen the route's response type; `satisfies` keeps the JSON checked against its schema.
    return c.json(book satisfies z.infer<typeof Gradebook>, 200);
  });
  app.openapi(routes.labSubmissions, async (c) => {
    const { courseId, labId } = c.req.valid('param');
    return c.json(
      { submissions: (await labSubmissions(deps, requireUser(c.get('user')), courseId, labId)).map(submissionView) },
      200,
    );
  });
  app.openapi(routes.regrade, async (c) => {
    const { courseId, labId } = c.req.valid('param');
    const job = await regradeLab(deps, requireUser(c.get('user')), courseId, labId);
    c.header('Location', `/api/courses/${courseId}/regrades/${job.id}`);
    return c.json(jobView(job), 202);
  });
  app.openapi(routes.regradeJobs, async (c) => {
    const jobs = await regradeJobs(deps, requireUser(c.get('user')), c.req.valid('param').courseId);
    return c.json({ jobs: jobs.map(jobView) }, 200);
  });
  app.openapi(routes.regradeJob, async (c) => {
    const { courseId, jobId } = c.req.valid('param');
    return c.json(jobView(await regradeJob(deps, requireUser(c.get('user')), courseId, jobId)), 200);
  });
  app.openapi(routes.analytics, async (c) =>
    c.json({ labs: await courseAnalyticsFor(deps, requireUser(c.get('user')), c.req.valid('param').courseId) }, 200),
  );
  app.openapi(routes.deadline, async (c) => {
    const { courseId, labId } = c.req.valid('param');
    return c.json(await setDeadline(deps, requireUser(c.get('user')), courseId, labId, c.req.valid('json')), 200);
  });
  app.openapi(routes.extension, async (c) => {
    const { courseId, labId, learnerId } = c.req.valid('param');
    return c.json(
      await grantExtension(deps, requireUser(c.get('user')), courseId, labId, learnerId, c.req.valid('json').dueAt),
      200,
    );
  });
}
