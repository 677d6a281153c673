import { ulid } from 'ulid';
import { loadLabs } from '../adapters/labs-fs.ts';
import { configFromEnv } from '../http/config.ts';
import { createGraderHandler } from '../grading/sqs-handler.ts';
import { awsStore } from './aws-data.ts';

const contentDir = process.env.CONTENT_DIR;
if (!contentDir) throw new Error('environment variable CONTENT_DIR is not set');

/** SQS → grade each submission; failed records come back as batchItemFailures (partial batch response). */
export const handler = createGraderHandler({
  store: awsStore(),
  labs: await loadLabs(contentDir),
  clock: () => new Date(),
  ids: () => ulid(),
  leaseSeconds: configFromEnv().gradingLeaseSeconds,
});
