import type { SubmissionReceived } from '../../core/course/submission-received.ts';

/** Where submissions go to be graded: SQS on AWS, the in-process queue locally. At-least-once delivery. */
export interface Queue {
  publish(event: SubmissionReceived): Promise<void>;
}
