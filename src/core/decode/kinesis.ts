import type { LogBatch } from '../types.js';
import { decodePayload, isObject } from './cloudwatch.js';
import { DecodeError, describeType } from './errors.js';
import type { DecodeOptions } from './options.js';

/** A Kinesis record that could not be decoded; the other records of the event are unaffected. */
export interface KinesisRecordFailure {
  /** Position of the record in `Records`. */
  index: number;
  /** The record's `kinesis.sequenceNumber`, when it had one: what a partial batch response reports. */
  sequenceNumber?: string;
  error: DecodeError;
}

export interface KinesisDecodeResult {
  /** One batch per decodable record, in record order; `source` is `kinesis`. */
  batches: LogBatch[];
  failures: KinesisRecordFailure[];
}

/**
 * Decodes a Lambda Kinesis event whose records carry CloudWatch Logs subscription payloads
 * (`Records[i].kinesis.data` = base64 of gzip of the same JSON as `awslogs.data`).
 *
 * One bad record does not lose the good ones: each record that fails is reported in `failures`
 * with its index and sequence number, and the others are decoded. Each batch id is the hash of its
 * record's data, so a redelivered record gets the same id. Throws a {@link DecodeError} (stage
 * `shape`) only when the event itself is not a Kinesis event (not an object, or no `Records` array).
 *
 * @example
 * const { batches, failures } = decodeKinesisEvent(event);
 * return { batchItemFailures: failures.map((f) => ({ itemIdentifier: f.sequenceNumber })) };
 */
export function decodeKinesisEvent(event: unknown, opts?: DecodeOptions): KinesisDecodeResult {
  if (!isObject(event)) {
    throw new DecodeError('shape', 'event', `must be an object, got ${describeType(event)}`);
  }
  const records = event.Records;
  if (!Array.isArray(records)) {
    throw new DecodeError('shape', 'Records', `must be an array, got ${describeType(records)}`);
  }
  const batches: LogBatch[] = [];
  const failures: KinesisRecordFailure[] = [];
  for (let index = 0; index < records.length; index++) {
    const record: unknown = records[index];
    const kinesis = isObject(record) ? record.kinesis : undefined;
    const sequenceNumber = isObject(kinesis) ? kinesis.sequenceNumber : undefined;
    const failure = (error: DecodeError): void => {
      failures.push(typeof sequenceNumber === 'string' ? { index, sequenceNumber, error } : { index, error });
    };
    if (!isObject(record)) {
      failure(
        new DecodeError('shape', `Records[${index}]`, `must be an object, got ${describeType(record)}`),
      );
      continue;
    }
    if (!isObject(kinesis)) {
      failure(
        new DecodeError(
          'shape',
          `Records[${index}].kinesis`,
          `must be an object, got ${describeType(kinesis)}`,
        ),
      );
      continue;
    }
    const data = kinesis.data;
    const path = `Records[${index}].kinesis.data`;
    if (typeof data !== 'string') {
      failure(new DecodeError('shape', path, `must be a string, got ${describeType(data)}`));
      continue;
    }
    try {
      batches.push(decodePayload(data, path, opts, 'kinesis'));
    } catch (error) {
      // decodePayload throws nothing but DecodeError; the guard keeps that promise if it ever changes.
      failure(
        error instanceof DecodeError
          ? error
          : new DecodeError('shape', path, `could not be decoded: ${String(error)}`, { cause: error }),
      );
    }
  }
  return { batches, failures };
}
