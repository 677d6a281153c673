import type { TargetSimulator } from '../target.ts';
import { checkServer } from './check.ts';
import { runServer } from './run.ts';
import { serverConfigSchema, type ServerConfig } from './schema.ts';
import type { ServerState } from './state.ts';

export { serverConfigSchema, type ServerConfig } from './schema.ts';
export type { ServerState } from './state.ts';

/** The `server` target: one physical host, its hypervisor or host kernel, and the guests and containers on it. */
export const serverSimulator = {
  target: 'server',
  schema: serverConfigSchema,
  check: checkServer,
  run: runServer,
} satisfies TargetSimulator<ServerConfig, ServerState>;
