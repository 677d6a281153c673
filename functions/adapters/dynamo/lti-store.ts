import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type {
  LtiGradeLink,
  LtiLoginState,
  LtiOutboxRecord,
  LtiPlatform,
  LtiStore,
  LtiUserLink,
} from '../../ports/lti-store.ts';
import { record } from './keys.ts';

/**
 * The LTI records' keys (ACCESS-PATTERNS.md, "LTI 1.3"). Kept beside their adapter so that the LTI work does not
 * widen keys.ts; every LTI key string is built here and nowhere else.
 */
export const ltiKeys = {
  platform: (issuer: string, clientId: string) => ({ pk: `LTIPLAT#${issuer}`, sk: `CLIENT#${clientId}` }),
  loginState: (state: string) => ({ pk: `LTISTATE#${state}`, sk: 'META' }),
  nonce: (issuer: string, nonce: string) => ({ pk: `LTINONCE#${issuer}#${nonce}`, sk: 'META' }),
  user: (issuer: string, sub: string) => ({ pk: `LTIUSER#${issuer}`, sk: `SUB#${sub}` }),
  context: (issuer: string, clientId: string, contextId: string) => ({
    pk: `LTICTX#${issuer}#${clientId}`,
    sk: `CTX#${contextId}`,
  }),
  gradeLink: (courseId: string, labId: string, learnerId: string) => ({
    pk: `COURSE#${courseId}`,
    sk: `LTIGRADE#${labId}#${learnerId}`,
  }),
  outbox: (id: string) => ({ pk: `LTIOUT#${id}`, sk: 'META' }),
  /** Sparse StatusIndex entry of a pending outbox record, by when it is due (the sweeper reads other partitions). */
  outboxDue: (dueAt: string, id: string) => ({ statusPk: 'lti-outbox', statusSk: `${dueAt}#${id}` }),
};

const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

async function conditional<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException || (err as Error).name === 'ConditionalCheckFailedException')
      return undefined;
    throw err;
  }
}

/** LtiStore on the one table: GetItem, PutItem, UpdateItem and Query only. */
export function createDynamoLtiStore(doc: DynamoDBDocumentClient, tableName: string): LtiStore {
  const TableName = tableName;
  const get = async <T>(key: { pk: string; sk: string }): Promise<T | undefined> =>
    record<T>((await doc.send(new GetCommand({ TableName, Key: key, ConsistentRead: true }))).Item);
  const putNew = async (item: Record<string, unknown>) =>
    (await conditional(
      doc.send(new PutCommand({ TableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })),
    )) !== undefined;

  return {
    putPlatform: (p) => putNew({ ...ltiKeys.platform(p.issuer, p.clientId), kind: 'lti-platform', ...p }),
    getPlatform: (issuer, clientId) => get<LtiPlatform>(ltiKeys.platform(issuer, clientId)),
    async listPlatformsByIssuer(issuer) {
      const page = await doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': ltiKeys.platform(issuer, '').pk, ':prefix': 'CLIENT#' },
          Limit: 20,
        }),
      );
      return (page.Items ?? []).map((i) => record<LtiPlatform>(i)!);
    },

    async putLoginState(s) {
      await doc.send(
        new PutCommand({
          TableName,
          Item: { ...ltiKeys.loginState(s.state), kind: 'lti-state', ...s, ttl: epoch(new Date(s.expiresAt)) },
        }),
      );
    },
    getLoginState: (state) => get<LtiLoginState>(ltiKeys.loginState(state)),
    useNonce: (issuer, nonce, expiresAt) =>
      putNew({ ...ltiKeys.nonce(issuer, nonce), kind: 'lti-nonce', ttl: epoch(expiresAt) }),

    async linkUser(link) {
      const key = ltiKeys.user(link.issuer, link.sub);
      if (await putNew({ ...key, kind: 'lti-user', ...link })) return link;
      return (await get<LtiUserLink>(key))!;
    },
    async linkContext(issuer, clientId, contextId, courseId) {
      const key = ltiKeys.context(issuer, clientId, contextId);
      if (await putNew({ ...key, kind: 'lti-context', courseId })) return courseId;
      return (await get<{ courseId: string }>(key))!.courseId;
    },
    async putGradeLink(link) {
      await doc.send(
        new PutCommand({
          TableName,
          Item: { ...ltiKeys.gradeLink(link.courseId, link.labId, link.learnerId), kind: 'lti-grade-link', ...link },
        }),
      );
    },
    getGradeLink: (courseId, labId, learnerId) => get<LtiGradeLink>(ltiKeys.gradeLink(courseId, labId, learnerId)),

    putOutbox: (r) =>
      putNew({ ...ltiKeys.outbox(r.id), ...ltiKeys.outboxDue(r.dueAt, r.id), kind: 'lti-outbox', ...r }),
    async listDueOutbox(now, limit) {
      const page = await doc.send(
        new QueryCommand({
          TableName,
          IndexName: 'StatusIndex',
          KeyConditionExpression: 'statusPk = :s AND statusSk <= :now',
          ExpressionAttributeValues: { ':s': 'lti-outbox', ':now': `${now}#~` },
          Limit: limit,
        }),
      );
      // The index may lag the table: read each record back and keep the ones still pending.
      const out: LtiOutboxRecord[] = [];
      for (const item of page.Items ?? []) {
        const r = await get<LtiOutboxRecord>(ltiKeys.outbox(String(item.id)));
        if (r?.state === 'pending' && r.dueAt <= now) out.push(r);
      }
      return out;
    },
    getOutbox: (id) => get<LtiOutboxRecord>(ltiKeys.outbox(id)),
    async recordAttempt(id, outcome) {
      const pending = outcome.state === 'pending';
      const res = await conditional(
        doc.send(
          new UpdateCommand({
            TableName,
            Key: ltiKeys.outbox(id),
            UpdateExpression: pending
              ? 'SET #state = :state, attempts = :n, dueAt = :due, lastError = :err, statusPk = :sp, statusSk = :ss'
              : 'SET #state = :state, attempts = :n, lastError = :err REMOVE statusPk, statusSk',
            ConditionExpression: '#state = :pending AND attempts = :prev',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':state': outcome.state,
              ':n': outcome.attempts,
              ':prev': outcome.attempts - 1,
              ':pending': 'pending',
              ':err': outcome.error ?? '',
              ...(pending
                ? {
                    ':due': outcome.dueAt,
                    ':sp': 'lti-outbox',
                    ':ss': ltiKeys.outboxDue(outcome.dueAt!, id).statusSk,
                  }
                : {}),
            },
          }),
        ),
      );
      return res !== undefined;
    },
  };
}
