import { describe, expect, it } from 'vitest';
import { LocalQueue } from '../../../functions/adapters/queue/local-queue.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the in-process queue', () => {
  it('loses no other message when a slow batch is acknowledged after its redelivery was', async () => {
    // A consumer slower than the visibility timeout: message 1 is delivered twice, and both deliveries succeed.
    const queue = new LocalQueue<{ n: number }>({ visibilityTimeoutMs: 20, batchSize: 1, concurrency: 2 });
    const seen: number[] = [];
    let first = true;
    queue.consume(async (event) => {
      const n = (JSON.parse(event.Records[0].body) as { n: number }).n;
      seen.push(n);
      if (n === 1 && first) {
        first = false;
        await sleep(120);
      }
      return { batchItemFailures: [] };
    });
    await queue.publish({ n: 1 });
    await sleep(60); // message 1 is redelivered and acknowledged while its first delivery still runs
    queue.pause(); // 2 and 3 wait in the queue while the first delivery of 1 is acknowledged late
    await queue.publish({ n: 2 });
    await queue.publish({ n: 3 });
    await sleep(100);
    queue.resume();
    await queue.idle();
    queue.stop();
    expect(seen.filter((n) => n === 1).length).toBeGreaterThanOrEqual(2);
    expect(new Set(seen)).toEqual(new Set([1, 2, 3]));
    expect(queue.depth).toBe(0);
    expect(queue.deadLetters).toHaveLength(0);
  });
});
