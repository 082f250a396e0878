/**
 * Request bodies read whole, with a size limit enforced while reading: a declared Content-Length
 * over the limit is refused before a byte is read, and an undeclared (chunked) body is cut off as
 * soon as it passes the limit, so a client cannot make the process buffer more than `maxBytes`.
 */
import { PayloadTooLargeError } from './errors.js';

/**
 * The body's bytes; an empty array when there is none.
 *
 * @example
 * const bytes = await readBody(c.req.raw, 10 * 1024 * 1024); // throws PayloadTooLargeError past 10 MiB
 */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw new PayloadTooLargeError(maxBytes);
  const body = request.body;
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const utf8 = new TextDecoder('utf-8');

/** UTF-8 text of the body; invalid sequences become U+FFFD (log files are not always clean UTF-8). */
export function bodyText(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}
