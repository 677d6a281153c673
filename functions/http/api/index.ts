import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../deps.ts';
import { validationHook } from '../zod-issues.ts';
import { healthRoutes } from './health.ts';

/** The JSON API, mounted at /api. Each file in this folder adds the routes of one resource. */
export function apiRouter(deps: AppDeps): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  healthRoutes(api, deps);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'virtlab API', version: '0.1.0', description: 'Lessons, labs, submissions and grades of the virtlab course.' },
    servers: [{ url: '/api' }],
  });
  return api;
}
