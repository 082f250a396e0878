import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { PatternStateStore } from '../../../core/ports.js';
import { PatternStateFormatError } from './errors.js';
import { isNotFound } from './s3Errors.js';

export interface S3PatternStateStoreOptions {
  client: S3Client;
  bucket: string;
  /** Prepended to every key. The default value is ''. */
  prefix?: string;
  /**
   * Told about a snapshot that is not JSON; the group then starts with a fresh miner (and the next
   * save replaces the object) instead of failing every batch of the group. The default value ignores it.
   */
  onCorrupt?: (error: PatternStateFormatError) => void;
}

/**
 * Pattern miner snapshots in S3, one JSON object per log group at
 * `state/patterns/<URI-encoded group>.json`, so patterns survive cold starts. The last writer wins:
 * every warm Lambda instance holds a miner that saw a share of the traffic, and any recent snapshot
 * is a good start for the next cold one.
 *
 * @example
 * const store = new S3PatternStateStore({ client, bucket: 'my-logsift-archive' });
 * await store.savePatternState('/aws/lambda/test-app', miner.snapshot());
 * // => s3://my-logsift-archive/state/patterns/%2Faws%2Flambda%2Ftest-app.json
 */
export class S3PatternStateStore implements PatternStateStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly onCorrupt: (error: PatternStateFormatError) => void;

  constructor(options: S3PatternStateStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
    this.onCorrupt = options.onCorrupt ?? (() => {});
  }

  /** The object key of a group's snapshot. */
  keyOf(group: string): string {
    return `${this.prefix}state/patterns/${encodeURIComponent(group)}.json`;
  }

  async loadPatternState(group: string): Promise<unknown | undefined> {
    const key = this.keyOf(group);
    let text: string;
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      text = (await out.Body?.transformToString('utf8')) ?? '';
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      this.onCorrupt(new PatternStateFormatError(key, { cause: err }));
      return undefined;
    }
  }

  async savePatternState(group: string, state: unknown): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.keyOf(group),
        Body: JSON.stringify(state),
        ContentType: 'application/json',
      }),
    );
  }

  /** Writes are awaited by the caller: nothing is pending. */
  async flush(): Promise<void> {}

  async close(): Promise<void> {}
}
