/**
 * The shape of a DynamoDB table as the stack needs it: names, keys, indexes, TTL attribute. The
 * definitions themselves come from src/adapters/aws/schema.ts (shared with the adapters and the
 * emulator tests) so the deployed tables cannot drift from what the code reads and writes.
 */
export type KeyType = 'S' | 'N' | 'B';

export interface KeyDefinition {
  readonly name: string;
  readonly type: KeyType;
}

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyDefinition;
  readonly sortKey?: KeyDefinition;
}

export interface TableDefinition {
  /** Physical table name, e.g. `LogAnalysis`. */
  readonly tableName: string;
  readonly partitionKey: KeyDefinition;
  readonly sortKey?: KeyDefinition;
  /** Global secondary indexes (projection ALL). @default none */
  readonly globalSecondaryIndexes?: readonly IndexDefinition[];
  /** Attribute holding the expiry in epoch seconds. @default no TTL */
  readonly ttlAttribute?: string;
}

/** The three logical tables logsift writes, by role. */
export interface LogsiftTableDefinitions {
  readonly logs: TableDefinition;
  readonly metrics: TableDefinition;
  readonly alerts: TableDefinition;
}
