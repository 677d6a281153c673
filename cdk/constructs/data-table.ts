import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { type IndexDefinition, type IndexName, TABLE } from '../../functions/adapters/dynamo/table.ts';

const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/**
 * The course's one DynamoDB table, keys and indexes from the adapter's definition: on demand (nothing to pay while
 * idle), point-in-time recovery, TTL, and kept when the stack is deleted — learners' grades outlive a redeploy.
 * Grants name exact actions on exact ARNs (no `*`).
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

  /** Read items and query every index; write items. */
  grantReadWrite(grantee: IGrantable): void {
    this.allow(grantee, READ_ACTIONS, [this.table.tableArn, ...TABLE.globalSecondaryIndexes.map((i) => this.indexArn(i.indexName))]);
    this.allow(grantee, WRITE_ACTIONS, [this.table.tableArn]);
  }

  /** Query one index and update the items it finds — nothing else (the sweeper). */
  grantQueryIndexAndUpdate(grantee: IGrantable, indexName: IndexName): void {
    this.allow(grantee, ['dynamodb:Query'], [this.indexArn(indexName)]);
    this.allow(grantee, ['dynamodb:UpdateItem'], [this.table.tableArn]);
  }

  private allow(grantee: IGrantable, actions: string[], resources: string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources }));
  }
}
