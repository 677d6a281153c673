import type { TargetSimulator } from '../target.ts';
import { checkApplication } from './check.ts';
import { runApplication } from './run.ts';
import { applicationConfigSchema, type ApplicationConfig } from './schema.ts';
import type { ApplicationState } from './state.ts';

/**
 * The `application` target: apps packaged with their files, registry and runtime run in isolation (merged,
 * writecopy, full) through a virtual file system and registry, beside apps installed natively on the host.
 */
export const applicationSimulator = {
  target: 'application',
  schema: applicationConfigSchema,
  check: checkApplication,
  run: runApplication,
  /** Calibrated by test/bench/sim-worst-case.ts (limits.ts: one work unit ≈ 10 ns). */
  eventWork: 700,
} satisfies TargetSimulator<ApplicationConfig, ApplicationState>;
