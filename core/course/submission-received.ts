import * as z from 'zod/mini';

/**
 * The event published when a submission is stored (the SQS message body, as JSON); the grader consumes it. The one
 * contract of the queue: publishers are typed by it and the grader parses every message with it.
 */
export const SubmissionReceivedSchema = z.object({
  submissionId: z.string().check(z.minLength(1)),
  learnerId: z.string().check(z.minLength(1)),
  labId: z.string().check(z.minLength(1)),
  courseId: z.optional(z.string().check(z.minLength(1))),
  /** Set when a regrade job requeued the submission: the grader counts the result on that job. */
  regradeJobId: z.optional(z.string().check(z.minLength(1))),
});

export type SubmissionReceived = z.infer<typeof SubmissionReceivedSchema>;
