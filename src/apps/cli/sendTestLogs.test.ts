import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SEED_MESSAGES } from '../../../test/fixtures/cloudwatch.js';
import {
  type FakeCloudWatchLogs,
  startFakeCloudWatchLogs,
} from '../../../test/helpers/fakeCloudWatchLogs.js';
import { main } from './main.js';
import { SEED_TEST_MESSAGES, sendTestLogs } from './sendTestLogs.js';

let logs: FakeCloudWatchLogs;
let client: CloudWatchLogsClient;
beforeAll(async () => {
  logs = await startFakeCloudWatchLogs();
  client = new CloudWatchLogsClient({
    endpoint: logs.endpoint,
    region: 'ap-south-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
beforeEach(() => {
  logs.groups.clear();
  logs.calls.length = 0;
});
afterAll(async () => {
  client.destroy();
  await logs.close();
});

describe('send-test-logs', () => {
  it("creates the group and stream, then sends the seed's five messages in order", async () => {
    // Act
    const result = await sendTestLogs({ client, now: () => 1_764_158_400_000 });
    // Assess
    expect(logs.calls).toEqual(['CreateLogGroup', 'CreateLogStream', 'PutLogEvents']);
    const events = logs.groups.get('/aws/lambda/test-app')?.get('test-stream-1') ?? [];
    // The fixture the other tests use as the seed's messages: the two lists cannot drift apart.
    expect(events.map((e) => e.message)).toEqual(SEED_MESSAGES);
    expect(events.every((e) => e.timestamp === 1_764_158_400_000)).toBe(true);
    expect(result).toEqual({ group: '/aws/lambda/test-app', stream: 'test-stream-1', events: 5, calls: 1 });
  });

  it('reuses an existing group and stream (ResourceAlreadyExists is fine)', async () => {
    await sendTestLogs({ client });
    await sendTestLogs({ client });
    expect(logs.groups.get('/aws/lambda/test-app')?.get('test-stream-1')).toHaveLength(10);
  });

  it('repeats with --count and paces with --rate', async () => {
    // Prepare
    let clock = 1_000_000;
    const waits: number[] = [];
    // Act
    const result = await sendTestLogs({
      client,
      group: '/aws/lambda/other',
      stream: 's',
      count: 3,
      rate: 4,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    // Assess
    const events = logs.groups.get('/aws/lambda/other')?.get('s') ?? [];
    expect(events.map((e) => e.message)).toEqual([
      ...SEED_TEST_MESSAGES,
      ...SEED_TEST_MESSAGES,
      ...SEED_TEST_MESSAGES,
    ]);
    expect(result.calls).toBe(4);
    expect(waits).toEqual([1000, 1000, 1000]);
    expect(events.map((e) => e.timestamp)).toEqual(
      [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3].map((s) => 1_000_000 + s * 1000),
    );
  });

  it('runs from the CLI with the endpoint and credentials from the environment', async () => {
    // Prepare
    vi.stubEnv('AWS_ENDPOINT_URL_CLOUDWATCH_LOGS', logs.endpoint);
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      // Act
      const code = await main([
        'send-test-logs',
        '--log-stream',
        'cli',
        '--region',
        'ap-south-1',
        '--count',
        '2',
      ]);
      // Assess
      expect(code).toBe(0);
      expect(logs.groups.get('/aws/lambda/test-app')?.get('cli')).toHaveLength(10);
      expect(out).toHaveBeenCalledWith('send-test-logs: 10 events to /aws/lambda/test-app / cli in 1 call');
    } finally {
      out.mockRestore();
      vi.unstubAllEnvs();
    }
  });

  it('rejects a bad --count as a usage error', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await main(['send-test-logs', '--count', 'many'])).toBe(2);
    } finally {
      err.mockRestore();
    }
  });
});
