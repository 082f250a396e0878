import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { DEFAULT_TABLE_DEFINITIONS } from './defaultTableDefinitions.js';
import type { KeyDefinition, LogsiftTableDefinitions, TableDefinition } from './tableDefinitions.js';

export interface LogsiftTablesProps {
  /** Names, keys, indexes and TTL attributes. @default DEFAULT_TABLE_DEFINITIONS (LogAnalysis, LogMetrics, LogAlerts) */
  readonly definitions?: LogsiftTableDefinitions;
  /** What CloudFormation does with the tables when the stack is deleted. @default RemovalPolicy.RETAIN (they hold the data) */
  readonly removalPolicy?: RemovalPolicy;
  /** Point-in-time recovery (35 days of continuous backups). @default true */
  readonly pointInTimeRecovery?: boolean;
}

/**
 * The three on-demand DynamoDB tables (events, metric windows, alerts), encrypted with the AWS-managed
 * key, PITR on, TTL on the definition's attribute, retained on stack deletion.
 *
 * @example
 * const tables = new LogsiftTables(this, 'Tables');
 * tables.grant(role, ['dynamodb:Query']);
 */
export class LogsiftTables extends Construct {
  readonly logs: dynamodb.TableV2;
  readonly metrics: dynamodb.TableV2;
  readonly alerts: dynamodb.TableV2;
  readonly definitions: LogsiftTableDefinitions;

  constructor(scope: Construct, id: string, props: LogsiftTablesProps = {}) {
    super(scope, id);
    this.definitions = props.definitions ?? DEFAULT_TABLE_DEFINITIONS;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const pitr = props.pointInTimeRecovery ?? true;
    const make = (cid: string, def: TableDefinition) =>
      new dynamodb.TableV2(this, cid, {
        tableName: def.tableName,
        partitionKey: attribute(def.partitionKey),
        sortKey: def.sortKey ? attribute(def.sortKey) : undefined,
        billing: dynamodb.Billing.onDemand(),
        encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: pitr },
        timeToLiveAttribute: def.ttlAttribute,
        globalSecondaryIndexes: (def.globalSecondaryIndexes ?? []).map((gsi) => ({
          indexName: gsi.indexName,
          partitionKey: attribute(gsi.partitionKey),
          sortKey: gsi.sortKey ? attribute(gsi.sortKey) : undefined,
          projectionType: dynamodb.ProjectionType.ALL,
        })),
        removalPolicy,
      });
    this.logs = make('LogAnalysis', this.definitions.logs);
    this.metrics = make('LogMetrics', this.definitions.metrics);
    this.alerts = make('LogAlerts', this.definitions.alerts);
  }

  /**
   * Grants exactly `actions` on the three tables and each named index (no `index/*` wildcard), so a
   * function gets the calls it makes and nothing else.
   */
  grant(grantee: iam.IGrantable, actions: readonly string[]): iam.Grant {
    const resources: string[] = [];
    for (const [table, def] of this.pairs()) {
      resources.push(table.tableArn);
      for (const gsi of def.globalSecondaryIndexes ?? []) {
        resources.push(
          Stack.of(this).formatArn({
            service: 'dynamodb',
            resource: 'table',
            resourceName: `${def.tableName}/index/${gsi.indexName}`,
          }),
        );
      }
    }
    return iam.Grant.addToPrincipal({ grantee, actions: [...actions], resourceArns: resources });
  }

  private pairs(): Array<[dynamodb.TableV2, TableDefinition]> {
    return [
      [this.logs, this.definitions.logs],
      [this.metrics, this.definitions.metrics],
      [this.alerts, this.definitions.alerts],
    ];
  }
}

const ATTRIBUTE_TYPES: Record<KeyDefinition['type'], dynamodb.AttributeType> = {
  S: dynamodb.AttributeType.STRING,
  N: dynamodb.AttributeType.NUMBER,
  B: dynamodb.AttributeType.BINARY,
};

function attribute(key: KeyDefinition): dynamodb.Attribute {
  return { name: key.name, type: ATTRIBUTE_TYPES[key.type] };
}
