import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARCHIVE_BATCH_T0, archiveBatch } from '../../../../test/fixtures/batches.js';
import { archiveKey, batchToNdjson, failedKey } from '../../../core/archiveKeys.js';
import { ArchiveKeyError } from './errors.js';
import { FolderArchive } from './FolderArchive.js';

const T0 = ARCHIVE_BATCH_T0;
const batch = archiveBatch;

let root: string;
let archive: FolderArchive;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'logsift-archive-'));
  archive = new FolderArchive(join(root, 'archive'), { clock: { now: () => T0 } });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const read = (key: string) => readFileSync(join(root, 'archive', key));

describe('FolderArchive', () => {
  it('writes a batch gzipped under the Athena layout, content round-tripping', async () => {
    // Prepare
    const key = archiveKey(batch, 0);
    const ndjson = batchToNdjson(batch);
    // Act
    await archive.putBatch(key, ndjson);
    // Assess
    expect(key).toBe('raw/logGroup=%2Faws%2Flambda%2Ftest-app/dt=2026-11-26/hour=12/c0ffee.ndjson.gz');
    expect(gunzipSync(read(key)).toString('utf8')).toBe(ndjson);
    expect(
      readdirSync(join(root, 'archive/raw/logGroup=%2Faws%2Flambda%2Ftest-app/dt=2026-11-26/hour=12')),
    ).toEqual(['c0ffee.ndjson.gz']);
  });

  it('is idempotent by key: a second put leaves one file with the first content', async () => {
    const key = archiveKey(batch, 0);
    await Promise.all([archive.putBatch(key, 'first\n'), archive.putBatch(key, 'first\n')]);
    await archive.putBatch(key, 'second\n');
    expect(gunzipSync(read(key)).toString('utf8')).toBe('first\n');
    expect(readdirSync(join(root, 'archive', key, '..'))).toEqual(['c0ffee.ndjson.gz']);
  });

  it('keeps a failed payload gzipped with its error beside it', async () => {
    // Prepare
    const key = failedKey('bad-1', T0);
    const payload = Buffer.from('{"awslogs":{"data":"not base64 gzip é"}}');
    // Act
    await archive.putFailed(key, payload, 'decode: data is not gzip');
    // Assess
    expect(key).toBe('failed/dt=2026-11-26/hour=12/bad-1.json.gz');
    expect(gunzipSync(read(key))).toEqual(payload);
    expect(JSON.parse(read('failed/dt=2026-11-26/hour=12/bad-1.error.json').toString())).toEqual({
      error: 'decode: data is not gzip',
      at: T0,
      bytes: payload.byteLength,
    });
  });

  it('counts the bytes of a string payload in UTF-8', async () => {
    await archive.putFailed('failed/x.json.gz', 'é', 'boom');
    expect(JSON.parse(read('failed/x.error.json').toString()).bytes).toBe(2);
    expect(gunzipSync(read('failed/x.json.gz')).toString()).toBe('é');
  });

  it.each([
    ['../outside.gz'],
    ['raw/../../outside.gz'],
    ['/etc/passwd'],
    ['C:\\windows\\x.gz'],
    ['raw//double.gz'],
    ['raw/./x.gz'],
    ['raw\\..\\..\\x.gz'],
    [''],
    ['raw/nul\u0000.gz'],
  ])('rejects the key %j', async (key) => {
    await expect(archive.putBatch(key, 'x')).rejects.toThrow(ArchiveKeyError);
    await expect(archive.putFailed(key, 'x', 'e')).rejects.toThrow(ArchiveKeyError);
  });

  it('leaves no temporary files behind and flushes', async () => {
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        archive.putBatch(`raw/g/dt=2026-11-26/hour=12/b${i}.ndjson.gz`, `${i}\n`),
      ),
    );
    await archive.flush();
    await archive.close();
    expect(readdirSync(join(root, 'archive/raw/g/dt=2026-11-26/hour=12')).sort()).toEqual(
      [0, 1, 2, 3, 4].map((i) => `b${i}.ndjson.gz`),
    );
  });
});
