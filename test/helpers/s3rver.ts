/**
 * A real S3 peer for tests: s3rver in-process on 127.0.0.1, a random port, a temporary folder,
 * with the bucket created. Clients need the settings s3rver requires (see `clientConfig`).
 *
 * @example
 * const s3 = await startS3rver({ bucket: 'logsift-archive' });
 * const client = new S3Client(s3.clientConfig);
 * await s3.close();
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
// s3rver ships no types; its constructor and run/close are all the tests use.
// @ts-expect-error no declaration file
import S3rver from 's3rver';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}

export interface RunningS3rver {
  endpoint: string;
  bucket: string;
  /** Everything an S3Client needs to talk to this peer. */
  clientConfig: S3ClientConfig & { endpoint: string };
  /** Environment for a child process (the Lambda bundle) to reach this peer. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startS3rver({
  bucket = 'logsift-test',
}: {
  bucket?: string;
} = {}): Promise<RunningS3rver> {
  const directory = mkdtempSync(join(tmpdir(), 'logsift-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  }) as S3rverInstance;
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    bucket,
    clientConfig: {
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    },
    env: { AWS_ENDPOINT_URL_S3: endpoint, S3_FORCE_PATH_STYLE: 'true', S3_BUCKET: bucket },
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
