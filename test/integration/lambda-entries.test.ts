import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { resolve } from 'node:path';
import type { APIGatewayProxyEventV2, Context, SQSEvent } from 'aws-lambda';
import { variantFor } from '../../core/labs/variant.ts';
import { ensureTable, startDynalite, type LocalDynamo } from '../../functions/adapters/dynamo/local.ts';
import { createDocumentClient, createDynamoStore } from '../../functions/adapters/dynamo/store.ts';
import { logger } from '../../functions/observability/logger.ts';

/**
 * The deployed entry points, imported as Lambda would import them: configured only by environment variables,
 * talking to DynamoDB (dynalite here, through the SDK's standard endpoint variable).
 */
const TABLE = 'virtlab-lambda-test';
let dynamo: LocalDynamo;

beforeAll(async () => {
  logger.setLogLevel('ERROR');
  dynamo = await startDynalite();
  Object.assign(process.env, {
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    TABLE_NAME: TABLE,
    QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/000000000000/virtlab-test',
    CONTENT_DIR: resolve('content'),
    APP_MODE: 'aws',
    USER_POOL_ID: 'eu-west-1_TEST12345',
    USER_POOL_CLIENT_ID: 'testclient',
    COGNITO_DOMAIN: 'https://virtlab-test.auth.eu-west-1.amazoncognito.com',
  });
  await ensureTable(createDocumentClient({ endpoint: dynamo.endpoint }), TABLE);
});
afterAll(() => dynamo?.close());

function httpEvent(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.example.org', ...headers },
    isBase64Encoded: false,
    ...(body ? { body } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'api',
      domainName: 'api.example.org',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: 'r1',
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
  };
}

const context = {
  functionName: 'test',
  awsRequestId: 'req',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

describe('Lambda entry points', () => {
  it('api: serves the app in AWS mode; the local token route does not exist; unknown tokens are 401', async () => {
    const { handler: api } = await import('../../functions/lambda/api.ts');
    // hono/aws-lambda declares its own event types; the runtime shape is API Gateway's v2 event.
    const handler = (event: APIGatewayProxyEventV2, ctx: Context) =>
      api(event as never, ctx) as Promise<{ statusCode: number; body?: string }>;
    const health = await handler(httpEvent('GET', '/api/health'), context);
    expect(health.statusCode).toBe(200);
    expect(JSON.parse(health.body!)).toMatchObject({ status: 'ok', mode: 'aws' });
    const dev = await handler(
      httpEvent('POST', '/api/dev/token', { 'content-type': 'application/json' }, '{"username":"teacher1"}'),
      context,
    );
    expect(dev.statusCode).toBe(404);
    const me = await handler(httpEvent('GET', '/api/me', { authorization: 'Bearer not.a.token' }), context);
    expect(me.statusCode).toBe(401);
  });

  it('grader: grades an SQS batch against the table and reports no failures', async () => {
    const store = createDynamoStore(createDocumentClient({ endpoint: dynamo.endpoint }), TABLE);
    const { loadLabs } = await import('../../functions/adapters/labs-fs.ts');
    const lab = (await loadLabs(resolve('content'))).find((l) => l.id === 'hvm-boot-vtx')!;
    const id = '01J00000000000000000000001';
    await store.putSubmission({
      id,
      learnerId: 'learner9',
      labId: lab.id,
      format: 'yaml',
      config: variantFor(lab, 'learner9').reference,
      status: 'queued',
      queuedAt: new Date().toISOString(),
      claims: 0,
    });
    const { handler } = await import('../../functions/lambda/grader.ts');
    const body = JSON.stringify({ submissionId: id, learnerId: 'learner9', labId: lab.id });
    const record = (messageId: string) => ({
      messageId,
      receiptHandle: messageId,
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '0',
        SenderId: 'x',
        ApproximateFirstReceiveTimestamp: '0',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:virtlab-test',
      awsRegion: 'eu-west-1',
    });
    // The same message twice in one batch: graded once, neither reported as failed.
    const event: SQSEvent = { Records: [record('m1'), record('m2')] };
    const res = await handler(event, context);
    const s = await store.getSubmission(id);
    expect(s?.status).toBe('graded');
    expect(s?.result?.score).toBe(100);
    expect(s?.claims).toBe(1);
    // The second copy either found it graded or found it claimed (and will be retried, then find it graded).
    expect(res.batchItemFailures.length).toBeLessThanOrEqual(1);
  });
});
