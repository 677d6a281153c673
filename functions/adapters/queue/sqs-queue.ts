import { SQSClient, SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { SEND_BATCH_SIZE, type RegradeTick } from '../../../core/course/regrade-job.ts';
import type { SubmissionReceived } from '../../../core/course/submission-received.ts';
import type { Queue, RegradeQueue } from '../../ports/queue.ts';

const attributes = (type: string) => ({ type: { DataType: 'String', StringValue: type } });

/** Publishes to the grading queue (SQS standard queue: at-least-once, redrive to a DLQ after N receives). */
export function createSqsQueue(queueUrl: string, client: SQSClient = new SQSClient({})): Queue {
  return {
    async publish(event: SubmissionReceived) {
      await client.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify(event),
          MessageAttributes: attributes('SubmissionReceived'),
        }),
      );
    },
    async publishBatch(events) {
      if (events.length === 0) return;
      if (events.length > SEND_BATCH_SIZE) throw new RangeError(`a batch holds at most ${SEND_BATCH_SIZE} messages`);
      const res = await client.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: events.map((e, i) => ({
            Id: String(i),
            MessageBody: JSON.stringify(e),
            MessageAttributes: attributes('SubmissionReceived'),
          })),
        }),
      );
      // The requeued submissions stay queued, so the sweeper republishes any entry SQS did not take; the tick
      // still fails, so its redelivery reports it.
      if (res.Failed?.length) throw new Error(`SendMessageBatch: ${res.Failed.length} of ${events.length} refused`);
    },
  };
}

/** Sends regrade ticks to the regrade queue. */
export function createSqsRegradeQueue(queueUrl: string, client: SQSClient = new SQSClient({})): RegradeQueue {
  return {
    async sendTick(tick: RegradeTick) {
      await client.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify(tick),
          MessageAttributes: attributes('RegradeTick'),
        }),
      );
    },
  };
}
