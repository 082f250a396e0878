import type { Archive } from '../ports.js';

/** Archived batches in a Map: what a folder or S3 archive would hold, for the CLI and tests. */
export class MemoryArchive implements Archive {
  readonly batches = new Map<string, string>();
  readonly failed = new Map<string, { payload: string | Uint8Array; error: string }>();

  async putBatch(key: string, ndjson: string): Promise<void> {
    this.batches.set(key, ndjson);
  }

  async putFailed(key: string, payload: string | Uint8Array, error: string): Promise<void> {
    this.failed.set(key, { payload, error });
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}
