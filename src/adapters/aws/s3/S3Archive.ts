import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type Archive, type Clock, systemClock } from '../../../core/ports.js';
import { gzipArchive } from '../../archiveGzip.js';
import { isAlreadyWritten } from './s3Errors.js';

export interface S3ArchiveOptions {
  client: S3Client;
  bucket: string;
  /** Prepended to every key, e.g. `logsift/`. The default value is '' (keys at the bucket's root). */
  prefix?: string;
  /** Time written into `.error.json` objects. The default value is the system clock. */
  clock?: Clock;
}

/**
 * The folder archive's layout in an S3 bucket: `<prefix><key>`, gzip NDJSON (ContentEncoding gzip,
 * ContentType application/x-ndjson), partitioned as archiveKey() says so Athena reads it as a table.
 * Writes are idempotent by key: a conditional PutObject (`If-None-Match: *`) leaves an existing
 * object alone, and since batch ids hash the payload, a racing duplicate writes the same bytes.
 *
 * @example
 * const archive = new S3Archive({ client: new S3Client({}), bucket: 'my-logsift-archive' });
 * await archive.putBatch(archiveKey(batch, Date.now()), batchToNdjson(batch));
 * // => s3://my-logsift-archive/raw/logGroup=%2Faws%2Flambda%2Ftest-app/dt=2026-11-26/hour=12/<id>.ndjson.gz
 */
export class S3Archive implements Archive {
  readonly bucket: string;
  readonly prefix: string;
  private readonly client: S3Client;
  private readonly clock: Clock;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(options: S3ArchiveOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
    this.clock = options.clock ?? systemClock;
  }

  async putBatch(key: string, ndjson: string): Promise<void> {
    await this.track(async () => {
      await this.putOnce(key, await gzipArchive(ndjson), 'application/x-ndjson', 'gzip');
    });
  }

  /**
   * Writes the payload gzipped at `key` and `{ error, at, bytes }` beside it as
   * `<key without .json.gz>.error.json` (bytes: the payload's size before compression).
   */
  async putFailed(key: string, payload: string | Uint8Array, error: string): Promise<void> {
    const errorKey = `${key.replace(/(\.json)?\.gz$/, '')}.error.json`;
    const bytes = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
    await this.track(async () => {
      // The error object first: a payload object present means both are complete.
      const report = `${JSON.stringify({ error, at: this.clock.now(), bytes })}\n`;
      await this.putOnce(errorKey, Buffer.from(report), 'application/json');
      await this.putOnce(key, await gzipArchive(payload), 'application/octet-stream', 'gzip');
    });
  }

  /** Waits for writes still in progress. */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  /** Flushes; the S3 client belongs to the caller, which destroys it. */
  async close(): Promise<void> {
    await this.flush();
  }

  private async putOnce(
    key: string,
    body: Uint8Array,
    contentType: string,
    encoding?: string,
  ): Promise<void> {
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.prefix + key,
          Body: body,
          ContentType: contentType,
          ...(encoding ? { ContentEncoding: encoding } : {}),
          IfNoneMatch: '*',
        }),
      );
    } catch (err) {
      if (!isAlreadyWritten(err)) throw err;
    }
  }

  private async track(work: () => Promise<void>): Promise<void> {
    const p = work();
    this.pending.add(p);
    try {
      await p;
    } finally {
      this.pending.delete(p);
    }
  }
}
