import { ulid } from 'ulid';
import { createDynamoLtiStore } from '../adapters/dynamo/lti-store.ts';
import { createDocumentClient } from '../adapters/dynamo/store.ts';
import { postDueScores } from '../lti/ags-outbox.ts';
import { boundedFetch } from '../lti/runtime.ts';
import { loadToolKey, parseToolKeySource } from '../lti/tool-key.ts';
import { logger } from '../observability/logger.ts';
import { requiredEnv } from './required-env.ts';

const deps = {
  lti: createDynamoLtiStore(createDocumentClient(), requiredEnv('TABLE_NAME')),
  clock: () => new Date(),
  ids: () => ulid(),
  toolKey: await loadToolKey(parseToolKeySource(requiredEnv('LTI_TOOL_KEY'), process.env)),
  fetch: boundedFetch,
};

/** Scheduled: posts the due AGS scores to the LMSs (functions/lti/ags-outbox.ts); each failure is rescheduled there. */
export const handler = async () => {
  const run = await postDueScores(deps);
  logger.info('lti outbox drained', { ...run });
  return run;
};
