import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../../../core/course/audit.ts';
import type { BestGrade, CourseOffering, Enrollment } from '../../../core/course/course.ts';
import type { Deadline, Extension } from '../../../core/course/late-policy.ts';
import type { RegradeJob } from '../../../core/course/regrade-job.ts';
import type { RegradeRequest } from '../../../core/course/regrade-request.ts';
import type { Override, Submission, SubmissionResult, SubmissionSummary } from '../../../core/course/submission.ts';
import type { Store } from '../../ports/store.ts';
import { STALE_QUERY, keys, ranges, record } from './keys.ts';
import { SUBMISSION_SUMMARY_ATTRIBUTES } from './table.ts';

export function createDocumentClient(options: { endpoint?: string; region?: string } = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: options.region ?? process.env.AWS_REGION ?? 'local',
    ...(options.endpoint
      ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

/** Course-wide listings read only the summary attributes (the index projects no more). */
const SUMMARY_PROJECTION = {
  ProjectionExpression: SUBMISSION_SUMMARY_ATTRIBUTES.map((_, i) => `#a${i}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(SUBMISSION_SUMMARY_ATTRIBUTES.map((a, i) => [`#a${i}`, a])),
};

/** The values of a `pk = :pk AND begins_with(sk, :prefix)` key condition. */
const valuesOf = (range: { pk: string; prefix: string }) => ({ ':pk': range.pk, ':prefix': range.prefix });

async function conditional<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException || (err as Error).name === 'ConditionalCheckFailedException')
      return undefined;
    throw err;
  }
}

/**
 * What every write of a best grade sets (a raise or an override): the grade and where it came from, with `at` as
 * its time; `also` adds assignments that use the same values.
 */
function bestGradeSet(grade: BestGrade, at: string, also = '') {
  return {
    UpdateExpression:
      'SET best = :best, submissionId = :sub, updatedAt = :at, learnerId = :learner, labId = :lab' +
      (grade.courseId ? ', courseId = :course' : '') +
      also,
    values: {
      ':best': grade.best,
      ':sub': grade.submissionId,
      ':at': at,
      ':learner': grade.learnerId,
      ':lab': grade.labId,
      ...(grade.courseId ? { ':course': grade.courseId } : {}),
    },
  };
}

/** A membership as stored: a removed staff membership keeps its item, marked. */
type Removable = Enrollment & { removedAt?: string };
const current = (m: Removable | undefined): Enrollment | undefined => (m && !m.removedAt ? m : undefined);

/** The Store on one DynamoDB table. Only GetItem, PutItem, UpdateItem and Query: no Scan, no transactions. */
export function createDynamoStore(doc: DynamoDBDocumentClient, tableName: string): Store {
  const TableName = tableName;

  const get = async <T>(key: { pk: string; sk: string }): Promise<T | undefined> =>
    record<T>((await doc.send(new GetCommand({ TableName, Key: key }))).Item);

  const put = (item: Record<string, unknown>, condition?: string) =>
    conditional(
      doc.send(new PutCommand({ TableName, Item: item, ...(condition ? { ConditionExpression: condition } : {}) })),
    ).then((r) => r !== undefined);

  async function queryAll<T>(input: Omit<QueryCommandInput, 'TableName'>, limit = Infinity): Promise<T[]> {
    const out: T[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new QueryCommand({ TableName, ...input, ExclusiveStartKey }));
      for (const item of page.Items ?? []) out.push(record<T>(item)!);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && out.length < limit);
    return out.slice(0, limit);
  }

  const update = async (
    key: { pk: string; sk: string },
    input: {
      UpdateExpression: string;
      ConditionExpression?: string;
      names?: Record<string, string>;
      values?: Record<string, unknown>;
    },
  ) => {
    const res = await conditional(
      doc.send(
        new UpdateCommand({
          TableName,
          Key: key,
          UpdateExpression: input.UpdateExpression,
          ConditionExpression: input.ConditionExpression,
          ExpressionAttributeNames: input.names,
          ExpressionAttributeValues: input.values,
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return res?.Attributes;
  };

  /** A course's submissions (of one lab, or all), newest first within a lab, as summaries. */
  const courseSubmissions = (courseId: string, labId?: string) =>
    queryAll<SubmissionSummary>({
      IndexName: 'GSI2',
      KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)',
      ExpressionAttributeValues: valuesOf(ranges.courseSubmissions(courseId, labId)),
      ScanIndexForward: false,
      ...SUMMARY_PROJECTION,
    });

  return {
    async createCourse(course) {
      const reserved = await put(
        { ...keys.joinCode(course.joinCode), kind: 'join', courseId: course.id },
        'attribute_not_exists(pk)',
      );
      if (!reserved) return false;
      return put({ ...keys.course(course.id), kind: 'course', ...course }, 'attribute_not_exists(pk)');
    },
    getCourse: (id) => get<CourseOffering>(keys.course(id)),
    async findCourseByJoinCode(code) {
      const join = await get<{ courseId: string }>(keys.joinCode(code));
      const course = join ? await get<CourseOffering>(keys.course(join.courseId)) : undefined;
      return course?.joinCode === code ? course : undefined;
    },
    async rotateJoinCode(courseId, current, next, now) {
      if (!(await put({ ...keys.joinCode(next), kind: 'join', courseId }, 'attribute_not_exists(pk)')))
        return undefined;
      const course = record<CourseOffering>(
        await update(keys.course(courseId), {
          UpdateExpression: 'SET joinCode = :next',
          ConditionExpression: 'joinCode = :current',
          values: { ':next': next, ':current': current },
        }),
      );
      // The old reservation is left to expire (a day on), not deleted: the API role has no DeleteItem.
      if (course)
        await update(keys.joinCode(current), {
          UpdateExpression: 'SET #ttl = :ttl',
          names: { '#ttl': 'ttl' },
          values: { ':ttl': epoch(now) + 86_400 },
        });
      return course;
    },
    setCourseReveal: async (courseId, reveal) =>
      record<CourseOffering>(
        await update(keys.course(courseId), {
          UpdateExpression: 'SET reveal = :reveal',
          ConditionExpression: 'attribute_exists(pk)',
          values: { ':reveal': reveal },
        }),
      ),
    enroll: (e) =>
      put(
        { ...keys.member(e.courseId, e.userId), ...keys.memberOf(e.userId, e.courseId), kind: 'member', ...e },
        'attribute_not_exists(pk) OR attribute_exists(removedAt)',
      ),
    getEnrollment: async (courseId, userId) => current(await get<Removable>(keys.member(courseId, userId))),
    putStaff: (e) =>
      conditional(
        doc.send(
          new PutCommand({
            TableName,
            Item: {
              ...keys.member(e.courseId, e.userId),
              ...keys.memberOf(e.userId, e.courseId),
              kind: 'member',
              ...e,
            },
            ConditionExpression: 'attribute_not_exists(pk) OR attribute_exists(removedAt) OR #role IN (:co, :ta)',
            ExpressionAttributeNames: { '#role': 'role' },
            ExpressionAttributeValues: { ':co': 'co-teacher', ':ta': 'ta' },
          }),
        ),
      ).then((r) => r !== undefined),
    removeStaff: async (courseId, userId, removedAt) =>
      record<Enrollment>(
        await update(keys.member(courseId, userId), {
          // Out of GSI1 (the user's memberships); the item stays as the record of who was staff.
          UpdateExpression: 'SET removedAt = :at REMOVE gsi1pk, gsi1sk',
          ConditionExpression: 'attribute_not_exists(removedAt) AND #role IN (:co, :ta)',
          names: { '#role': 'role' },
          values: { ':at': removedAt, ':co': 'co-teacher', ':ta': 'ta' },
        }),
      ),
    removeLearner: async (courseId, userId, addedBy, removedAt) =>
      record<Enrollment>(
        await update(keys.member(courseId, userId), {
          UpdateExpression: 'SET removedAt = :at REMOVE gsi1pk, gsi1sk',
          ConditionExpression: 'attribute_not_exists(removedAt) AND #role = :learner AND addedBy = :by',
          names: { '#role': 'role' },
          values: { ':at': removedAt, ':learner': 'learner', ':by': addedBy },
        }),
      ),
    appendAudit: (r) => put({ ...keys.audit(r.courseId, r.id), kind: 'audit', ...r }, 'attribute_not_exists(pk)'),
    async listAudit(courseId, { limit, after, action }) {
      const range = ranges.audit(courseId);
      const page = await doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          // A filter applies after the Limit: the page reads `limit` records and keeps that action's.
          ...(action
            ? { FilterExpression: '#action = :action', ExpressionAttributeNames: { '#action': 'action' } }
            : {}),
          ExpressionAttributeValues: { ...valuesOf(range), ...(action ? { ':action': action } : {}) },
          ScanIndexForward: false,
          Limit: limit,
          ...(after ? { ExclusiveStartKey: keys.audit(courseId, after) } : {}),
        }),
      );
      const records = (page.Items ?? []).map((item) => record<AuditRecord>(item)!);
      // The cursor is the last record read (filtered out or not), so the next page starts after it.
      const lastRead = page.LastEvaluatedKey?.sk as string | undefined;
      return { records, ...(lastRead ? { next: lastRead.slice(lastRead.indexOf('#') + 1) } : {}) };
    },
    listMemberships: (userId) =>
      queryAll<Enrollment>({
        IndexName: 'GSI1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: valuesOf(ranges.memberships(userId)),
      }),
    listRoster: async (courseId) =>
      (
        await queryAll<Removable>({
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: valuesOf(ranges.roster(courseId)),
        })
      ).flatMap((m) => current(m) ?? []),

    putSubmission: (s) =>
      put(
        {
          ...keys.submission(s.id),
          ...keys.learnerSubmission(s.learnerId, s.labId, s.id),
          ...(s.courseId ? keys.courseSubmission(s.courseId, s.labId, s.id) : {}),
          ...(s.status === 'queued' ? keys.status('queued', s.queuedAt, s.id) : {}),
          kind: 'submission',
          ...s,
        },
        'attribute_not_exists(pk)',
      ),
    getSubmission: (id) => get<Submission>(keys.submission(id)),
    listLearnerSubmissions: (learnerId, labId) =>
      queryAll<Submission>({
        IndexName: 'GSI1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: valuesOf(ranges.learnerSubmissions(learnerId, labId)),
        ScanIndexForward: false,
      }),
    listLabSubmissions: (courseId, labId) => courseSubmissions(courseId, labId),
    listCourseSubmissions: (courseId) => courseSubmissions(courseId),
    listStale: (status, before, limit) =>
      queryAll<Submission>(
        {
          ...STALE_QUERY,
          ExpressionAttributeValues: { ':s': status, ':before': before },
          Limit: limit,
        },
        limit,
      ),
    async claimSubmission(id, { token, now, leaseUntil }) {
      const item = await update(keys.submission(id), {
        UpdateExpression:
          'SET #status = :grading, #claim = :claim, gradingStartedAt = :now, claims = if_not_exists(claims, :zero) + :one, statusPk = :grading, statusSk = :statusSk',
        ConditionExpression:
          'attribute_exists(pk) AND (#status = :queued OR (#status = :grading AND #claim.leaseUntil <= :now))',
        names: { '#status': 'status', '#claim': 'claim' },
        values: {
          ':grading': 'grading',
          ':queued': 'queued',
          ':claim': { token, leaseUntil },
          ':now': now,
          ':zero': 0,
          ':one': 1,
          ':statusSk': keys.status('grading', leaseUntil, id).statusSk,
        },
      });
      return record<Submission>(item);
    },
    async recordResult(id, token, result: SubmissionResult, gradedAt) {
      const { grade: detail, ...summary } = result;
      // A first grading (no requeuedAt) is the common case and one write; a regrade's result also records
      // regradedAt, at the cost of the first attempt's refused write.
      const write = (regrade: boolean) =>
        update(keys.submission(id), {
          UpdateExpression: `SET #status = :graded, #result = :result, gradeDetail = :detail, gradedAt = :at${regrade ? ', regradedAt = :at' : ''} REMOVE #claim, statusPk, statusSk`,
          ConditionExpression: `#status = :grading AND #claim.#token = :token AND ${regrade ? 'attribute_exists' : 'attribute_not_exists'}(requeuedAt)`,
          names: { '#status': 'status', '#claim': 'claim', '#token': 'token', '#result': 'result' },
          values: {
            ':graded': 'graded',
            ':grading': 'grading',
            ':result': summary,
            ':detail': detail ?? null,
            ':at': gradedAt,
            ':token': token,
          },
        });
      return (await write(false)) !== undefined || (await write(true)) !== undefined;
    },
    async recordFailure(id, token, failure, failedAt) {
      const item = await update(keys.submission(id), {
        UpdateExpression: 'SET #status = :failed, failure = :failure, failedAt = :at REMOVE #claim, statusPk, statusSk',
        ConditionExpression: '#status = :grading AND #claim.#token = :token',
        names: { '#status': 'status', '#claim': 'claim', '#token': 'token' },
        values: { ':failed': 'failed', ':grading': 'grading', ':failure': failure, ':at': failedAt, ':token': token },
      });
      return item !== undefined;
    },
    async releaseClaim(id, token, at) {
      const item = await update(keys.submission(id), {
        UpdateExpression: 'SET #status = :queued, statusPk = :queued, statusSk = :statusSk REMOVE #claim',
        ConditionExpression: '#status = :grading AND #claim.#token = :token',
        names: { '#status': 'status', '#claim': 'claim', '#token': 'token' },
        values: {
          ':queued': 'queued',
          ':grading': 'grading',
          ':token': token,
          ':statusSk': keys.status('queued', at, id).statusSk,
        },
      });
      return item !== undefined;
    },
    async requeueSubmission(id, requeuedAt) {
      const item = await update(keys.submission(id), {
        UpdateExpression:
          'SET #status = :queued, requeuedAt = :at, statusPk = :queued, statusSk = :statusSk REMOVE #result, gradeDetail, gradingStartedAt, gradedAt, regradedAt, failedAt, failure',
        ConditionExpression: '#status IN (:graded, :failed)',
        names: { '#status': 'status', '#result': 'result' },
        values: {
          ':queued': 'queued',
          ':graded': 'graded',
          ':failed': 'failed',
          ':at': requeuedAt,
          ':statusSk': keys.status('queued', requeuedAt, id).statusSk,
        },
      });
      return item !== undefined;
    },
    async setOverride(id, override: Override) {
      return record<Submission>(
        await update(keys.submission(id), {
          UpdateExpression: 'SET #override = :o',
          ConditionExpression: 'attribute_exists(pk)',
          names: { '#override': 'override' },
          values: { ':o': override },
        }),
      );
    },

    async pageLabSubmissions(courseId, labId, limit, after) {
      const range = ranges.courseSubmissions(courseId, labId);
      const page = await doc.send(
        new QueryCommand({
          TableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)',
          ExpressionAttributeValues: valuesOf(range),
          ScanIndexForward: true,
          Limit: limit,
          ...SUMMARY_PROJECTION,
          ...(after
            ? {
                ExclusiveStartKey: {
                  ...keys.submission(after),
                  ...keys.courseSubmission(courseId, labId, after),
                },
              }
            : {}),
        }),
      );
      const items = (page.Items ?? []).map((i) => record<SubmissionSummary>(i)!);
      const last = items.at(-1);
      return { items, ...(page.LastEvaluatedKey && last ? { next: last.id } : {}) };
    },
    putRegradeJob: (job: RegradeJob) =>
      put({ ...keys.regradeJob(job.courseId, job.id), kind: 'regrade', ...job }, 'attribute_not_exists(pk)'),
    getRegradeJob: (courseId, jobId) => get<RegradeJob>(keys.regradeJob(courseId, jobId)),
    listRegradeJobs: (courseId, limit) =>
      queryAll<RegradeJob>(
        {
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: valuesOf(ranges.regradeJobs(courseId)),
          ScanIndexForward: false,
          Limit: limit,
        },
        limit,
      ),
    async recordRegradeTick(job: RegradeJob, expectedTicks, added) {
      const item = await update(keys.regradeJob(job.courseId, job.id), {
        UpdateExpression:
          'SET #state = :state, ticks = :ticks, updatedAt = :at' +
          (job.cursor !== undefined ? ', #cursor = :cursor' : '') +
          (job.finishedAt !== undefined ? ', finishedAt = :at' : '') +
          ' ADD listed :listed, queued :queued' +
          (job.cursor === undefined ? ' REMOVE #cursor' : ''),
        ConditionExpression: 'ticks = :expected',
        names: { '#state': 'state', '#cursor': 'cursor' },
        values: {
          ':state': job.state,
          ':ticks': job.ticks,
          ':at': job.updatedAt,
          ':expected': expectedTicks,
          ':listed': added.listed,
          ':queued': added.queued,
          ...(job.cursor !== undefined ? { ':cursor': job.cursor } : {}),
        },
      });
      return item !== undefined;
    },
    async addRegradeCount(courseId, jobId, field, n) {
      await update(keys.regradeJob(courseId, jobId), {
        UpdateExpression: 'ADD #f :n',
        ConditionExpression: 'attribute_exists(pk)',
        names: { '#f': field },
        values: { ':n': n },
      });
    },

    putRegradeRequest: (r: RegradeRequest) =>
      put(
        {
          ...keys.regradeRequest(r.courseId, r.submissionId),
          ...(r.state === 'open' ? keys.openRegradeRequest(r.courseId, r.askedAt, r.submissionId) : {}),
          kind: 'regrade-request',
          ...r,
        },
        'attribute_not_exists(pk)',
      ),
    getRegradeRequest: (courseId, submissionId) => get<RegradeRequest>(keys.regradeRequest(courseId, submissionId)),
    async listOpenRegradeRequests(courseId, limit) {
      // GSI2 projects only submission summaries: the index gives the open requests' keys, oldest first, and each
      // request is then read whole (at most `limit` GetItems, ten at a time). One answered meanwhile is left out.
      const page = await doc.send(
        new QueryCommand({
          TableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': ranges.openRegradeRequests(courseId).gsi2pk },
          ProjectionExpression: 'pk, sk',
          Limit: limit,
        }),
      );
      const open = (page.Items ?? []) as { pk: string; sk: string }[];
      const requests: RegradeRequest[] = [];
      for (let i = 0; i < open.length; i += 10) {
        const read = await Promise.all(open.slice(i, i + 10).map((k) => get<RegradeRequest>(k)));
        requests.push(...read.filter((r): r is RegradeRequest => r?.state === 'open'));
      }
      return requests;
    },
    async answerRegradeRequest(r: RegradeRequest) {
      const item = await update(keys.regradeRequest(r.courseId, r.submissionId), {
        // Out of the open queue (sparse in GSI2) once answered.
        UpdateExpression: 'SET #state = :state, answer = :answer REMOVE gsi2pk, gsi2sk',
        ConditionExpression: '#state = :open',
        names: { '#state': 'state' },
        values: { ':state': r.state, ':answer': r.answer, ':open': 'open' },
      });
      return item !== undefined;
    },

    async raiseBest(grade: BestGrade) {
      const item = await update(keys.best(grade.learnerId, grade.labId, grade.courseId), {
        ...bestGradeSet(grade, grade.updatedAt),
        ConditionExpression: '(attribute_not_exists(best) OR best < :best) AND attribute_not_exists(overriddenAt)',
      });
      return item !== undefined;
    },
    async overrideBest(grade) {
      const item = await update(keys.best(grade.learnerId, grade.labId, grade.courseId), {
        ...bestGradeSet(grade, grade.overriddenAt, ', overriddenAt = :at'),
        ConditionExpression: 'attribute_not_exists(overriddenAt) OR overriddenAt <= :at',
      });
      return item !== undefined;
    },
    getBest: (learnerId, labId, courseId) => get<BestGrade>(keys.best(learnerId, labId, courseId)),
    listBest: (learnerId) =>
      queryAll<BestGrade>({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: valuesOf(ranges.bests(learnerId)),
      }),

    async putDeadline(d: Deadline) {
      await put({ ...keys.deadline(d.courseId, d.labId), kind: 'deadline', ...d });
    },
    getDeadline: (courseId, labId) => get<Deadline>(keys.deadline(courseId, labId)),
    async putExtension(e: Extension) {
      await put({ ...keys.extension(e.courseId, e.labId, e.learnerId), kind: 'extension', ...e });
    },
    getExtension: (courseId, labId, learnerId) => get<Extension>(keys.extension(courseId, labId, learnerId)),

    async reserveIdempotencyKey(scope, key, value, expiresAt) {
      const k = keys.idempotency(scope, key);
      const taken = await put(
        { ...k, kind: 'idempotency', ...value, ttl: epoch(expiresAt) },
        'attribute_not_exists(pk)',
      );
      if (taken) return undefined;
      return get<{ submissionId: string; fingerprint: string }>(k);
    },
    getIdempotencyKey: (scope, key) => get<{ submissionId: string; fingerprint: string }>(keys.idempotency(scope, key)),
    async hitRateLimit(key, windowStart, limit, expiresAt) {
      const item = await update(keys.rate(key, windowStart), {
        UpdateExpression: 'SET hits = if_not_exists(hits, :zero) + :one, #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
        names: { '#ttl': 'ttl' },
        values: { ':zero': 0, ':one': 1, ':limit': limit, ':ttl': epoch(expiresAt) },
      });
      return item !== undefined;
    },
  };
}
