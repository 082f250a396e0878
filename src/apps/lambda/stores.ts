/**
 * Which stores the functions use. DynamoDB in AWS (LOGS_TABLE, METRICS_TABLE, ALERTS_TABLE);
 * LOGSIFT_STORES=memory keeps everything in the process instead, for trying a bundle without
 * tables: not durable, never the default.
 */
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
  throw new LambdaEnvError(
    'LOGSIFT_STORES',
    `is "${kind}": the DynamoDB stores are not wired into this build yet; set LOGSIFT_STORES=memory to try the function without tables`,
  );
}
