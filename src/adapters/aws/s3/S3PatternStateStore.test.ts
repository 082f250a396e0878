import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningS3rver, startS3rver } from '../../../../test/helpers/s3rver.js';
import type { PatternStateFormatError } from './errors.js';
import { S3PatternStateStore } from './S3PatternStateStore.js';

let s3: RunningS3rver;
let client: S3Client;
beforeAll(async () => {
  s3 = await startS3rver({ bucket: 'state-test' });
  client = new S3Client(s3.clientConfig);
});
afterAll(async () => {
  client.destroy();
  await s3.close();
});

describe('S3PatternStateStore', () => {
  it('round-trips a snapshot under state/patterns/<encoded group>.json', async () => {
    // Prepare
    const store = new S3PatternStateStore({ client, bucket: s3.bucket });
    const snapshot = { version: 1, clusters: [{ id: 'p1', template: 'user <*> logged in', count: 3 }] };
    // Act
    await store.savePatternState('/aws/lambda/test-app', snapshot);
    const loaded = await store.loadPatternState('/aws/lambda/test-app');
    // Assess
    expect(store.keyOf('/aws/lambda/test-app')).toBe('state/patterns/%2Faws%2Flambda%2Ftest-app.json');
    expect(loaded).toEqual(snapshot);
  });

  it('answers undefined for a group never saved', async () => {
    const store = new S3PatternStateStore({ client, bucket: s3.bucket });
    expect(await store.loadPatternState('never-seen')).toBeUndefined();
  });

  it('replaces a snapshot on save (last writer wins)', async () => {
    const store = new S3PatternStateStore({ client, bucket: s3.bucket });
    await store.savePatternState('g', { n: 1 });
    await store.savePatternState('g', { n: 2 });
    expect(await store.loadPatternState('g')).toEqual({ n: 2 });
  });

  it('starts fresh from a snapshot that is not JSON, and says so', async () => {
    // Prepare
    const corrupt: PatternStateFormatError[] = [];
    const store = new S3PatternStateStore({ client, bucket: s3.bucket, onCorrupt: (e) => corrupt.push(e) });
    await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: store.keyOf('bad'), Body: '{"cut' }));
    // Act
    const loaded = await store.loadPatternState('bad');
    // Assess
    expect(loaded).toBeUndefined();
    expect(corrupt.map((e) => e.key)).toEqual(['state/patterns/bad.json']);
  });
});
