/**
 * Decode: turns what a source delivers (a CloudWatch Logs subscription event, a Kinesis event,
 * NDJSON or text lines) into `LogBatch`es. Every failure is a `DecodeError`.
 */
export { batchIdOf } from './batchId.js';
export { decodeCloudWatchData, decodeCloudWatchEvent } from './cloudwatch.js';
export { DecodeError, type DecodeStage } from './errors.js';
export { decodeKinesisEvent, type KinesisDecodeResult, type KinesisRecordFailure } from './kinesis.js';
export {
  DEFAULT_MAX_LINE_BYTES,
  type DecodeLinesOptions,
  type DecodeLinesResult,
  decodeLines,
  type LineFailure,
} from './lines.js';
export { DEFAULT_MAX_DECOMPRESSED_BYTES, type DecodeOptions } from './options.js';
