import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SubmissionReceived } from '../../../core/course/submission-received.ts';
import type { Queue } from '../../ports/queue.ts';

/** Publishes to the grading queue (SQS standard queue: at-least-once, redrive to a DLQ after N receives). */
export function createSqsQueue(queueUrl: string, client: SQSClient = new SQSClient({})): Queue {
  return {
    async publish(event: SubmissionReceived) {
      await client.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify(event),
          MessageAttributes: { type: { DataType: 'String', StringValue: 'SubmissionReceived' } },
        }),
      );
    },
  };
}
