import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DecodeError } from './errors.js';
import { gunzip } from './gunzip.js';

/** `bytes` with the gzip trailer's size field (ISIZE, the last 4 bytes) set to `claimed`. */
function withClaimedSize(bytes: Buffer, claimed: number): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeUInt32LE(claimed, copy.length - 4);
  return copy;
}

describe('gunzip', () => {
  const text = 'x'.repeat(50_000) + Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n');

  it('inflates small and large payloads whole', () => {
    expect(gunzip(gzipSync('{}'), 'data', 1024).toString()).toBe('{}');
    expect(gunzip(gzipSync(text), 'data', 1e9).toString()).toBe(text);
  });

  it('takes the size in the trailer as a hint only: a multi-member file inflates whole', () => {
    const two = Buffer.concat([gzipSync(text), gzipSync('tail')]);
    expect(gunzip(two, 'data', 1e9).toString()).toBe(`${text}tail`);
  });

  it('rejects a trailer that lies, in either direction, as a corrupt stream, never wrong output', () => {
    // zlib checks ISIZE at the end of the stream; the chunk size taken from it must not matter first.
    for (const claimed of [10, 2 ** 32 - 1]) {
      const error = (() => {
        try {
          gunzip(withClaimedSize(gzipSync(text), claimed), 'data', 1e9);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(DecodeError);
      expect((error as DecodeError).stage).toBe('gzip');
    }
  });

  it('still caps the output when the trailer claims less than the payload inflates to', () => {
    const error = (() => {
      try {
        gunzip(withClaimedSize(gzipSync(text), 100), 'data', 1000);
      } catch (e) {
        return e;
      }
    })();
    expect((error as DecodeError).stage).toBe('size');
  });
});
