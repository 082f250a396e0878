import type { Buffer } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import { DecodeError } from './errors.js';

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
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
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
