import { ulid } from 'ulid';
import { loadLabs } from '../adapters/labs-fs.ts';
import { configFromEnv } from '../config.ts';
import { createGraderHandler } from '../grading/sqs-handler.ts';
import { awsStore } from './aws-store.ts';
import { readCourseSnapshot } from './course-snapshot.ts';
import { requiredEnv } from './required-env.ts';

/** SQS → grade each submission; failed records come back as batchItemFailures (partial batch response). */
export const handler = createGraderHandler({
  store: awsStore(),
  labs: readCourseSnapshot()?.labs ?? (await loadLabs(requiredEnv('CONTENT_DIR'))),
  clock: () => new Date(),
  ids: () => ulid(),
  leaseSeconds: configFromEnv().gradingLeaseSeconds,
});
