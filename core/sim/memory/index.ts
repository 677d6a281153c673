import type { TargetSimulator } from '../target.ts';
import { checkMemory } from './check.ts';
import { runMemory } from './run.ts';
import { memoryConfigSchema, type MemoryConfig } from './schema.ts';
import type { MemoryState } from './state.ts';

/**
 * The `memory` target: guest page tables over host memory (shadow paging vs EPT/NPT two-dimensional walks, TLB
 * tags), and memory overcommit (ballooning, page sharing, host swapping) with what each costs the guest.
 */
export const memorySimulator = {
  target: 'memory',
  schema: memoryConfigSchema,
  check: checkMemory,
  run: runMemory,
  // An op's bookkeeping runs over every guest and image; its events carry that cost (measured by `npm run bench`).
  eventWork: 900,
} satisfies TargetSimulator<MemoryConfig, MemoryState>;
