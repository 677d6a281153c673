import { GRADER_VERSION } from '../../../core/grading/version.ts';
import { simulateForLab } from '../../../core/grading/run.ts';
import type { Lab } from '../../../core/labs/lab-schema.ts';
import type { Submission } from '../../../core/course/submission.ts';
import type { TraceEvent } from '../../../core/sim/trace.ts';

/**
 * Runs kept per process, the least recently viewed dropped first. A run's trace is bounded by SIM_LIMITS.maxEvents;
 * the page says how many events it does not draw, so the whole trace is kept.
 */
const CACHE_SIZE = 64;

const cache = new Map<string, readonly TraceEvent[] | null>();
/** Simulations run for pages since the process started (tests bound it per page view). */
export const pageSimulations = { count: 0 };

/**
 * The trace a graded submission's page draws, simulated at most once per submission, grading and grader version
 * in a process: a view of a costly design (a RAID-2 array of 40 disks) costs its simulation once, not per view.
 * Keyed by `gradedAt` too, so a regraded submission is simulated anew.
 */
export function pageTrace(lab: Lab, s: Submission): readonly TraceEvent[] | undefined {
  if (s.status !== 'graded') return undefined;
  const key = `${s.id}#${s.gradedAt ?? ''}#${GRADER_VERSION}#${lab.id}@${lab.version}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit ?? undefined;
  }
  pageSimulations.count++;
  const events = simulateForLab(lab, s.config, s.learnerId, s.format)?.events ?? null;
  cache.set(key, events);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return events ?? undefined;
}
