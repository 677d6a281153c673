/**
 * The one DynamoDB table of virtlab: the definition local mode, the tests and the CDK stack all build from.
 * Keys are strings; see ACCESS-PATTERNS.md for what each item and index serves.
 */
export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; idempotency keys and rate-limit windows expire by themselves. */
  ttlAttribute: 'ttl',
  globalSecondaryIndexes: [
    /** A user's things: memberships (USER#id) and a learner's submissions per lab, newest first (LEARNER#id). */
    { indexName: 'GSI1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** A course's submissions per lab, newest first (COURSE#id → LAB#lab#ulid). Only submissions made in a course. */
    { indexName: 'GSI2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** Sparse: only submissions waiting (queued) or being graded, by the time they become overdue. The sweeper's. */
    { indexName: 'StatusIndex', partitionKey: 'statusPk', sortKey: 'statusSk' },
  ] satisfies IndexDefinition[],
} as const;

export type IndexName = (typeof TABLE.globalSecondaryIndexes)[number]['indexName'];

/** The CreateTable input (on-demand billing, every index projecting all attributes). */
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
    GlobalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((g) => ({
      IndexName: g.indexName,
      KeySchema: [
        { AttributeName: g.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: g.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
