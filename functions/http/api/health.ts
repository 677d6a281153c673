import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../deps.ts';

const Health = z
  .object({ status: z.literal('ok'), mode: z.enum(['aws', 'local']), time: z.string() })
  .openapi('Health');

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Liveness check (public)',
  responses: { 200: { description: 'The API is up', content: { 'application/json': { schema: Health } } } },
});

export function healthRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(health, (c) =>
    c.json({ status: 'ok' as const, mode: deps.config.mode, time: deps.clock().toISOString() }, 200),
  );
}
