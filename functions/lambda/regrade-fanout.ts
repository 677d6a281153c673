import { createRegradeFanoutHandler } from '../grading/regrade-fanout.ts';
import { awsQueue, awsRegradeQueue } from './aws-queue.ts';
import { awsStore } from './aws-store.ts';

/** The regrade queue → one tick of a regrade job each (page, requeue, batched sends, next tick). */
export const handler = createRegradeFanoutHandler({
  store: awsStore(),
  queue: awsQueue(),
  regrades: awsRegradeQueue(),
  clock: () => new Date(),
});
