import type { Submission } from '../../core/course/submission.ts';
import type { Queue } from '../ports/queue.ts';
import type { Store } from '../ports/store.ts';

/** What a sweep reads of a stale submission: what it publishes again. */
export type StaleSubmission = Pick<Submission, 'id' | 'learnerId' | 'labId' | 'courseId'>;

/**
 * Only the Store's `listStale` (answering at least these fields) and the queue's `publish`: the Lambda sweeper reads
 * with one signed request rather than the whole store (functions/lambda/stale-query.ts).
 */
export interface SweepDeps {
  store: { listStale(...args: Parameters<Store['listStale']>): Promise<StaleSubmission[]> };
  queue: Pick<Queue, 'publish'>;
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
