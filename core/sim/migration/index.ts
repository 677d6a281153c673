import type { TargetSimulator } from '../target.ts';
import { checkMigration } from './check.ts';
import { runMigration } from './run.ts';
import { migrationConfigSchema, type MigrationConfig } from './schema.ts';
import type { MigrationState } from './state.ts';

/** The `migration` target: live migration of one VM between two hosts (pre-copy, auto-converge, post-copy). */
export const migrationSimulator = {
  target: 'migration',
  schema: migrationConfigSchema,
  check: checkMigration,
  run: runMigration,
} satisfies TargetSimulator<MigrationConfig, MigrationState>;
