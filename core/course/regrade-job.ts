import * as z from 'zod/mini';
import { msg, type Msg } from '../i18n.ts';

/**
 * A teacher's regrade of one lab in a course, fanned out in bounded ticks instead of inside the request: the API
 * stores the job (`queued`) and sends its first tick; each tick reads one page of the lab's submissions, requeues
 * the finished ones and sends them to the grader in batches, records its page and sends the next tick
 * (`fanning-out`), until a page has no successor (`done`). The grader counts each regraded result on the job.
 */
export type RegradeJobState = 'queued' | 'fanning-out' | 'done';

export interface RegradeJob {
  id: string;
  courseId: string;
  labId: string;
  /** The teacher who asked. */
  requestedBy: string;
  requestedAt: string;
  state: RegradeJobState;
  /** Ticks recorded so far; the next tick message carries this number (a redelivered tick finds it moved on). */
  ticks: number;
  /** Where the next tick starts: the last submission id of the previous page; absent before the first page. */
  cursor?: string;
  /** Submissions of the lab read so far. */
  listed: number;
  /** Of those, the finished ones sent back to the grader. */
  queued: number;
  /** Of those, the ones the grader has finished again (graded or failed). */
  graded: number;
  updatedAt: string;
  finishedAt?: string;
}

/** Submissions one tick reads (one bounded query page), and the most a send batch holds (SQS SendMessageBatch). */
export const REGRADE_PAGE_SIZE = 100;
export const SEND_BATCH_SIZE = 10;

/** The tick message (the regrade queue's one contract); `tick` is the job's `ticks` when it was sent. */
export const RegradeTickSchema = z.object({
  courseId: z.string().check(z.minLength(1)),
  jobId: z.string().check(z.minLength(1)),
  tick: z.int().check(z.minimum(0)),
});
export type RegradeTick = z.infer<typeof RegradeTickSchema>;

export function newRegradeJob(input: {
  id: string;
  courseId: string;
  labId: string;
  requestedBy: string;
  now: string;
}): RegradeJob {
  return {
    id: input.id,
    courseId: input.courseId,
    labId: input.labId,
    requestedBy: input.requestedBy,
    requestedAt: input.now,
    state: 'queued',
    ticks: 0,
    listed: 0,
    queued: 0,
    graded: 0,
    updatedAt: input.now,
  };
}

/** What one tick did: the page it read, what it requeued and where the next page starts (none: the last page). */
export interface TickOutcome {
  listed: number;
  queued: number;
  next?: string;
}

/** The job after a tick: counts added, cursor moved, `done` after the last page. */
export function afterTick(job: RegradeJob, outcome: TickOutcome, now: string): RegradeJob {
  const done = outcome.next === undefined;
  const { cursor: _old, ...rest } = job;
  return {
    ...rest,
    ...(done ? {} : { cursor: outcome.next }),
    state: done ? 'done' : 'fanning-out',
    ticks: job.ticks + 1,
    listed: job.listed + outcome.listed,
    queued: job.queued + outcome.queued,
    updatedAt: now,
    ...(done ? { finishedAt: now } : {}),
  };
}

/** `items` in consecutive batches of at most `size` (SendMessageBatch takes ten entries). */
export function batchesOf<T>(items: readonly T[], size = SEND_BATCH_SIZE): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('batch size must be a positive integer');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The teacher's one-line progress, Korean first: queued work is never called finished. "Queued" counts the
 * submissions sent back to the grader so far, "graded" those the grader has finished again; only a job whose pages
 * are all read and whose every requeued submission is graded again is finished.
 */
export function regradeProgress(job: RegradeJob): Msg {
  if (job.state === 'queued') return msg('재채점 대기 중', 'Regrade waiting to start');
  const queued = msg(`대기열에 ${job.queued}개 제출을 넣었습니다`, `Queued ${job.queued} submissions`);
  const graded = msg(`${job.queued}개 중 ${job.graded}개 채점됨`, `graded ${job.graded} of ${job.queued}`);
  if (job.state === 'fanning-out') {
    return msg(
      `${queued.ko} (제출 ${job.listed}개 읽음, 계속 중) · ${graded.ko}`,
      `${queued.en} (read ${job.listed}, continuing) · ${graded.en}`,
    );
  }
  if (job.graded < job.queued) return msg(`${queued.ko} · ${graded.ko}`, `${queued.en} · ${graded.en}`);
  return msg(`재채점 완료: ${graded.ko}`, `Regrade finished: ${graded.en}`);
}
