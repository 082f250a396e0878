import type { Buffer } from 'node:buffer';
import type { BatchSource, LogBatch, RawEvent } from '../types.js';
import { decodeBase64 } from './base64.js';
import { batchIdOf } from './batchId.js';
import { DecodeError, type DecodeStage, describeType } from './errors.js';
import { gunzip } from './gunzip.js';
import { DEFAULT_MAX_DECOMPRESSED_BYTES, type DecodeOptions, positiveLimit } from './options.js';
import { parsePayloadJson } from './payloadJson.js';

/** Largest |timestamp| a JavaScript Date can hold; beyond it ISO formatting downstream would throw. */
const MAX_TIME_MS = 8.64e15;

type JsonObject = Record<string, unknown>;

/**
 * Decodes the Lambda event a CloudWatch Logs subscription filter delivers,
 * `{"awslogs":{"data":"<base64(gzip(json))>"}}`, into a {@link LogBatch}.
 *
 * - A CONTROL_MESSAGE (CloudWatch checking that the destination is reachable) becomes a batch with
 *   `control: true` and its events as given; callers acknowledge it and store nothing.
 * - A DATA_MESSAGE with no events is a valid empty batch.
 * - Events are returned as delivered: two events with the same id are both returned, because
 *   deduplication by event id is the stores' job (they must be idempotent across redeliveries anyway).
 * - `id` is {@link batchIdOf} the gzip bytes, so a redelivered batch has the same id.
 *
 * Throws only {@link DecodeError}; its `stage` and `path` say what was wrong and where
 * (`awslogs.data` for base64, gzip, size and json; the field inside the payload for shape).
 *
 * @example
 * const batch = decodeCloudWatchEvent(lambdaEvent);
 * if (batch.control) return; // destination heartbeat
 * for (const event of batch.events) console.log(event.id, event.timestamp, event.message);
 */
export function decodeCloudWatchEvent(event: unknown, opts?: DecodeOptions): LogBatch {
  if (!isObject(event)) {
    throw new DecodeError('shape', 'event', `must be an object, got ${describeType(event)}`);
  }
  const awslogs = event.awslogs;
  if (!isObject(awslogs)) {
    throw new DecodeError('shape', 'awslogs', `must be an object, got ${describeType(awslogs)}`);
  }
  const data = awslogs.data;
  if (typeof data !== 'string') {
    throw new DecodeError('shape', 'awslogs.data', `must be a string, got ${describeType(data)}`);
  }
  return decodeCloudWatchData(data, 'awslogs.data', opts);
}

/**
 * Decodes the inner CloudWatch Logs payload: a base64 string of gzip bytes (as in `awslogs.data` or a
 * Kinesis record's `data`), or the gzip bytes themselves when a transport already decoded the base64.
 * `path` names where the data came from, for error messages (`awslogs.data`, `Records[2].kinesis.data`).
 * Both forms of the same payload get the same batch id (the hash is over the gzip bytes).
 *
 * @example
 * const batch = decodeCloudWatchData(record.kinesis.data, 'Records[0].kinesis.data');
 */
export function decodeCloudWatchData(
  data: string | Uint8Array,
  path = 'awslogs.data',
  opts?: DecodeOptions,
): LogBatch {
  return decodePayload(data, path, opts, 'cloudwatch');
}

/** Shared by the CloudWatch and Kinesis decoders; `source` is what the batch records. */
export function decodePayload(
  data: string | Uint8Array,
  path: string,
  opts: DecodeOptions | undefined,
  source: BatchSource,
): LogBatch {
  // One try per payload (not per event) so that nothing but a DecodeError ever leaves this module.
  let stage: DecodeStage = 'base64';
  try {
    let bytes: Uint8Array;
    if (typeof data === 'string') {
      bytes = decodeBase64(data, path);
    } else if (data instanceof Uint8Array) {
      bytes = data;
    } else {
      throw new DecodeError('shape', path, `must be a base64 string or bytes, got ${describeType(data)}`);
    }
    stage = 'gzip';
    const maxBytes = positiveLimit(opts?.maxDecompressedBytes, DEFAULT_MAX_DECOMPRESSED_BYTES);
    const json = gunzip(bytes, path, maxBytes);
    stage = 'json';
    const payload = parseJson(json, path);
    stage = 'shape';
    return toBatch(payload, path, batchIdOf(bytes), source);
  } catch (error) {
    if (error instanceof DecodeError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DecodeError(stage, path, `could not be decoded: ${reason}`, { cause: error });
  }
}

function parseJson(json: Buffer, path: string): unknown {
  try {
    return parsePayloadJson(json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DecodeError('json', path, `is not valid JSON: ${reason}`, { cause: error });
  }
}

function toBatch(payload: unknown, path: string, id: string, source: BatchSource): LogBatch {
  if (!isObject(payload)) {
    throw new DecodeError('shape', path, `must decode to a JSON object, got ${describeType(payload)}`);
  }
  const messageType = payload.messageType;
  if (messageType !== 'DATA_MESSAGE' && messageType !== 'CONTROL_MESSAGE') {
    throw new DecodeError(
      'shape',
      'messageType',
      `must be "DATA_MESSAGE" or "CONTROL_MESSAGE", got ${describeValue(messageType)}`,
    );
  }
  const owner = requireString(payload.owner, 'owner');
  const group = requireString(payload.logGroup, 'logGroup');
  const stream = requireString(payload.logStream, 'logStream');
  const subscriptionFilters = requireStrings(payload.subscriptionFilters, 'subscriptionFilters');
  const policyLevel = payload.policyLevel;
  if (policyLevel != null && typeof policyLevel !== 'string') {
    throw new DecodeError(
      'shape',
      'policyLevel',
      `must be a string when present, got ${describeType(policyLevel)}`,
    );
  }
  const batch: LogBatch = {
    id,
    source,
    group,
    stream,
    owner,
    subscriptionFilters,
    events: toEvents(payload.logEvents),
  };
  if (policyLevel != null) batch.policyLevel = policyLevel;
  if (messageType === 'CONTROL_MESSAGE') batch.control = true;
  return batch;
}

/** Enumerable keys, counted without allocating a key array (inherited ones count too: then it copies). */
function keyCount(o: object): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

function toEvents(logEvents: unknown): RawEvent[] {
  if (!Array.isArray(logEvents)) {
    throw new DecodeError('shape', 'logEvents', `must be an array, got ${describeType(logEvents)}`);
  }
  const events: RawEvent[] = [];
  for (let i = 0; i < logEvents.length; i++) {
    const item: unknown = logEvents[i];
    if (!isObject(item)) {
      throw new DecodeError('shape', `logEvents[${i}]`, `must be an object, got ${describeType(item)}`);
    }
    const { id, timestamp, message, extractedFields } = item;
    if (typeof id !== 'string') {
      throw new DecodeError('shape', `logEvents[${i}].id`, `must be a string, got ${describeType(id)}`);
    }
    if (typeof timestamp !== 'number') {
      throw new DecodeError(
        'shape',
        `logEvents[${i}].timestamp`,
        `must be a number, got ${describeType(timestamp)}`,
      );
    }
    if (!Number.isInteger(timestamp) || Math.abs(timestamp) > MAX_TIME_MS) {
      throw new DecodeError(
        'shape',
        `logEvents[${i}].timestamp`,
        `must be an integer count of epoch milliseconds, got ${timestamp}`,
      );
    }
    if (typeof message !== 'string') {
      throw new DecodeError(
        'shape',
        `logEvents[${i}].message`,
        `must be a string, got ${describeType(message)}`,
      );
    }
    // The usual event has exactly these three fields, all checked above: it is kept as parsed
    // rather than copied (decode ~30% faster: a copy per event doubled the objects the young
    // generation had to allocate and scavenge). Anything else is copied without its unknown fields.
    if (extractedFields == null && keyCount(item) === 3) {
      events.push(item as unknown as RawEvent);
      continue;
    }
    const event: RawEvent = { id, timestamp, message };
    if (extractedFields != null) event.extractedFields = requireStringRecord(extractedFields, i);
    events.push(event);
  }
  return events;
}

/** Validates in place and returns the parsed object itself: copying keys would honour `__proto__`. */
function requireStringRecord(value: unknown, index: number): Record<string, string> {
  if (!isObject(value)) {
    throw new DecodeError(
      'shape',
      `logEvents[${index}].extractedFields`,
      `must be an object of strings, got ${describeType(value)}`,
    );
  }
  for (const key in value) {
    const field = value[key];
    if (typeof field !== 'string') {
      throw new DecodeError(
        'shape',
        `logEvents[${index}].extractedFields.${key}`,
        `must be a string, got ${describeType(field)}`,
      );
    }
  }
  return value as Record<string, string>;
}

function requireString(value: unknown, path: string): string {
  if (typeof value !== 'string') {
    throw new DecodeError('shape', path, `must be a string, got ${describeType(value)}`);
  }
  return value;
}

function requireStrings(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) {
    throw new DecodeError('shape', path, `must be an array of strings, got ${describeType(value)}`);
  }
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string') {
      throw new DecodeError('shape', `${path}[${i}]`, `must be a string, got ${describeType(item)}`);
    }
  }
  return value as string[];
}

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strings are quoted (and cut short) so the message shows the unexpected value itself. */
function describeValue(value: unknown): string {
  if (typeof value !== 'string') return describeType(value);
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
}
