import * as z from 'zod';

/**
 * The event published when a submission is stored (the SQS message body, as JSON); the grader consumes it. The one
 * contract of the queue: publishers are typed by it and the grader parses every message with it.
 */
export const SubmissionReceivedSchema = z.object({
  submissionId: z.string().min(1),
  learnerId: z.string().min(1),
  labId: z.string().min(1),
  courseId: z.string().min(1).optional(),
  /** Set when a regrade job requeued the submission: the grader counts the result on that job. */
  regradeJobId: z.string().min(1).optional(),
});

export type SubmissionReceived = z.infer<typeof SubmissionReceivedSchema>;
