import { ulid } from 'ulid';
import { configFromEnv } from '../config.ts';
import { createGraderHandler, type GraderHandler } from '../grading/sqs-handler.ts';
import { GRADER_SERVICE, gradingMetrics, newMetrics } from '../observability/metrics.ts';
import { awsStore } from './aws-store.ts';
import { readCourseSnapshot } from './course-snapshot.ts';
import { requiredEnv } from './required-env.ts';

const metrics = newMetrics(process.env.POWERTOOLS_SERVICE_NAME ?? GRADER_SERVICE);

const grade = createGraderHandler({
  store: awsStore(),
  // Parsing the content tree (YAML, markdown) is only the fallback when no course.json was bundled.
  labs:
    readCourseSnapshot()?.labs ?? (await (await import('../adapters/labs-fs.ts')).loadLabs(requiredEnv('CONTENT_DIR'))),
  clock: () => new Date(),
  ids: () => ulid(),
  leaseSeconds: configFromEnv().gradingLeaseSeconds,
  metrics: gradingMetrics(metrics),
});

/**
 * SQS → grade each submission; failed records come back as batchItemFailures (partial batch response). The batch's
 * metrics (grading lag, duration) are written once, as EMF log lines, when it is done.
 */
export const handler: GraderHandler = async (event, context) => {
  try {
    return await grade(event, context);
  } finally {
    metrics.publishStoredMetrics();
  }
};
