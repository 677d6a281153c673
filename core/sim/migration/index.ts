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
  // A round's event stands for its integer (BigInt) arithmetic and its record: about 7 µs (measured by `npm run bench`).
  eventWork: 750,
} satisfies TargetSimulator<MigrationConfig, MigrationState>;
