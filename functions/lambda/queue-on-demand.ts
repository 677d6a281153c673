import type { Queue } from '../ports/queue.ts';

/**
 * A queue whose SQS client (and the AWS SDK's query protocol) is loaded at the first publish: most invocations of
 * the API and the sweeper publish nothing. The caller reads its queue URL at once, so a function deployed without
 * one still fails at its cold start.
 */
export function queueOnDemand<Q extends Queue>(load: () => Promise<Q>): Queue {
  let queue: Promise<Q> | undefined;
  const get = () => (queue ??= load());
  return {
    publish: async (event) => (await get()).publish(event),
    publishBatch: async (events) => (await get()).publishBatch(events),
  };
}
