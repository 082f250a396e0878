/**
 * The processor function's behaviour, apart from its wiring (processor.ts), so tests can drive it
 * with memory ports. One handler takes both sources a CloudWatch Logs subscription can use:
 *
 * | input                                   | outcome                                                        |
 * |-----------------------------------------|----------------------------------------------------------------|
 * | CloudWatch `awslogs` DATA_MESSAGE       | decode -> Pipeline; succeeds                                   |
 * | CONTROL_MESSAGE                         | heartbeat recorded, nothing stored; succeeds                   |
 * | undecodable payload / unknown event     | raw payload archived under failed/ with the error; succeeds    |
 * | transient failure (throttling, 5xx, net)| throws: the invocation fails and Lambda retries (idempotent)   |
 * | permanent processing failure            | payload archived under failed/ with the error; succeeds        |
 * | Kinesis record failing transiently      | reported in batchItemFailures (with every record after it)     |
 * | Kinesis record undecodable / permanent  | archived under failed/, not reported (a retry cannot fix it)   |
 *
 * Every invocation flushes the ports before it returns: a frozen Lambda must not hold writes; then it
 * publishes its metrics (when given), on failure paths too.
 */
import type { Context, KinesisStreamBatchResponse } from 'aws-lambda';
import { failedKey } from '../../core/archiveKeys.js';
import {
  batchIdOf,
  DecodeError,
  decodeCloudWatchEvent,
  decodeKinesisEvent,
} from '../../core/decode/index.js';
import type { BatchResult } from '../../core/pipeline.js';
import { flushPorts } from '../../core/ports.js';
import type { LogBatch } from '../../core/types.js';
import type { LambdaRuntime } from './ports.js';
import { isTransient } from './transient.js';

/** What one CloudWatch invocation did (for the function's logs and tests; Lambda ignores it). */
export interface CloudWatchOutcome {
  status: 'processed' | 'control' | 'ignored' | 'failed';
  batchId?: string;
  group?: string;
  processed: number;
  duplicates: number;
  alerts: number;
  deliveryFailures: number;
  /** Where the payload went: the batch archive, or failed/ for an undecodable or poisoned payload. */
  archiveKey?: string;
  error?: string;
}

export type ProcessorResult = CloudWatchOutcome | KinesisStreamBatchResponse;

/**
 * What the handler counts (BatchMetrics in adapters/aws/metrics): recorded during an invocation,
 * published at its end. `publish` must not throw.
 */
export interface ProcessorMetrics {
  batchProcessed(result: BatchResult): void;
  /** Undecodable or permanently failing; `archived` when kept under failed/. */
  batchFailed(archived: boolean): void;
  /** Transient: the invocation (or Kinesis from this record) is retried. */
  batchRetried(): void;
  publish(): void;
}

export interface ProcessorHandlerOptions {
  /** Custom metrics; none by default. */
  metrics?: ProcessorMetrics;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The processor handler over a runtime.
 *
 * @example
 * export const handler = createProcessorHandler(createLambdaRuntime({ stores, logger }), { metrics });
 */
export function createProcessorHandler(
  runtime: LambdaRuntime,
  options: ProcessorHandlerOptions = {},
): (event: unknown, context?: Partial<Context>) => Promise<ProcessorResult> {
  const { pipeline, ports, config, logger } = runtime;
  const { metrics } = options;
  const decodeOptions = { maxDecompressedBytes: config.decode.maxDecompressedBytes };

  /** Keeps a payload no retry can process, so the invocation can succeed without losing it. */
  async function keepFailed(payload: string, error: string): Promise<string | undefined> {
    if (!ports.archive) {
      logger.error('payload dropped: no S3_BUCKET to keep it in', { error, bytes: payload.length });
      return undefined;
    }
    const key = failedKey(batchIdOf(payload), ports.clock.now());
    await ports.archive.putFailed(key, payload, error);
    return key;
  }

  function outcomeOf(result: BatchResult): CloudWatchOutcome {
    return {
      status: result.control ? 'control' : result.ignored ? 'ignored' : 'processed',
      batchId: result.batchId,
      group: result.group,
      processed: result.processed,
      duplicates: result.duplicates,
      alerts: result.alerts.length,
      deliveryFailures: result.deliveryFailures.length,
      ...(result.archiveKey ? { archiveKey: result.archiveKey } : {}),
    };
  }

  /** Processes one batch; a permanent failure is kept under failed/ and reported, a transient one thrown. */
  async function processBatch(batch: LogBatch, payload: () => string): Promise<CloudWatchOutcome> {
    try {
      const result = await pipeline.process(batch);
      metrics?.batchProcessed(result);
      for (const f of result.deliveryFailures)
        logger.warn('alert delivery failed; a redelivery retries it', { ...f, group: batch.group });
      return outcomeOf(result);
    } catch (err) {
      if (isTransient(err)) {
        metrics?.batchRetried();
        throw err;
      }
      const error = `processing: ${messageOf(err)}`;
      logger.error('batch cannot be processed; kept under failed/', {
        batchId: batch.id,
        group: batch.group,
        error,
      });
      const archiveKey = await keepFailed(payload(), error);
      metrics?.batchFailed(archiveKey !== undefined);
      return {
        status: 'failed',
        batchId: batch.id,
        group: batch.group,
        processed: 0,
        duplicates: 0,
        alerts: 0,
        deliveryFailures: 0,
        error,
        ...(archiveKey ? { archiveKey } : {}),
      };
    }
  }

  async function handleCloudWatch(event: unknown): Promise<CloudWatchOutcome> {
    const payload = () => JSON.stringify(event);
    let batch: LogBatch;
    try {
      batch = decodeCloudWatchEvent(event, decodeOptions);
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      const archiveKey = await keepFailed(payload(), err.message);
      metrics?.batchFailed(archiveKey !== undefined);
      logger.error('undecodable CloudWatch payload', { error: err.message, archiveKey });
      return {
        status: 'failed',
        processed: 0,
        duplicates: 0,
        alerts: 0,
        deliveryFailures: 0,
        error: err.message,
        ...(archiveKey ? { archiveKey } : {}),
      };
    }
    const outcome = await processBatch(batch, payload);
    if (outcome.status === 'control') logger.info('CONTROL_MESSAGE acknowledged (destination heartbeat)');
    return outcome;
  }

  async function handleKinesis(event: { Records: unknown[] }): Promise<KinesisStreamBatchResponse> {
    const { batches, failures } = decodeKinesisEvent(event, decodeOptions);
    for (const f of failures) {
      const record = event.Records[f.index];
      const data = isObject(record) && isObject(record.kinesis) ? record.kinesis.data : record;
      const archiveKey = await keepFailed(
        typeof data === 'string' ? data : JSON.stringify(data ?? null),
        f.error.message,
      );
      metrics?.batchFailed(archiveKey !== undefined);
      logger.error('undecodable Kinesis record', {
        sequenceNumber: f.sequenceNumber,
        error: f.error.message,
        archiveKey,
      });
    }
    // Batches keep record order (failed records left out); find each one's sequence number again.
    const undecodable = new Set(failures.map((f) => f.index));
    const sequences: string[] = [];
    const datas: string[] = [];
    event.Records.forEach((record, index) => {
      if (undecodable.has(index)) return;
      const kinesis = isObject(record) && isObject(record.kinesis) ? record.kinesis : {};
      sequences.push(String(kinesis.sequenceNumber ?? ''));
      datas.push(String(kinesis.data ?? ''));
    });
    const batchItemFailures: KinesisStreamBatchResponse['batchItemFailures'] = [];
    for (let i = 0; i < batches.length; i++) {
      try {
        await processBatch(batches[i]!, () => datas[i]!);
      } catch (err) {
        // Lambda resumes from the lowest failed sequence number: report the rest as failed too.
        logger.warn('transient failure; Kinesis will retry from this record', {
          sequenceNumber: sequences[i],
          error: messageOf(err),
        });
        for (let j = i; j < batches.length; j++) batchItemFailures.push({ itemIdentifier: sequences[j]! });
        break;
      }
    }
    return { batchItemFailures };
  }

  return async (event) => {
    try {
      if (isObject(event) && Array.isArray(event.Records))
        return await handleKinesis(event as { Records: unknown[] });
      return await handleCloudWatch(event);
    } finally {
      try {
        await flushPorts(ports);
      } finally {
        metrics?.publish();
      }
    }
  };
}
