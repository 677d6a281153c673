import type { LocalStack } from '../../functions/local/server.ts';
import { DEMO_COURSE } from '../../functions/local/seed.ts';
import type { User } from '../../functions/auth/user.ts';

/** Real HTTP against a running local stack, as a learner's client would speak to it. */
export interface Reply {
  status: number;
  body: any;
}

export async function call(stack: LocalStack, token: string | undefined, method: string, path: string, init: { body?: BodyInit; type?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { 'accept-language': 'en', ...init.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.type) headers['content-type'] = init.type;
  const res = await fetch(`${stack.url}${path}`, { method, headers, body: init.body });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the test looks at the raw text.
  }
  return { status: res.status, body };
}

/** `count` learners with ids `<prefix>-01`… (for `startLocal({ users })`). */
export function learners(prefix: string, count: number): User[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `${prefix}-${String(i + 1).padStart(2, '0')}`;
    return { id, name: id, roles: ['learner'] };
  });
}

/** Sign in through the local token route and join the demo course with its code, as the product does. */
export async function signInAndJoin(stack: LocalStack, userId: string): Promise<string> {
  const signIn = await call(stack, undefined, 'POST', '/api/dev/token', { type: 'application/json', body: JSON.stringify({ username: userId }) });
  if (signIn.status !== 200) throw new Error(`token for ${userId}: ${signIn.status} ${JSON.stringify(signIn.body)}`);
  const token = signIn.body.token as string;
  const join = await call(stack, token, 'POST', '/api/courses/join', { type: 'application/json', body: JSON.stringify({ code: DEMO_COURSE.joinCode }) });
  if (join.status !== 200) throw new Error(`join for ${userId}: ${join.status} ${JSON.stringify(join.body)}`);
  return token;
}

/** The starter configuration a learner sees for a lab (their own variant). */
export async function starterOf(stack: LocalStack, token: string, labId: string): Promise<string> {
  const lab = await call(stack, token, 'GET', `/api/labs/${labId}`);
  if (lab.status !== 200) throw new Error(`lab ${labId}: ${lab.status}`);
  return lab.body.starter as string;
}

/** POST a configuration as raw YAML to the demo course. */
export function submitYaml(stack: LocalStack, token: string, labId: string, yaml: string): Promise<Reply> {
  return call(stack, token, 'POST', `/api/labs/${labId}/submissions?courseId=${DEMO_COURSE.id}`, { type: 'text/yaml', body: yaml });
}
