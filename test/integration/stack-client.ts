import type { LocalStack } from '../../functions/local/server.ts';
import { call as callStack, type Reply } from './helpers/stack.ts';

// The stack helpers live in ./helpers/stack.ts; this module keeps the older call shape (token first, English
// replies by default) for the suites still written against it.
export { learners, signInAndJoin, starterOf, submitYaml, type Reply } from './helpers/stack.ts';

export function call(stack: LocalStack, token: string | undefined, method: string, path: string, init: { body?: BodyInit; type?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return callStack(stack, method, path, { token, raw: init.body, type: init.type, headers: { 'accept-language': 'en', ...init.headers } });
}
