/**
 * The one DynamoDB table of virtlab: the definition local mode, the tests and the CDK stack all build from.
 * Keys are strings; see ACCESS-PATTERNS.md for what each item and index serves.
 */
export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** Project only these attributes (besides the keys); all attributes when absent. */
  nonKeyAttributes?: readonly string[];
}

/**
 * What a course-wide listing of submissions carries: no configuration text (`config`) and no explained grade
 * (`gradeDetail`), which can be hundreds of KB each, so a gradebook query reads small index items.
 */
export const SUBMISSION_SUMMARY_ATTRIBUTES = [
  'id',
  'learnerId',
  'labId',
  'courseId',
  'format',
  'status',
  'queuedAt',
  'gradingStartedAt',
  'gradedAt',
  'failedAt',
  'claims',
  'late',
  'result',
  'override',
] as const;

/**
 * GSI1 holds a user's memberships and a learner's submissions: what a history or a course list shows, plus the
 * membership fields. Not the configuration or the explained grade, so the index copy of a submission stays small
 * (every write of a submission rewrites its index entries) and a history query reads summaries.
 */
const USER_INDEX_ATTRIBUTES = [...SUBMISSION_SUMMARY_ATTRIBUTES, 'userId', 'role', 'joinedAt'] as const;

export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; idempotency keys and rate-limit windows expire by themselves. */
  ttlAttribute: 'ttl',
  globalSecondaryIndexes: [
    /** A user's things: memberships (USER#id) and a learner's submissions per lab, newest first (LEARNER#id). */
    { indexName: 'GSI1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', nonKeyAttributes: USER_INDEX_ATTRIBUTES },
    /** A course's submissions per lab, newest first (COURSE#id → LAB#lab#ulid). Only submissions made in a course. */
    { indexName: 'GSI2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', nonKeyAttributes: SUBMISSION_SUMMARY_ATTRIBUTES },
    /** Sparse: only submissions waiting (queued) or being graded, by the time they become overdue. The sweeper's. */
    { indexName: 'StatusIndex', partitionKey: 'statusPk', sortKey: 'statusSk' },
  ] satisfies IndexDefinition[],
} as const;

export type IndexName = (typeof TABLE.globalSecondaryIndexes)[number]['indexName'];

/** The CreateTable input (on-demand billing; each index projects all attributes or its `nonKeyAttributes`). */
export function createTableInput(tableName: string) {
  const keyAttrs = new Set<string>([TABLE.partitionKey, TABLE.sortKey]);
  for (const g of TABLE.globalSecondaryIndexes) keyAttrs.add(g.partitionKey).add(g.sortKey);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...keyAttrs].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((g: IndexDefinition) => ({
      IndexName: g.indexName,
      KeySchema: [
        { AttributeName: g.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: g.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: g.nonKeyAttributes
        ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...g.nonKeyAttributes] }
        : { ProjectionType: 'ALL' as const },
    })),
  };
}
