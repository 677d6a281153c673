import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { SubmissionReceived } from '../../../core/course/submission-received.ts';

export interface LocalQueueOptions<T = SubmissionReceived> {
  /** How long a received message stays hidden before it is delivered again (unless deleted). */
  visibilityTimeoutMs?: number;
  /** Receives after which a message goes to the dead-letter list instead. */
  maxReceives?: number;
  batchSize?: number;
  /** Batches delivered at once, as Lambda's SQS poller runs several invocations side by side. */
  concurrency?: number;
  /** Fault injection: what to do with a published event (default deliver once). */
  onPublish?: (event: T) => 'deliver' | 'drop' | 'duplicate';
}

interface Message {
  messageId: string;
  body: string;
  receiveCount: number;
  visibleAt: number;
  firstSentAt: number;
}

export type BatchConsumer = (event: SQSEvent) => Promise<SQSBatchResponse>;

/**
 * An in-process stand-in for SQS with the same at-least-once semantics the grader must survive: messages are
 * hidden while a batch is processed, deleted only when the consumer reports success, redelivered after the
 * visibility timeout otherwise, and moved to a dead-letter list after `maxReceives`. The consumer is the real SQS
 * batch handler, fed SQS-shaped events.
 */
export class LocalQueue<T = SubmissionReceived> {
  readonly deadLetters: Message[] = [];
  /** The size of every batch delivered, in order (what a test of batching looks at). */
  readonly batchSizes: number[] = [];
  /** The size of every `publishBatch` call, in order. */
  readonly publishBatchSizes: number[] = [];
  private readonly messages: Message[] = [];
  private consumer?: BatchConsumer;
  private inFlight = 0;
  private timer?: NodeJS.Timeout;
  private seq = 0;
  private paused = false;
  private idleWaiters: Array<() => void> = [];
  private readonly opts: Required<Omit<LocalQueueOptions<T>, 'onPublish'>> & Pick<LocalQueueOptions<T>, 'onPublish'>;

  constructor(options: LocalQueueOptions<T> = {}) {
    this.opts = { visibilityTimeoutMs: 30_000, maxReceives: 5, batchSize: 10, concurrency: 1, ...options };
  }

  /** Start delivering to `consumer`. */
  consume(consumer: BatchConsumer): void {
    this.consumer = consumer;
    this.schedule(0);
  }

  stop(): void {
    this.consumer = undefined;
    clearTimeout(this.timer);
  }

  /** Hold deliveries (messages accumulate, as when no poller is running); `resume` delivers them in batches. */
  pause(): void {
    this.paused = true;
    clearTimeout(this.timer);
  }

  resume(): void {
    this.paused = false;
    this.schedule(0);
  }

  /** Like SQS SendMessageBatch: at most ten messages per call. */
  async publishBatch(events: readonly T[]): Promise<void> {
    if (events.length > 10) throw new RangeError('a batch holds at most 10 messages');
    this.publishBatchSizes.push(events.length);
    for (const e of events) await this.publish(e);
  }

  async publish(event: T): Promise<void> {
    const action = this.opts.onPublish?.(event) ?? 'deliver';
    if (action === 'drop') return;
    const copies = action === 'duplicate' ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      const now = Date.now();
      this.messages.push({
        messageId: `local-${++this.seq}`,
        body: JSON.stringify(event),
        receiveCount: 0,
        visibleAt: now,
        firstSentAt: now,
      });
    }
    this.schedule(0);
  }

  /** Messages not yet deleted (visible or in flight). */
  get depth(): number {
    return this.messages.length;
  }

  /** Resolves once every message has been deleted or dead-lettered. */
  idle(): Promise<void> {
    if (this.messages.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(delayMs: number): void {
    if (!this.consumer || this.paused) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.pump(), Math.max(0, delayMs));
  }

  private pump(): void {
    const consumer = this.consumer;
    if (!consumer || this.paused) return;
    const now = Date.now();
    for (const m of this.messages.filter((m) => m.visibleAt <= now && m.receiveCount >= this.opts.maxReceives)) {
      this.messages.splice(this.messages.indexOf(m), 1);
      this.deadLetters.push(m);
    }
    while (this.inFlight < this.opts.concurrency) {
      const batch = this.messages.filter((m) => m.visibleAt <= now).slice(0, this.opts.batchSize);
      if (!batch.length) break;
      for (const m of batch) {
        m.receiveCount++;
        m.visibleAt = now + this.opts.visibilityTimeoutMs;
      }
      this.inFlight++;
      this.batchSizes.push(batch.length);
      void this.deliver(consumer, batch, now);
    }
    this.afterPump();
  }

  private async deliver(consumer: BatchConsumer, batch: Message[], now: number): Promise<void> {
    let failed: Set<string>;
    try {
      const res = await consumer({ Records: batch.map((m) => toRecord(m, now)) });
      failed = new Set(res.batchItemFailures.map((f) => f.itemIdentifier));
    } catch {
      failed = new Set(batch.map((m) => m.messageId));
    } finally {
      this.inFlight--;
    }
    for (const m of batch) {
      // A message redelivered after its visibility timeout may be acknowledged twice; the second time it is gone.
      const at = this.messages.indexOf(m);
      if (!failed.has(m.messageId) && at >= 0) this.messages.splice(at, 1);
    }
    this.pump();
  }

  private afterPump(): void {
    if (this.messages.length === 0 && this.inFlight === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((w) => w());
    }
    if (this.messages.length === 0) return;
    // While every slot is busy, a finishing batch pumps again; only messages still hidden need a timer.
    const now = Date.now();
    const saturated = this.inFlight >= this.opts.concurrency;
    const times = this.messages.map((m) => m.visibleAt).filter((t) => !saturated || t > now);
    if (times.length) this.schedule(Math.min(...times) - now);
  }
}

function toRecord(m: Message, now: number): SQSRecord {
  return {
    messageId: m.messageId,
    receiptHandle: `${m.messageId}:${m.receiveCount}`,
    body: m.body,
    attributes: {
      ApproximateReceiveCount: String(m.receiveCount),
      SentTimestamp: String(m.firstSentAt),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(now),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:virtlab-grading',
    awsRegion: 'local',
  };
}
