import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Submission } from '../../core/course/submission.ts';
import { ensureTable, startDynalite, type LocalDynamo } from '../../functions/adapters/dynamo/local.ts';
import { createDocumentClient, createDynamoStore } from '../../functions/adapters/dynamo/store.ts';
import { logger } from '../../functions/observability/logger.ts';
import { staleQuery } from '../../functions/lambda/stale-query.ts';

/**
 * The sweeper's signed Query (functions/lambda/stale-query.ts) against dynalite, compared with the store's
 * listStale through the SDK on the same table: same submissions, same order, pages followed, errors thrown.
 */
const TABLE = 'virtlab-sweeper-query-test';
let dynamo: LocalDynamo;
const credentials = () => ({ accessKeyId: 'local', secretAccessKey: 'local' });

beforeAll(async () => {
  logger.setLogLevel('ERROR');
  dynamo = await startDynalite();
  await ensureTable(createDocumentClient({ endpoint: dynamo.endpoint }), TABLE);
});
afterAll(() => dynamo?.close());

const submission = (n: number, status: 'queued' | 'grading', withCourse: boolean): Submission => ({
  id: `01J0000000000000000000SQ${String(n).padStart(2, '0')}`,
  learnerId: `learner${n}`,
  labId: 'hvm-boot-vtx',
  ...(withCourse ? { courseId: 'c1' } : {}),
  format: 'yaml',
  config: 'x: 1',
  status,
  queuedAt: `2026-01-01T00:00:${String(n).padStart(2, '0')}.000Z`,
  claims: 0,
});

describe('the sweeper’s signed StatusIndex Query', () => {
  it('lists what the store lists, oldest first, across pages, with or without a course', async () => {
    const store = createDynamoStore(createDocumentClient({ endpoint: dynamo.endpoint }), TABLE);
    for (let n = 1; n <= 5; n++) await store.putSubmission(submission(n, 'queued', n % 2 === 0));
    const list = staleQuery({ tableName: TABLE, region: 'eu-west-1', endpoint: dynamo.endpoint, credentials });
    const pick = (s: Pick<Submission, 'id' | 'learnerId' | 'labId' | 'courseId'>) => ({
      id: s.id,
      learnerId: s.learnerId,
      labId: s.labId,
      ...(s.courseId ? { courseId: s.courseId } : {}),
    });
    for (const [before, limit] of [
      ['2030-01-01T00:00:00.000Z', 100],
      ['2030-01-01T00:00:00.000Z', 2],
      ['2026-01-01T00:00:03.500Z', 100],
      ['2000-01-01T00:00:00.000Z', 100],
    ] as const) {
      const expected = (await store.listStale('queued', before, limit)).map(pick);
      expect(await list('queued', before, limit)).toEqual(expected);
    }
    expect((await list('queued', '2030-01-01T00:00:00.000Z', 100)).map((s) => s.learnerId)).toEqual([
      'learner1',
      'learner2',
      'learner3',
      'learner4',
      'learner5',
    ]);
    expect(await list('grading', '2030-01-01T00:00:00.000Z', 100)).toEqual([]);
  });

  it('throws DynamoDB’s error when the Query fails', async () => {
    const list = staleQuery({
      tableName: 'no-such-table',
      region: 'eu-west-1',
      endpoint: dynamo.endpoint,
      credentials,
    });
    await expect(list('queued', '2030-01-01T00:00:00.000Z', 10)).rejects.toThrow(/ResourceNotFoundException/);
  });

  it('the sweeper entry point sweeps the table through it (nothing stale: nothing published)', async () => {
    Object.assign(process.env, {
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      TABLE_NAME: `${TABLE}-empty`,
      QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/000000000000/virtlab-test',
    });
    await ensureTable(createDocumentClient({ endpoint: dynamo.endpoint }), `${TABLE}-empty`);
    const { handler } = await import('../../functions/lambda/sweeper.ts');
    expect(await handler()).toEqual({ republished: 0 });
  });
});
