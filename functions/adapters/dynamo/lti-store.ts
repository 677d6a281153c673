import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type {
  LtiCourseLink,
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
  /** Sparse StatusIndex entry of a current registration: its owner's list, oldest first (removed on deletion). */
  platformOfOwner: (ownerId: string, createdAt: string, issuer: string, clientId: string) => ({
    statusPk: `lti-platforms#${ownerId}`,
    statusSk: `${createdAt}#${issuer}#${clientId}`,
  }),
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
  courseLink: (courseId: string) => ({ pk: `COURSE#${courseId}`, sk: 'LTICTX' }),
  outbox: (id: string) => ({ pk: `LTIOUT#${id}`, sk: 'META' }),
  /** Sparse StatusIndex entry of a pending outbox record, by when it is due (the sweeper reads other partitions). */
  outboxDue: (dueAt: string, id: string) => ({ statusPk: 'lti-outbox', statusSk: `${dueAt}#${id}` }),
  /**
   * The StatusIndex partition of a course's dead-lettered records (sorted by id, so oldest first). Kept on the
   * record as `deadPk` from the start: the attempt that kills it copies it into statusPk in the same UpdateItem.
   */
  outboxDeadPk: (courseId: string) => `lti-dead#${courseId}`,
};

/** A platform item as the port's record: a deleted one is none (its marks are the adapter's). */
function platformOf(item: Record<string, unknown> | undefined): LtiPlatform | undefined {
  const r = record<LtiPlatform & { removedAt?: string; removedBy?: string }>(item);
  if (!r || r.removedAt) return undefined;
  const { removedAt: _at, removedBy: _by, ...platform } = r;
  return platform;
}

/** An outbox item as the port's record (without its dead-letter partition, an adapter detail). */
function outboxOf(item: Record<string, unknown> | undefined): LtiOutboxRecord | undefined {
  const r = record<LtiOutboxRecord & { deadPk?: string }>(item);
  if (!r) return undefined;
  const { deadPk: _, ...rest } = r;
  return rest;
}

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
  const getOutbox = async (id: string) =>
    outboxOf((await doc.send(new GetCommand({ TableName, Key: ltiKeys.outbox(id), ConsistentRead: true }))).Item);

  return {
    async putPlatform(p) {
      const item = {
        ...ltiKeys.platform(p.issuer, p.clientId),
        ...ltiKeys.platformOfOwner(p.ownerId, p.createdAt, p.issuer, p.clientId),
        kind: 'lti-platform',
        ...p,
      };
      const put = new PutCommand({
        TableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk) OR (attribute_exists(removedAt) AND ownerId = :owner)',
        ExpressionAttributeValues: { ':owner': p.ownerId },
      });
      return (await conditional(doc.send(put))) !== undefined;
    },
    getPlatform: async (issuer, clientId) =>
      platformOf(
        (await doc.send(new GetCommand({ TableName, Key: ltiKeys.platform(issuer, clientId), ConsistentRead: true })))
          .Item,
      ),
    async listPlatformsByIssuer(issuer) {
      const page = await doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': ltiKeys.platform(issuer, '').pk, ':prefix': 'CLIENT#' },
          Limit: 20,
        }),
      );
      return (page.Items ?? []).flatMap((i) => platformOf(i) ?? []);
    },
    async listPlatformsByOwner(ownerId, limit) {
      const page = await doc.send(
        new QueryCommand({
          TableName,
          IndexName: 'StatusIndex',
          KeyConditionExpression: 'statusPk = :s',
          ExpressionAttributeValues: { ':s': ltiKeys.platformOfOwner(ownerId, '', '', '').statusPk },
          Limit: limit,
        }),
      );
      // The index may lag a deletion: a removed item still listed there is left out.
      return (page.Items ?? []).flatMap((i) => platformOf(i) ?? []);
    },
    async removePlatform(issuer, clientId, ownerId, removedAt) {
      const res = await conditional(
        doc.send(
          new UpdateCommand({
            TableName,
            Key: ltiKeys.platform(issuer, clientId),
            UpdateExpression: 'SET removedAt = :at, removedBy = :owner REMOVE statusPk, statusSk',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(removedAt) AND ownerId = :owner',
            ExpressionAttributeValues: { ':at': removedAt, ':owner': ownerId },
            ReturnValues: 'ALL_OLD',
          }),
        ),
      );
      return platformOf(res?.Attributes);
    },
    async listPlatformCourses(issuer, clientId, limit) {
      const page = await doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': ltiKeys.context(issuer, clientId, '').pk, ':prefix': 'CTX#' },
          Limit: limit,
        }),
      );
      return (page.Items ?? []).map((i) => String(i.courseId));
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
    getUserLink: (issuer, sub) => get<LtiUserLink>(ltiKeys.user(issuer, sub)),
    async linkContext(issuer, clientId, contextId, courseId) {
      const key = ltiKeys.context(issuer, clientId, contextId);
      if (await putNew({ ...key, kind: 'lti-context', courseId })) return courseId;
      return (await get<{ courseId: string }>(key))!.courseId;
    },
    async putCourseLink(link) {
      await doc.send(
        new PutCommand({ TableName, Item: { ...ltiKeys.courseLink(link.courseId), kind: 'lti-course', ...link } }),
      );
    },
    getCourseLink: (courseId) => get<LtiCourseLink>(ltiKeys.courseLink(courseId)),
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
      putNew({
        ...ltiKeys.outbox(r.id),
        ...ltiKeys.outboxDue(r.dueAt, r.id),
        kind: 'lti-outbox',
        deadPk: ltiKeys.outboxDeadPk(r.courseId),
        ...r,
      }),
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
        const r = await getOutbox(String(item.id));
        if (r?.state === 'pending' && r.dueAt <= now) out.push(r);
      }
      return out;
    },
    getOutbox,
    async recordAttempt(id, outcome) {
      const pending = outcome.state === 'pending';
      const res = await conditional(
        doc.send(
          new UpdateCommand({
            TableName,
            Key: ltiKeys.outbox(id),
            UpdateExpression: pending
              ? 'SET #state = :state, attempts = :n, dueAt = :due, lastError = :err, statusPk = :sp, statusSk = :ss'
              : outcome.state === 'dead'
                ? 'SET #state = :state, attempts = :n, lastError = :err, statusPk = deadPk, statusSk = id'
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
    async listDeadOutbox(courseId, limit) {
      const page = await doc.send(
        new QueryCommand({
          TableName,
          IndexName: 'StatusIndex',
          KeyConditionExpression: 'statusPk = :s',
          ExpressionAttributeValues: { ':s': ltiKeys.outboxDeadPk(courseId) },
          Limit: limit,
        }),
      );
      return (page.Items ?? []).map((i) => outboxOf(i)!).filter((r) => r.state === 'dead');
    },
    async retryOutbox(id, dueAt) {
      const res = await conditional(
        doc.send(
          new UpdateCommand({
            TableName,
            Key: ltiKeys.outbox(id),
            UpdateExpression: 'SET #state = :pending, attempts = :zero, dueAt = :due, statusPk = :sp, statusSk = :ss',
            ConditionExpression: '#state = :dead',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':pending': 'pending',
              ':dead': 'dead',
              ':zero': 0,
              ':due': dueAt,
              ':sp': ltiKeys.outboxDue(dueAt, id).statusPk,
              ':ss': ltiKeys.outboxDue(dueAt, id).statusSk,
            },
          }),
        ),
      );
      return res !== undefined;
    },
  };
}
