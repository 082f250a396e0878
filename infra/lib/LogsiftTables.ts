import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  type KeyDefinition,
  TABLES,
  type TableDefinition,
  type TableNames,
} from '../../src/adapters/aws/schema.js';

export interface LogsiftTablesProps {
  /** Keys, indexes and TTL attributes. @default TABLES from src/adapters/aws/schema.ts (what the adapters use) */
  readonly definitions?: readonly TableDefinition[];
  /** Physical names by table id. @default each definition's defaultName (LogAnalysis, LogMetrics, LogAlerts, LogHeartbeats) */
  readonly names?: Partial<TableNames>;
  /** What CloudFormation does with the tables when the stack is deleted. @default RemovalPolicy.RETAIN (they hold the data) */
  readonly removalPolicy?: RemovalPolicy;
  /** Point-in-time recovery (35 days of continuous backups). @default true */
  readonly pointInTimeRecovery?: boolean;
}

interface DeployedTable {
  readonly definition: TableDefinition;
  readonly name: string;
  readonly table: dynamodb.TableV2;
}

/**
 * logsift's on-demand DynamoDB tables, built from the same definitions the store adapters use:
 * encrypted with the AWS-managed key, PITR on, TTL where the definition has an attribute, retained
 * when the stack is deleted.
 *
 * @example
 * const tables = new LogsiftTables(this, 'Tables');
 * tables.grant(role, ['dynamodb:Query']);
 * fn.addEnvironment('LOGS_TABLE', tables.get('events').tableName);
 */
export class LogsiftTables extends Construct {
  private readonly deployed: DeployedTable[];

  constructor(scope: Construct, id: string, props: LogsiftTablesProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const pointInTimeRecoveryEnabled = props.pointInTimeRecovery ?? true;
    this.deployed = (props.definitions ?? TABLES).map((def) => {
      const name = props.names?.[def.id] ?? def.defaultName;
      const table = new dynamodb.TableV2(this, def.defaultName, {
        tableName: name,
        partitionKey: attribute(def.partitionKey),
        sortKey: def.sortKey ? attribute(def.sortKey) : undefined,
        billing: dynamodb.Billing.onDemand(),
        encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled },
        timeToLiveAttribute: def.ttlAttribute,
        globalSecondaryIndexes: def.indexes.map((gsi) => ({
          indexName: gsi.indexName,
          partitionKey: attribute(gsi.partitionKey),
          sortKey: attribute(gsi.sortKey),
          projectionType: dynamodb.ProjectionType.ALL,
        })),
        removalPolicy,
      });
      return { definition: def, name, table };
    });
  }

  /** The table with this id (`events`, `metrics`, `alerts`, `heartbeats`). */
  get(id: TableDefinition['id']): dynamodb.TableV2 {
    const found = this.deployed.find((d) => d.definition.id === id);
    if (!found) throw new Error(`no table with id ${id}`);
    return found.table;
  }

  /** The variables the functions read the table names from: LOGS_TABLE, METRICS_TABLE, ... */
  environment(): Record<string, string> {
    return Object.fromEntries(this.deployed.map((d) => [d.definition.envVar, d.name]));
  }

  /**
   * Grants exactly `actions` on every table and each named index (no `index/*` wildcard), so a
   * function gets the calls it makes and nothing else.
   */
  grant(grantee: iam.IGrantable, actions: readonly string[]): iam.Grant {
    const stack = Stack.of(this);
    const resources: string[] = [];
    for (const { definition, name, table } of this.deployed) {
      resources.push(table.tableArn);
      for (const gsi of definition.indexes) {
        resources.push(
          stack.formatArn({
            service: 'dynamodb',
            resource: 'table',
            resourceName: `${name}/index/${gsi.indexName}`,
          }),
        );
      }
    }
    return iam.Grant.addToPrincipal({ grantee, actions: [...actions], resourceArns: resources });
  }
}

const ATTRIBUTE_TYPES: Record<KeyDefinition['type'], dynamodb.AttributeType> = {
  S: dynamodb.AttributeType.STRING,
  N: dynamodb.AttributeType.NUMBER,
};

function attribute(key: KeyDefinition): dynamodb.Attribute {
  return { name: key.name, type: ATTRIBUTE_TYPES[key.type] };
}
