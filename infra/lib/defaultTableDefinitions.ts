import type { LogsiftTableDefinitions } from './tableDefinitions.js';

/**
 * The seed's table names and keys. Used until src/adapters/aws/schema.ts provides the definitions
 * the adapters actually use; the stack takes whichever it is given.
 */
export const DEFAULT_TABLE_DEFINITIONS: LogsiftTableDefinitions = {
  logs: {
    tableName: 'LogAnalysis',
    partitionKey: { name: 'log_id', type: 'S' },
    sortKey: { name: 'timestamp', type: 'N' },
    ttlAttribute: 'expiresAt',
  },
  metrics: {
    tableName: 'LogMetrics',
    partitionKey: { name: 'metric_id', type: 'S' },
    sortKey: { name: 'timestamp', type: 'N' },
    ttlAttribute: 'expiresAt',
  },
  alerts: {
    tableName: 'LogAlerts',
    partitionKey: { name: 'alert_id', type: 'S' },
    sortKey: { name: 'timestamp', type: 'N' },
    ttlAttribute: 'expiresAt',
  },
};
