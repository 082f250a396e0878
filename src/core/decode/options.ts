import { constants } from 'node:buffer';

/** 64 MiB: the default cap on a decompressed CloudWatch payload. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

/** Options shared by the CloudWatch and Kinesis decoders. */
export interface DecodeOptions {
  /**
   * The largest decompressed payload accepted, in bytes. A payload that inflates past it is rejected
   * with stage `size` before the memory is spent (a gzip bomb of a few KB cannot take the process down).
   * CloudWatch Logs batches are at most about 1 MB of log data, so real payloads stay far below it.
   * Values that are not positive numbers fall back to the default.
   * The default value is 67108864 (64 MiB).
   */
  maxDecompressedBytes?: number;
}

/** A positive integer limit, or `fallback` when `value` is missing or not a positive number. */
export function positiveLimit(value: number | undefined, fallback: number): number {
  if (typeof value !== 'number' || !(value >= 1)) return fallback;
  // zlib refuses a maxOutputLength above the largest Buffer; Infinity means "no cap" here.
  return Math.min(Math.floor(value), constants.MAX_LENGTH);
}
