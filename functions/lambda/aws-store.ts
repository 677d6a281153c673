/**
 * The table, on its own: each function imports only the AWS clients it uses (the grader never loads the SQS client),
 * and the grader and the sweeper do not pull in the API's dependencies (Cognito, the lesson loaders).
 */
import { createDocumentClient, createDynamoStore } from '../adapters/dynamo/store.ts';
import type { Store } from '../ports/store.ts';
import { requiredEnv } from './required-env.ts';

export const awsStore = (): Store => createDynamoStore(createDocumentClient(), requiredEnv('TABLE_NAME'));
