/**
 * DynamoDB table definitions shared by the store adapters (src/adapters/aws/dynamodb), the CDK
 * stack (infra/) and the emulator tests: plain data, so every consumer builds the same tables.
 *
 * Why not the seed's keys: the seed keyed LogAnalysis by `log_id` + `timestamp`, which answers
 * none of the API's queries without a full Scan (events of a group newest first, by severity, by
 * correlation id; metric windows of a group; alerts by time). The keys below serve each query
 * with a Query, newest first:
 *
 * Events (LogAnalysis, default name kept):
 * - table: pk = `${group}#${hour}` (hour = floor(timestamp / 3 600 000)), sk = `${inv}#${id}`
 *   where inv = 9999999999999 - timestamp, zero-padded to 13 digits. The inverted time makes an
 *   ascending Query newest first with equal timestamps by id ascending: the memory store's order.
 *   Idempotent by (group, id): a CloudWatch event id fixes its timestamp, so a redelivered event
 *   has the same key and BatchWriteItem's PutRequest overwrites an identical item.
 * - GSI bySeverity: sevPk = `${group}#${severity}#${hour}`, sk: events of a group and severity.
 * - GSI byTime: timePk = `${hour}`, xSk = `${inv}#${group}#${id}`: every group, newest first.
 * - GSI byCorrelation (sparse: only events that carry one): corr = correlationId, xSk.
 * - Catalog items (pk `!buckets`, sk = group or `*`) list the hours in use (a number set), so a
 *   query without `from` knows where to stop walking back. Event partition keys always end in
 *   `#<digits>`, so they never collide with the catalog key.
 *
 * Hot partitions: a busy group's events are sharded by hour bucket, so a partition holds one
 * hour and a time-range query touches only its buckets; queries walk buckets newest first and
 * the opaque cursor carries the last event's (timestamp, group, id), from which the bucket and
 * the ExclusiveStartKey are rebuilt. Time buckets bound partition size, not write heat: the
 * current hour of one group (and byTime's current hour for the account) is one partition key,
 * good for about 1000 item writes per second. Past that, add a write-shard suffix to the
 * partition keys (`#hour#shard`) and merge shards on read; not built yet.
 *
 * Retention: `ttl` holds AnalyzedEvent.expiresAt in epoch SECONDS (rounded up, so TTL never
 * deletes before expiresAt). DynamoDB TTL deletes expired items for free within days; the
 * scheduled purgeExpired still deletes what has expired (a Scan for `exp <= now`), so its count
 * is true. Metric windows are removed by purgeBefore (a Query on the byStart index).
 *
 * Full text: DynamoDB has none. `q` is a FilterExpression `contains` on `lm`, the lower-cased
 * message, over the items the key condition selects (read capacity is spent on every item
 * scanned). For heavy search use the S3 archive with Athena.
 *
 * Metrics (LogMetrics): pk = group, sk = window start (N); GSI byStart: all = `w` (one
 * partition: one write per window per batch, far below a partition's limit), sk = start.
 * Counters and maxima are maps (`c`, `m`); exactly once without transactions: the item keeps a
 * ledger `b` (a string set of 16-character batch digests) and a version `v`; a batch reads the
 * window, stops if its digest is in `b`, else writes the merged window with a condition on `v`
 * (see DynamoMetricStore for why not `ADD`: DynamoDB adds in decimal, other stores in binary).
 * Alerts (LogAlerts): pk = firing id; GSI byTime: all = `a`, timeSk = `${firedAt}#${start}`
 * (deduplicated alerts are few); GSI byRuleKey: ruleKey = `${rule}|${group}|${key}`, firedAt.
 * Heartbeats (LogHeartbeats): pk = group, sk = stream.
 * Billing: on-demand for every table.
 *
 * @example
 * import { EVENTS_TABLE, createTableInput, tableNamesFromEnv } from './schema.js';
 * const names = tableNamesFromEnv(process.env); // { events: 'LogAnalysis', ... }
 * await client.send(new CreateTableCommand(createTableInput(EVENTS_TABLE, names.events)));
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export type KeyType = 'S' | 'N';

export interface KeyDefinition {
  name: string;
  type: KeyType;
}

export interface IndexDefinition {
  indexName: string;
  partitionKey: KeyDefinition;
  sortKey: KeyDefinition;
  /** Every index projects all attributes: queries read whole items from the index. */
  projection: 'ALL';
}

export interface TableDefinition {
  /** Which store uses the table; also the key in TableNames. */
  id: 'events' | 'metrics' | 'alerts' | 'heartbeats';
  /** The seed's table name where it had one. */
  defaultName: string;
  /** Environment variable that overrides the name. */
  envVar: string;
  partitionKey: KeyDefinition;
  /** Absent for a table keyed by its partition key alone. */
  sortKey?: KeyDefinition;
  indexes: readonly IndexDefinition[];
  /** Attribute holding the expiry in epoch seconds, for DynamoDB TTL. */
  ttlAttribute?: string;
  billingMode: 'PAY_PER_REQUEST';
}

export const EVENTS_TABLE: TableDefinition = {
  id: 'events',
  defaultName: 'LogAnalysis',
  envVar: 'LOGS_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  indexes: [
    {
      indexName: 'bySeverity',
      partitionKey: { name: 'sevPk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      projection: 'ALL',
    },
    {
      indexName: 'byTime',
      partitionKey: { name: 'timePk', type: 'S' },
      sortKey: { name: 'xSk', type: 'S' },
      projection: 'ALL',
    },
    {
      indexName: 'byCorrelation',
      partitionKey: { name: 'corr', type: 'S' },
      sortKey: { name: 'xSk', type: 'S' },
      projection: 'ALL',
    },
  ],
  ttlAttribute: 'ttl',
  billingMode: 'PAY_PER_REQUEST',
};

export const METRICS_TABLE: TableDefinition = {
  id: 'metrics',
  defaultName: 'LogMetrics',
  envVar: 'METRICS_TABLE',
  partitionKey: { name: 'g', type: 'S' },
  sortKey: { name: 'start', type: 'N' },
  indexes: [
    {
      indexName: 'byStart',
      partitionKey: { name: 'all', type: 'S' },
      sortKey: { name: 'start', type: 'N' },
      projection: 'ALL',
    },
  ],
  billingMode: 'PAY_PER_REQUEST',
};

export const ALERTS_TABLE: TableDefinition = {
  id: 'alerts',
  defaultName: 'LogAlerts',
  envVar: 'ALERTS_TABLE',
  partitionKey: { name: 'id', type: 'S' },
  indexes: [
    {
      indexName: 'byTime',
      partitionKey: { name: 'all', type: 'S' },
      sortKey: { name: 'timeSk', type: 'S' },
      projection: 'ALL',
    },
    {
      indexName: 'byRuleKey',
      partitionKey: { name: 'ruleKey', type: 'S' },
      sortKey: { name: 'firedAt', type: 'N' },
      projection: 'ALL',
    },
  ],
  billingMode: 'PAY_PER_REQUEST',
};

export const HEARTBEATS_TABLE: TableDefinition = {
  id: 'heartbeats',
  defaultName: 'LogHeartbeats',
  envVar: 'HEARTBEATS_TABLE',
  partitionKey: { name: 'g', type: 'S' },
  sortKey: { name: 'stream', type: 'S' },
  indexes: [],
  billingMode: 'PAY_PER_REQUEST',
};

/** Every table logsift uses, in creation order. */
export const TABLES: readonly TableDefinition[] = [
  EVENTS_TABLE,
  METRICS_TABLE,
  ALERTS_TABLE,
  HEARTBEATS_TABLE,
];

export type TableNames = Record<TableDefinition['id'], string>;

/**
 * Table names from the environment (LOGS_TABLE, METRICS_TABLE, ALERTS_TABLE, HEARTBEATS_TABLE),
 * defaulting to the seed's names.
 *
 * @example
 * tableNamesFromEnv({ LOGS_TABLE: 'Prod-Logs' }); // => { events: 'Prod-Logs', metrics: 'LogMetrics', ... }
 */
export function tableNamesFromEnv(env: Record<string, string | undefined> = process.env): TableNames {
  const names = {} as TableNames;
  for (const t of TABLES) names[t.id] = env[t.envVar] || t.defaultName;
  return names;
}

/** A CreateTable request for `def` named `name` (tests and emulators; the CDK stack builds its own). */
export function createTableInput(def: TableDefinition, name: string): CreateTableCommandInput {
  const attributes = new Map<string, KeyType>();
  const add = (k: KeyDefinition) => attributes.set(k.name, k.type);
  add(def.partitionKey);
  if (def.sortKey) add(def.sortKey);
  for (const i of def.indexes) {
    add(i.partitionKey);
    add(i.sortKey);
  }
  const input: CreateTableCommandInput = {
    TableName: name,
    BillingMode: def.billingMode,
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType,
    })),
    KeySchema: def.sortKey
      ? [
          { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: def.sortKey.name, KeyType: 'RANGE' },
        ]
      : [{ AttributeName: def.partitionKey.name, KeyType: 'HASH' }],
  };
  if (def.indexes.length > 0) {
    input.GlobalSecondaryIndexes = def.indexes.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: i.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: i.sortKey.name, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: i.projection },
    }));
  }
  return input;
}
