import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../deps.ts';
import { validationHook } from '../zod-issues.ts';
import { SESSION_COOKIE } from '../middleware/auth.ts';
import { courseRoutes } from './courses.ts';
import { courseSettingsRoutes } from './course-settings.ts';
import { devRoutes } from './dev.ts';
import { renderDocs } from './docs.ts';
import { healthRoutes } from './health.ts';
import { labRoutes } from './labs.ts';
import { lessonRoutes } from './lessons.ts';
import { regradeRequestRoutes } from './regrade-requests.ts';
import { staffRoutes } from './staff.ts';
import { submissionRoutes } from './submissions.ts';
import { teachingRoutes } from './teaching.ts';

const DOC_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'virtlab API',
    version: '0.1.0',
    description: 'Lessons, labs, asynchronous grading, courses and gradebooks of the virtlab course.',
  },
  servers: [{ url: '/api' }],
};

/** The JSON API, mounted at /api. Each file in this folder adds the routes of one resource. */
export function apiRouter(deps: AppDeps): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
  });
  healthRoutes(api, deps);
  devRoutes(api, deps);
  courseRoutes(api, deps);
  lessonRoutes(api, deps);
  labRoutes(api, deps);
  submissionRoutes(api, deps);
  teachingRoutes(api, deps);
  staffRoutes(api, deps);
  regradeRequestRoutes(api, deps);
  courseSettingsRoutes(api, deps);
  api.doc31('/openapi.json', DOC_CONFIG);
  api.get('/docs', (c) => c.html(renderDocs(api.getOpenAPI31Document(DOC_CONFIG) as Parameters<typeof renderDocs>[0])));
  return api;
}
