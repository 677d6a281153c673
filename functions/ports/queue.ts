import type { RegradeTick } from '../../core/course/regrade-job.ts';
import type { SubmissionReceived } from '../../core/course/submission-received.ts';

/** Where submissions go to be graded: SQS on AWS, the in-process queue locally. At-least-once delivery. */
export interface Queue {
  publish(event: SubmissionReceived): Promise<void>;
  /** At most ten events in one call (SQS SendMessageBatch); throws when any entry was not accepted. */
  publishBatch(events: readonly SubmissionReceived[]): Promise<void>;
}

/** Where a regrade job's ticks go (its own queue, consumed by the regrade fan-out worker). */
export interface RegradeQueue {
  sendTick(tick: RegradeTick): Promise<void>;
}
