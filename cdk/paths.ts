import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root: entry points, `content/` and the lock file are found from here, whatever the cwd. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export const projectPath = (...parts: string[]): string => join(PROJECT_ROOT, ...parts);
