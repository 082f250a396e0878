import type { Buffer } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import { DecodeError } from './errors.js';

/** The largest output buffer sized up front from a payload's own size claim. */
const MAX_CHUNK = 4 * 1024 * 1024;
const MIN_CHUNK = 1024;

/**
 * zlib writes into 16 KiB chunks and copies them into one buffer at the end. The gzip trailer
 * records the decompressed size (ISIZE, modulo 2^32), so one chunk one byte larger holds the whole
 * output: inflating a 370 KB CloudWatch payload takes half the time. The trailer is only a hint
 * (anyone can write it, and a multi-member file's is the last member's), so it is bounded: a false
 * claim costs at most one 4 MiB buffer, and a short one only more chunks.
 */
function outputChunkSize(bytes: Uint8Array, maxBytes: number): number {
  const at = bytes.length - 4;
  if (at < 0) return MIN_CHUNK;
  const claimed =
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
  return Math.max(MIN_CHUNK, Math.min(claimed + 1, MAX_CHUNK, maxBytes + 1));
}

/**
 * Inflates a gzip payload, refusing to produce more than `maxBytes` (stage `size`). A missing gzip
 * header, a corrupt stream or a truncated one is stage `gzip`.
 *
 * @example
 * gunzip(gzipSync('{}'), 'awslogs.data', 1024).toString(); // '{}'
 */
export function gunzip(bytes: Uint8Array, path: string, maxBytes: number): Buffer {
  // Cheap header check first: zlib's own message for non-gzip input ("incorrect header check") says less.
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new DecodeError('gzip', path, 'is not gzip data (missing the 1f 8b header)');
  }
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes, chunkSize: outputChunkSize(bytes, maxBytes) });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DecodeError(
        'size',
        path,
        `decompresses to more than ${maxBytes} bytes (maxDecompressedBytes)`,
        { cause: error },
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new DecodeError('gzip', path, `is not valid gzip: ${reason}`, { cause: error });
  }
}
