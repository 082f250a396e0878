/**
 * The processor's custom CloudWatch metrics, written as Embedded Metric Format (EMF) lines on
 * stdout by Powertools Metrics: CloudWatch extracts them from the function's own log group, so
 * there is no PutMetricData call, no latency and no IAM permission to add.
 *
 * Counts are summed per log group over an invocation (a Kinesis invocation carries many batches,
 * often of the same group) and published once at its end, one EMF line per group plus one for the
 * invocation:
 *
 * | metric                                                     | dimensions          |
 * |------------------------------------------------------------|---------------------|
 * | `Events`, `Events.CRITICAL` ... `Events.DEBUG`             | `service, LogGroup` |
 * | `Duplicates`, `AlertsFired`, `AlertDeliveryFailures`       | `service, LogGroup` |
 * | `BatchesFailed`, `PayloadsArchivedAsFailed`, `TransientFailures` | `service`     |
 *
 * Severity is part of the metric name, not a `Severity` dimension: EMF gives every metric of a line
 * the same dimension values, so a dimension would take five lines per group where one does. Either
 * way the series count is the same and bounded: 9 per subscribed log group, plus 3.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { BatchResult } from '../../../core/pipeline.js';
import { SEVERITIES, type Severity } from '../../../core/types.js';

/** Where the publisher reports its own failure (the Lambda logger). */
export interface BatchMetricsLogger {
  warn(message: string, ...extra: Record<string, unknown>[]): void;
}

export interface BatchMetricsOptions {
  /**
   * The CloudWatch namespace. The default value is POWERTOOLS_METRICS_NAMESPACE when set, else
   * `logsift`.
   */
  namespace?: string;
  /** The `service` dimension of every metric. The default value is `processor`. */
  serviceName?: string;
  /** Reports a metrics failure; the invocation never fails for one. */
  logger?: BatchMetricsLogger;
  /** Reads POWERTOOLS_METRICS_NAMESPACE. The default value is `process.env`. */
  env?: Record<string, string | undefined>;
}

/** Per-group sums of one invocation. */
interface GroupCounts {
  events: number;
  severities: Record<Severity, number>;
  duplicates: number;
  alerts: number;
  deliveryFailures: number;
}

/** The metric names, precomputed: `Events.CRITICAL` ... */
const SEVERITY_METRICS = SEVERITIES.map((s) => [s, `Events.${s}`] as const);

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Records what the processor does and publishes it as EMF at the end of each invocation.
 * Build one per container; call {@link BatchMetrics.publish} in the invocation's `finally`.
 *
 * @example
 * const metrics = new BatchMetrics({ logger });
 * try {
 *   metrics.batchProcessed(await pipeline.process(batch));
 * } finally {
 *   metrics.publish();
 * }
 */
export class BatchMetrics {
  readonly namespace: string;
  private readonly metrics: Metrics;
  private readonly logger: BatchMetricsLogger | undefined;
  private readonly groups = new Map<string, GroupCounts>();
  private failed = 0;
  private archived = 0;
  private transient = 0;

  constructor(options: BatchMetricsOptions = {}) {
    const env = options.env ?? process.env;
    this.namespace = options.namespace ?? (env.POWERTOOLS_METRICS_NAMESPACE?.trim() || 'logsift');
    this.metrics = new Metrics({
      namespace: this.namespace,
      serviceName: options.serviceName ?? 'processor',
    });
    this.logger = options.logger;
  }

  /** Adds a processed batch to its log group's counts; CONTROL_MESSAGEs and ignored groups count nothing. */
  batchProcessed(result: BatchResult): void {
    if (result.control || result.ignored || result.group === '') return;
    let counts = this.groups.get(result.group);
    if (!counts) {
      counts = {
        events: 0,
        severities: { CRITICAL: 0, ERROR: 0, WARNING: 0, INFO: 0, DEBUG: 0 },
        duplicates: 0,
        alerts: 0,
        deliveryFailures: 0,
      };
      this.groups.set(result.group, counts);
    }
    counts.events += result.processed;
    for (const s of SEVERITIES) counts.severities[s] += result.severities[s];
    counts.duplicates += result.duplicates;
    counts.alerts += result.alerts.length;
    counts.deliveryFailures += result.deliveryFailures.length;
  }

  /**
   * A payload or batch no retry can process (undecodable, or a permanent failure); `archived` tells
   * whether it was kept under failed/ (false when there is no bucket to keep it in).
   */
  batchFailed(archived: boolean): void {
    this.failed++;
    if (archived) this.archived++;
  }

  /** A transient failure: Lambda (or Kinesis, from that record) retries the batch. */
  batchRetried(): void {
    this.transient++;
  }

  /**
   * Writes the invocation's EMF lines and resets the counts. Never throws: a metrics failure is
   * logged, and what could not be published is dropped rather than carried to the next invocation.
   */
  publish(): void {
    try {
      const { metrics } = this;
      for (const [group, c] of this.groups) {
        metrics.addDimension('LogGroup', group);
        metrics.addMetric('Events', MetricUnit.Count, c.events);
        for (const [s, name] of SEVERITY_METRICS) metrics.addMetric(name, MetricUnit.Count, c.severities[s]);
        metrics.addMetric('Duplicates', MetricUnit.Count, c.duplicates);
        metrics.addMetric('AlertsFired', MetricUnit.Count, c.alerts);
        metrics.addMetric('AlertDeliveryFailures', MetricUnit.Count, c.deliveryFailures);
        metrics.publishStoredMetrics();
      }
      metrics.addMetric('BatchesFailed', MetricUnit.Count, this.failed);
      metrics.addMetric('PayloadsArchivedAsFailed', MetricUnit.Count, this.archived);
      metrics.addMetric('TransientFailures', MetricUnit.Count, this.transient);
      metrics.publishStoredMetrics();
    } catch (err) {
      this.logger?.warn('metrics not published', { error: messageOf(err) });
      this.metrics.clearMetrics();
      this.metrics.clearDimensions();
    } finally {
      this.groups.clear();
      this.failed = 0;
      this.archived = 0;
      this.transient = 0;
    }
  }
}

/**
 * The processor's metrics, or undefined when LOGSIFT_METRICS is `off` (case-insensitive).
 * POWERTOOLS_METRICS_DISABLED (and POWERTOOLS_DEV) still silence Powertools itself.
 *
 * @example
 * const metrics = openBatchMetrics(process.env, logger); // undefined with LOGSIFT_METRICS=off
 */
export function openBatchMetrics(
  env: Record<string, string | undefined> = process.env,
  logger?: BatchMetricsLogger,
): BatchMetrics | undefined {
  if (env.LOGSIFT_METRICS?.trim().toLowerCase() === 'off') return undefined;
  return new BatchMetrics({ env, ...(logger ? { logger } : {}) });
}
