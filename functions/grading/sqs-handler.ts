import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { SubmissionReceivedSchema } from '../../core/course/submission-received.ts';
import { withCorrelationId } from '../observability/correlation.ts';
import { handleSubmissionReceived, type GradingDeps } from './grade-submission.ts';

export type GraderHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/**
 * The grader's SQS batch handler: each record is graded on its own; the ones that throw are reported as
 * `batchItemFailures`, so only they come back (partial batch response). The local queue calls the same function.
 */
export function createGraderHandler(deps: GradingDeps): GraderHandler {
  const record = async (r: SQSRecord) => {
    // A malformed body throws: it is retried and lands in the dead-letter queue for a person to look at.
    const event = SubmissionReceivedSchema.parse(JSON.parse(r.body));
    // Every log line of this record's grading carries the submission id, as the API's lines about it do.
    return withCorrelationId(event.submissionId, () => handleSubmissionReceived(deps, event));
  };
  return async (event, context) => {
    // One processor per invocation: it holds the state of one batch.
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(event, record, processor, {
      ...(context ? { context } : {}),
      throwOnFullBatchFailure: false,
    });
  };
}
