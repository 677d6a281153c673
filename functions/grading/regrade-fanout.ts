import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import {
  REGRADE_PAGE_SIZE,
  RegradeTickSchema,
  afterTick,
  batchesOf,
  type RegradeTick,
} from '../../core/course/regrade-job.ts';
import type { SubmissionReceived } from '../../core/course/submission-received.ts';
import type { Queue, RegradeQueue } from '../ports/queue.ts';
import type { Store } from '../ports/store.ts';
import { logger } from '../observability/logger.ts';

export interface RegradeFanoutDeps {
  store: Store;
  /** The grading queue the requeued submissions go to, in batches of ten. */
  queue: Queue;
  /** The regrade queue the next tick goes to. */
  regrades: RegradeQueue;
  clock: () => Date;
  /** Submissions one tick reads (default REGRADE_PAGE_SIZE). */
  pageSize?: number;
}

export type TickOutcome = 'ticked' | 'finished' | 'stale' | 'missing';

/**
 * One tick of a regrade job, at-least-once safe: read one page of the lab's submissions after the job's cursor,
 * requeue each finished one (conditional: a submission already requeued by a duplicate tick is skipped), send them
 * to the grader in batches of ten, record the tick on the job (conditional on its tick number) and send the next
 * tick. A redelivered tick finds the job moved on and only re-sends the next tick, should that send have been lost.
 */
export async function handleRegradeTick(deps: RegradeFanoutDeps, tick: RegradeTick): Promise<TickOutcome> {
  const { store } = deps;
  const job = await store.getRegradeJob(tick.courseId, tick.jobId);
  if (!job) {
    logger.warn('regrade job not found', { ...tick });
    return 'missing';
  }
  if (job.ticks !== tick.tick) {
    // Already recorded: make sure its successor was sent (a duplicate successor is itself stale and harmless).
    if (job.ticks === tick.tick + 1 && job.state !== 'done') {
      await deps.regrades.sendTick({ courseId: job.courseId, jobId: job.id, tick: job.ticks });
    }
    return 'stale';
  }
  const page = await store.pageLabSubmissions(job.courseId, job.labId, deps.pageSize ?? REGRADE_PAGE_SIZE, job.cursor);
  const requeued: SubmissionReceived[] = [];
  const at = deps.clock().toISOString();
  // One conditional write per finished submission of the page, side by side (at most a page at once).
  const finished = page.items.filter((s) => s.status === 'graded' || s.status === 'failed');
  const took = await Promise.all(finished.map((s) => store.requeueSubmission(s.id, at)));
  for (const [i, s] of finished.entries()) {
    if (!took[i]) continue;
    requeued.push({
      submissionId: s.id,
      learnerId: s.learnerId,
      labId: s.labId,
      ...(s.courseId ? { courseId: s.courseId } : {}),
      regradeJobId: job.id,
    });
  }
  // A send that throws leaves its submissions queued: the sweeper republishes them; the tick is retried.
  for (const batch of batchesOf(requeued)) await deps.queue.publishBatch(batch);
  const next = afterTick(job, { listed: page.items.length, queued: requeued.length, next: page.next }, at);
  const recorded = await store.recordRegradeTick(next, job.ticks, {
    listed: page.items.length,
    queued: requeued.length,
  });
  if (!recorded) {
    // A duplicate of this tick recorded the page first; count what this one requeued (the writes are disjoint).
    if (requeued.length) await store.addRegradeCount(job.courseId, job.id, 'queued', requeued.length);
    return 'stale';
  }
  if (next.state === 'done') return 'finished';
  await deps.regrades.sendTick({ courseId: job.courseId, jobId: job.id, tick: next.ticks });
  return 'ticked';
}

export type RegradeFanoutHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/** The regrade queue's SQS batch handler (the local queue calls the same function). */
export function createRegradeFanoutHandler(deps: RegradeFanoutDeps): RegradeFanoutHandler {
  const record = async (r: SQSRecord) => handleRegradeTick(deps, RegradeTickSchema.parse(JSON.parse(r.body)));
  return async (event, context) =>
    processPartialResponse(event, record, new BatchProcessor(EventType.SQS), {
      ...(context ? { context } : {}),
      throwOnFullBatchFailure: false,
    });
}
