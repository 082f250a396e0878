import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { type Archive, type Clock, systemClock } from '../../../core/ports.js';
import { gzipArchive } from '../../archiveGzip.js';
import { ArchiveKeyError } from './errors.js';

export interface FolderArchiveOptions {
  /** Time written into `.error.json` files. The default value is the system clock. */
  clock?: Clock;
  /** fsync each file before renaming it into place, so a power cut never leaves a torn file. The default value is true. */
  fsync?: boolean;
}

/**
 * The S3 archive's layout in a local folder: `<root>/<key>`, gzip NDJSON, partitioned as
 * archiveKey() says. Writes are atomic (a dot-named temporary file in the same folder, renamed
 * into place; Athena and readers skip dot files) and idempotent by key: a key that exists is not
 * written again, so a redelivered batch leaves one file with the same content.
 *
 * @example
 * const archive = new FolderArchive('data/archive');
 * await archive.putBatch(archiveKey(batch, Date.now()), batchToNdjson(batch));
 * // => data/archive/raw/logGroup=%2Faws%2Flambda%2Ftest-app/dt=2026-11-26/hour=12/<id>.ndjson.gz
 */
export class FolderArchive implements Archive {
  readonly root: string;
  private readonly clock: Clock;
  private readonly fsync: boolean;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(rootDir: string, options: FolderArchiveOptions = {}) {
    this.root = resolve(rootDir);
    this.clock = options.clock ?? systemClock;
    this.fsync = options.fsync ?? true;
  }

  async putBatch(key: string, ndjson: string): Promise<void> {
    const path = this.pathOf(key);
    await this.track(async () => {
      if (await exists(path)) return;
      await this.writeAtomic(path, await gzipArchive(ndjson));
    });
  }

  /**
   * Writes the payload gzipped at `key` and `{ error, at, bytes }` beside it as
   * `<key without .json.gz>.error.json` (bytes: the payload's size before compression).
   */
  async putFailed(key: string, payload: string | Uint8Array, error: string): Promise<void> {
    const path = this.pathOf(key);
    const errorPath = `${path.replace(/(\.json)?\.gz$/, '')}.error.json`;
    const bytes = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
    await this.track(async () => {
      if (await exists(path)) return;
      // The error file first: a payload file present means both are complete.
      const report = `${JSON.stringify({ error, at: this.clock.now(), bytes })}\n`;
      await this.writeAtomic(errorPath, Buffer.from(report));
      await this.writeAtomic(path, await gzipArchive(payload));
    });
  }

  /** Waits for writes still in progress. */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    await this.flush();
  }

  /** The file path of a key; throws ArchiveKeyError for keys that are not a relative path inside the root. */
  pathOf(key: string): string {
    if (key === '') throw new ArchiveKeyError(key, 'empty');
    if (key.includes('\0')) throw new ArchiveKeyError(key, 'contains a NUL character');
    if (isAbsolute(key) || /^[a-zA-Z]:/.test(key) || key.startsWith('\\'))
      throw new ArchiveKeyError(key, 'absolute paths are not allowed; keys are relative to the archive root');
    const segments = key.split(/[\\/]/);
    if (segments.some((s) => s === '..' || s === '.' || s === ''))
      throw new ArchiveKeyError(key, 'segments ".", ".." and empty segments are not allowed');
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new ArchiveKeyError(key, 'escapes the archive root');
    return path;
  }

  private async writeAtomic(path: string, data: Uint8Array): Promise<void> {
    const dir = dirname(path);
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const file = await open(temp, 'wx');
      try {
        await file.writeFile(data);
        if (this.fsync) await file.datasync();
      } finally {
        await file.close();
      }
      await rename(temp, path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
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

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
