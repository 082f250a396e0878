/**
 * Which stores the functions use: DynamoDB (LOGS_TABLE, METRICS_TABLE, ALERTS_TABLE,
 * HEARTBEATS_TABLE; endpoint from AWS_ENDPOINT_URL_DYNAMODB) unless LOGSIFT_STORES=memory, which
 * keeps everything in the process for trying a bundle without tables: not durable, never the default.
 */
import { openDynamoStores } from '../../adapters/aws/dynamodb/index.js';
import { MemoryAlertStore, MemoryEventStore, MemoryMetricStore } from '../../core/memory/index.js';
import { LambdaEnvError } from './errors.js';
import type { LambdaStores } from './ports.js';

/**
 * Opens the stores the environment names.
 *
 * @example
 * createLambdaRuntime({ stores: () => openLambdaStores(process.env), logger });
 */
export function openLambdaStores(env: Record<string, string | undefined> = process.env): LambdaStores {
  const kind = env.LOGSIFT_STORES?.trim() || 'dynamodb';
  if (kind === 'memory') {
    return {
      events: new MemoryEventStore(),
      metrics: new MemoryMetricStore(),
      alerts: new MemoryAlertStore(),
    };
  }
  if (kind !== 'dynamodb')
    throw new LambdaEnvError('LOGSIFT_STORES', `must be dynamodb or memory, got "${kind}"`);
  const { events, metrics, alerts, heartbeats } = openDynamoStores();
  return { events, metrics, alerts, heartbeats };
}
