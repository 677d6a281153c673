import type { MiddlewareHandler } from 'hono';
import { withCorrelationId } from './correlation.ts';

/** The parts of hono/aws-lambda's `c.env` this reads: API Gateway's own request id. */
interface LambdaEnv {
  event?: { requestContext?: { requestId?: string } };
}

/**
 * Hono middleware: the request runs under a correlation id — API Gateway's request id on AWS (the one in the access
 * log), a fresh UUID locally — so every log line it causes carries it. The service's "submitted" and "publish
 * failed" lines also name the submission id, which is the grader's correlation id: the two join there.
 */
export function requestCorrelation(): MiddlewareHandler {
  return async (c, next) => {
    const env = c.env as LambdaEnv | undefined;
    const id = env?.event?.requestContext?.requestId ?? crypto.randomUUID();
    await withCorrelationId(id, next);
  };
}
