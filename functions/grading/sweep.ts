import type { Queue } from '../ports/queue.ts';
import type { Store } from '../ports/store.ts';

export interface SweepDeps {
  store: Store;
  queue: Queue;
  clock: () => Date;
}

export interface SweepOptions {
  /** A submission queued longer than this is published again (its first message may have been lost). */
  queuedOlderThanSeconds: number;
  /** At most this many of each status per sweep. */
  limit?: number;
}

/**
 * Re-publish submissions stuck in `queued` past the threshold, and those in `grading` whose lease has run out
 * (their grader died). Reads the sparse status index, never the table. Publishing twice is harmless: grading is
 * idempotent.
 */
export async function sweep(deps: SweepDeps, options: SweepOptions): Promise<number> {
  const now = deps.clock();
  const limit = options.limit ?? 100;
  const queuedBefore = new Date(now.getTime() - options.queuedOlderThanSeconds * 1000).toISOString();
  const stale = [
    ...(await deps.store.listStale('queued', queuedBefore, limit)),
    ...(await deps.store.listStale('grading', now.toISOString(), limit)),
  ];
  for (const s of stale) {
    await deps.queue.publish({ submissionId: s.id, learnerId: s.learnerId, labId: s.labId, courseId: s.courseId });
  }
  return stale.length;
}
