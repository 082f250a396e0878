/**
 * AWS storage: the event, metric, alert and heartbeat stores on DynamoDB (tables in ../schema.ts).
 * Pattern state is not here: snapshots can exceed DynamoDB's 400 KB item limit, so it lives in S3.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type TableNames, tableNamesFromEnv } from '../schema.js';
import type { RetryOptions } from './batch.js';
import { createDynamoClient, documentClient } from './client.js';
import { DynamoAlertStore } from './DynamoAlertStore.js';
import { DynamoEventStore } from './DynamoEventStore.js';
import { DynamoHeartbeatStore } from './DynamoHeartbeatStore.js';
import { DynamoMetricStore } from './DynamoMetricStore.js';

export {
  batchGetAll,
  batchWriteAll,
  isConditionFailed,
  type RetryOptions,
  type WriteRequest,
} from './batch.js';
export { createDynamoClient, type DynamoClientOptions, documentClient } from './client.js';
export type { Heartbeat } from './DynamoHeartbeatStore.js';
export { UnprocessedItemsError, WindowContentionError } from './errors.js';
export { fromEventItem, MAX_ITEM_BYTES, toEventItem, ttlSeconds } from './eventItem.js';
export { DynamoAlertStore, DynamoEventStore, DynamoHeartbeatStore, DynamoMetricStore };

export interface DynamoStoreOptions {
  /** The default value is createDynamoClient() (region and endpoint from the environment). */
  client?: DynamoDBClient;
  /** Table names; missing ones come from tableNamesFromEnv (LOGS_TABLE ... or the seed's names). */
  tables?: Partial<TableNames>;
  /** Retries of unprocessed batch items. Defaults: 8 attempts, 25 ms base backoff, 8 requests in flight. */
  retry?: RetryOptions;
}

export interface DynamoStores {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  events: DynamoEventStore;
  metrics: DynamoMetricStore;
  alerts: DynamoAlertStore;
  heartbeats: DynamoHeartbeatStore;
  /** Closes the stores; destroys the client when this function created it. Idempotent. */
  close(): Promise<void>;
}

/**
 * The DynamoDB stores on existing tables (the CDK stack creates them).
 *
 * @example
 * const stores = openDynamoStores(); // LOGS_TABLE, METRICS_TABLE, ALERTS_TABLE from the environment
 * const ports = { ...stores, notifiers: [sns], clock: systemClock };
 * // ... processBatch(batch, ports, config)
 */
export function openDynamoStores(options: DynamoStoreOptions = {}): DynamoStores {
  const owned = options.client === undefined;
  const client = options.client ?? createDynamoClient();
  const doc = documentClient(client);
  const tables = { ...tableNamesFromEnv(), ...options.tables };
  const retry = options.retry ?? {};
  const events = new DynamoEventStore({ doc, table: tables.events, retry });
  const metrics = new DynamoMetricStore({ doc, table: tables.metrics, retry });
  const alerts = new DynamoAlertStore({ doc, table: tables.alerts });
  const heartbeats = new DynamoHeartbeatStore({ doc, table: tables.heartbeats });
  let closed = false;
  return {
    client,
    doc,
    tables,
    events,
    metrics,
    alerts,
    heartbeats,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([events.close(), metrics.close(), alerts.close()]);
      if (owned) client.destroy();
    },
  };
}
