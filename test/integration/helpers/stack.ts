import { startLocal, type LocalOptions, type LocalStack } from '../../../functions/local/server.ts';
import { variantFor } from '../../../core/labs/variant.ts';
import type { User } from '../../../functions/auth/user.ts';
import { DEMO_COURSE } from '../../../functions/local/seed.ts';

import { logger } from '../../../functions/observability/logger.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Keep test output to failures: the grader logs every grade at INFO.
logger.setLogLevel('ERROR');

/** The whole local stack, in memory, on a free port; the sweeper only runs when a test calls sweepNow(). */
export function startStack(options: LocalOptions = {}): Promise<LocalStack> {
  return startLocal({
    port: 0,
    inMemory: true,
    sweep: { everySeconds: 3600, queuedOlderThanSeconds: 0 },
    ...options,
    // One batch at a time (like a poller with reserved concurrency 1), so suites can pin exact batch shapes.
    queue: { visibilityTimeoutMs: 150, maxReceives: 4, concurrency: 1, ...options.queue },
    config: {
      gradingLeaseSeconds: 60,
      ...options.config,
      rateLimits: {
        submit: { limit: 1000, windowSeconds: 60 },
        validate: { limit: 1000, windowSeconds: 60 },
        join: { limit: 1000, windowSeconds: 60 },
        ...options.config?.rateLimits,
      },
    },
  });
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  text?: string;
  raw?: BodyInit;
  type?: string;
  headers?: Record<string, string>;
}

export async function call(stack: LocalStack, method: string, path: string, o: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let body: BodyInit | undefined = o.raw;
  if (o.json !== undefined) {
    body = JSON.stringify(o.json);
    headers['content-type'] ??= 'application/json';
  }
  if (o.text !== undefined) {
    body = o.text;
    headers['content-type'] ??= 'text/yaml';
  }
  if (o.type) headers['content-type'] = o.type;
  const res = await fetch(stack.url + path, {
    method,
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (CSV, HTML)
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export async function tokenFor(stack: LocalStack, username: string): Promise<string> {
  const r = await call(stack, 'POST', '/api/dev/token', { json: { username } });
  if (r.status !== 200) throw new Error(`no token for ${username}: ${r.text}`);
  return r.body.token;
}

/** `count` learners with ids `<prefix>-01`… (for `startStack({ users })`). */
export function learners(prefix: string, count: number): User[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `${prefix}-${String(i + 1).padStart(2, '0')}`;
    return { id, name: id, roles: ['learner'] };
  });
}

/** Sign in through the local token route and join the demo course with its code, as the product does. */
export async function signInAndJoin(stack: LocalStack, username: string): Promise<string> {
  const token = await tokenFor(stack, username);
  const join = await call(stack, 'POST', '/api/courses/join', { token, json: { code: DEMO_COURSE.joinCode } });
  if (join.status !== 200) throw new Error(`join for ${username}: ${join.status} ${join.text}`);
  return token;
}

/** The starter configuration a learner sees for a lab (their own variant). */
export async function starterOf(stack: LocalStack, token: string, labId: string): Promise<string> {
  const lab = await call(stack, 'GET', `/api/labs/${labId}`, { token });
  if (lab.status !== 200) throw new Error(`lab ${labId}: ${lab.status}`);
  return lab.body.starter as string;
}

/** POST a configuration as raw YAML to the demo course. */
export function submitYaml(stack: LocalStack, token: string, labId: string, yaml: string): Promise<Reply> {
  return call(stack, 'POST', `/api/labs/${labId}/submissions?courseId=${DEMO_COURSE.id}`, { token, text: yaml });
}

/** The lab's own reference solution for this learner's variant: an answer that passes every check. */
export function referenceAnswer(stack: LocalStack, labId: string, learnerId: string): string {
  const lab = stack.deps.course.labs.find((l) => l.id === labId);
  if (!lab) throw new Error(`no lab ${labId}`);
  return variantFor(lab, learnerId).reference;
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Poll a submission until it is graded or failed. */
export async function waitGraded(
  stack: LocalStack,
  id: string,
): Promise<NonNullable<Awaited<ReturnType<LocalStack['deps']['store']['getSubmission']>>>> {
  return waitFor(async () => {
    const s = await stack.deps.store.getSubmission(id);
    return s && (s.status === 'graded' || s.status === 'failed') ? s : undefined;
  });
}
