import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { type IndexDefinition, type IndexName, TABLE } from '../../functions/adapters/dynamo/table.ts';

/**
 * The course's one DynamoDB table, keys and indexes from the adapter's definition: on demand (nothing to pay while
 * idle), point-in-time recovery, TTL, deletion protection on, and kept when the stack is deleted — learners' grades
 * outlive a redeploy and a mistaken delete. Each function is granted exactly the calls its code makes
 * (functions/adapters/dynamo/store.ts: GetItem, PutItem, UpdateItem, Query — no Scan, Batch*, DeleteItem or
 * transactions anywhere) on exact ARNs (no `*`).
 */
export class DataTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const str = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new Table(this, 'Table', {
      partitionKey: str(TABLE.partitionKey),
      sortKey: str(TABLE.sortKey),
      timeToLiveAttribute: TABLE.ttlAttribute,
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    for (const index of TABLE.globalSecondaryIndexes as readonly IndexDefinition[]) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: str(index.partitionKey),
        sortKey: str(index.sortKey),
        // The same projection local mode creates: an index that names its attributes projects only those.
        ...(index.nonKeyAttributes
          ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.nonKeyAttributes] }
          : { projectionType: ProjectionType.ALL }),
      });
    }
  }

  /** ARN of one global secondary index (an exact ARN, not `index/*`). */
  indexArn(name: IndexName): string {
    return `${this.table.tableArn}/index/${name}`;
  }

  /**
   * The API: gets, puts (new submissions, courses, memberships, idempotency keys, deadlines) and conditional
   * updates of items; queries the table (rosters, best grades) and the user and course indexes. Not the
   * StatusIndex, which only the sweeper reads.
   */
  grantApi(grantee: IGrantable): void {
    this.allow(
      grantee,
      ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
      [this.table.tableArn],
    );
    this.allow(grantee, ['dynamodb:Query'], [this.indexArn('GSI1'), this.indexArn('GSI2')]);
  }

  /** The grader: claims, records and raises by conditional UpdateItem, and reads a submission whose claim was refused. */
  grantGrader(grantee: IGrantable): void {
    this.allow(grantee, ['dynamodb:GetItem', 'dynamodb:UpdateItem'], [this.table.tableArn]);
  }

  /** The sweeper: queries one index and republishes what it finds; it writes nothing. */
  grantQueryIndex(grantee: IGrantable, indexName: IndexName): void {
    this.allow(grantee, ['dynamodb:Query'], [this.indexArn(indexName)]);
  }

  private allow(grantee: IGrantable, actions: string[], resources: string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources }));
  }
}
