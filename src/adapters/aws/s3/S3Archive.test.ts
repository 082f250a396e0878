import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_BATCH_T0, archiveBatch } from '../../../../test/fixtures/batches.js';
import { type RunningS3rver, startS3rver } from '../../../../test/helpers/s3rver.js';
import { archiveKey, batchToNdjson, failedKey } from '../../../core/archiveKeys.js';
import { S3Archive } from './S3Archive.js';

const T0 = ARCHIVE_BATCH_T0;
const batch = archiveBatch;

let s3: RunningS3rver;
let client: S3Client;
beforeAll(async () => {
  s3 = await startS3rver({ bucket: 'archive-test' });
  client = new S3Client(s3.clientConfig);
});
afterAll(async () => {
  client.destroy();
  await s3.close();
});

async function get(key: string) {
  const out = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  return { ...out, bytes: Buffer.from(await out.Body!.transformToByteArray()) };
}

async function keysUnder(prefix: string): Promise<string[]> {
  const out = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}

describe('S3Archive', () => {
  it('writes a batch as gzip NDJSON under the folder archive layout, round-tripping', async () => {
    // Prepare
    const archive = new S3Archive({ client, bucket: s3.bucket });
    const key = archiveKey(batch, 0);
    const ndjson = batchToNdjson(batch);
    // Act
    await archive.putBatch(key, ndjson);
    // Assess
    expect(key).toBe('raw/logGroup=%2Faws%2Flambda%2Ftest-app/dt=2026-11-26/hour=12/c0ffee.ndjson.gz');
    const object = await get(key);
    expect(object.ContentEncoding).toBe('gzip');
    expect(object.ContentType).toBe('application/x-ndjson');
    expect(gunzipSync(object.bytes).toString('utf8')).toBe(ndjson);
    expect(await keysUnder('raw/')).toEqual([key]);
  });

  it('puts the same key twice as one object with the same content', async () => {
    const archive = new S3Archive({ client, bucket: s3.bucket, prefix: 'twice/' });
    const key = archiveKey(batch, 0);
    const ndjson = batchToNdjson(batch);
    await Promise.all([archive.putBatch(key, ndjson), archive.putBatch(key, ndjson)]);
    await archive.putBatch(key, ndjson);
    await archive.flush();
    expect(await keysUnder('twice/')).toEqual([`twice/${key}`]);
    expect(gunzipSync((await get(`twice/${key}`)).bytes).toString('utf8')).toBe(ndjson);
  });

  it('keeps a failed payload gzipped with its error beside it', async () => {
    // Prepare
    const archive = new S3Archive({ client, bucket: s3.bucket, clock: { now: () => T0 } });
    const key = failedKey('bad-1', T0);
    const payload = Buffer.from('{"awslogs":{"data":"not base64 gzip é"}}');
    // Act
    await archive.putFailed(key, payload, 'gzip: awslogs.data is not gzip');
    // Assess
    expect(await keysUnder('failed/')).toEqual([
      'failed/dt=2026-11-26/hour=12/bad-1.error.json',
      'failed/dt=2026-11-26/hour=12/bad-1.json.gz',
    ]);
    expect(gunzipSync((await get(key)).bytes)).toEqual(payload);
    const report = await get('failed/dt=2026-11-26/hour=12/bad-1.error.json');
    expect(JSON.parse(report.bytes.toString('utf8'))).toEqual({
      error: 'gzip: awslogs.data is not gzip',
      at: T0,
      bytes: payload.byteLength,
    });
  });

  it('sends If-None-Match and treats a lost conditional write as done', async () => {
    // Prepare: a client whose S3 says the key exists (412), as real S3 does on the second put.
    const seen: unknown[] = [];
    const conflicted = {
      send: async (command: { input: unknown }) => {
        seen.push(command.input);
        throw Object.assign(new Error('At least one of the pre-conditions you specified did not hold'), {
          name: 'PreconditionFailed',
          $metadata: { httpStatusCode: 412 },
        });
      },
    } as unknown as S3Client;
    const archive = new S3Archive({ client: conflicted, bucket: 'b' });
    // Act
    await archive.putBatch('raw/x.ndjson.gz', '{}\n');
    // Assess
    expect(seen).toEqual([expect.objectContaining({ Key: 'raw/x.ndjson.gz', IfNoneMatch: '*' })]);
  });

  it('rejects on other errors, so the invocation fails and is retried', async () => {
    const throttled = {
      send: async () => {
        throw Object.assign(new Error('Please reduce your request rate.'), {
          name: 'SlowDown',
          $metadata: { httpStatusCode: 503 },
        });
      },
    } as unknown as S3Client;
    const archive = new S3Archive({ client: throttled, bucket: 'b' });
    await expect(archive.putBatch('raw/x.ndjson.gz', '{}\n')).rejects.toThrow('reduce your request rate');
    await expect(archive.putFailed('failed/x.json.gz', 'x', 'boom')).rejects.toThrow('reduce');
  });
});
