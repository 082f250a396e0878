/**
 * The Lambda bundles as AWS runs them: `node scripts/build.mjs lambda`, then dist/lambda/processor.mjs
 * loaded in a child Node process (one cold start, then warm invocations, as a Lambda instance
 * lives) with its environment pointing at dynalite, s3rver and the fake SNS over the real wire
 * protocols. A redelivery runs in a second process: a new cold start sees only what the stores hold.
 * The tables and the table variables come from the synthesized LogsiftStack template, so the
 * functions run against the tables CloudFormation would create.
 */
import { spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { type AttributeValue, CreateTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDynamoStores } from '../../src/adapters/aws/dynamodb/index.js';
import { type TableNames, tableNamesFromEnv } from '../../src/adapters/aws/schema.js';
import { SEED_TEST_MESSAGES } from '../../src/apps/cli/sendTestLogs.js';
import { severityCounts } from '../../src/core/metrics/window.js';
import {
  cloudWatchEvent,
  cloudWatchPayload,
  controlMessagePayload,
  gzipBase64,
  kinesisEvent,
} from '../fixtures/cloudwatch.js';
import { type RunningDynalite, startDynalite } from '../helpers/dynalite.js';
import { type FakeSns, startFakeSns } from '../helpers/fakeSns.js';
import { type Invocation, invoke } from '../helpers/lambdaRunner.js';
import { type RunningS3rver, startS3rver } from '../helpers/s3rver.js';
import { tablesFromTemplate } from '../helpers/templateTables.js';

const root = new URL('../..', import.meta.url).pathname;
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:logsift-alerts';

let s3: RunningS3rver;
let sns: FakeSns;
let ddb: RunningDynalite;
let tables: TableNames;
/** LOGS_TABLE, METRICS_TABLE, ... as the stack sets them for the processor. */
let tableEnv: Record<string, string>;
let client: S3Client;

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', 'lambda'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  s3 = await startS3rver({ bucket: 'logsift-archive' });
  sns = await startFakeSns();
  ddb = await startDynalite();
  const fromTemplate = tablesFromTemplate({ prefix: `lambda-${process.pid}-` });
  for (const input of fromTemplate.creates) await ddb.client.send(new CreateTableCommand(input));
  tableEnv = fromTemplate.env;
  tables = tableNamesFromEnv(tableEnv);
  client = new S3Client(s3.clientConfig);
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await ddb?.stop();
  await sns?.close();
  await s3?.close();
});

const emulatorEnv = () => ({
  ...s3.env,
  AWS_ENDPOINT_URL_SNS: sns.endpoint,
  SNS_TOPIC_ARN: TOPIC,
  AWS_ENDPOINT_URL_DYNAMODB: ddb.endpoint,
  ...tableEnv,
});

/** The function's tables, read back through the same stores. */
const stores = () => openDynamoStores({ client: ddb.client, tables });

async function keys(prefix: string): Promise<string[]> {
  const out = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}

async function gunzipObject(key: string): Promise<string> {
  const out = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  return gunzipSync(await out.Body!.transformToByteArray()).toString('utf8');
}

/** How many items each table holds, by table id. */
async function itemCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [id, TableName] of Object.entries(tables)) {
    let count = 0;
    let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
    do {
      const out = await ddb.client.send(new ScanCommand({ TableName, Select: 'COUNT', ExclusiveStartKey }));
      count += out.Count ?? 0;
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    counts[id] = count;
  }
  return counts;
}

describe('processor.mjs in a child process against s3rver and a fake SNS', () => {
  const seed = cloudWatchEvent({ events: [...SEED_TEST_MESSAGES] });
  const huge = `INFO payload ${'x'.repeat(1024 * 1024)} end`;
  const big = cloudWatchEvent({
    logStream: 'big',
    events: [{ message: huge, timestamp: Date.UTC(2026, 10, 26, 13) }],
  });
  const control = { awslogs: { data: gzipBase64(controlMessagePayload()) } };
  const undecodable = { awslogs: { data: 'H4sIAAAAAAAAA-not-really-gzip' } };
  let run: { initMs: number; results: Invocation[] };

  beforeAll(async () => {
    const first = await invoke('processor.mjs', [seed], emulatorEnv());
    // Lambda's retry of the same event lands on a fresh instance.
    const again = await invoke('processor.mjs', [seed, control, undecodable, big], emulatorEnv());
    run = { initMs: first.initMs, results: [...first.results, ...again.results] };
  }, 60_000);

  it('processes the seed batch: 5 events, archived, one CRITICAL alert on SNS', async () => {
    const [first] = run.results;
    expect(first).toMatchObject({
      ok: true,
      value: { status: 'processed', processed: 5, duplicates: 0, alerts: 1 },
    });
    const archived = await gunzipObject(String(first!.value!.archiveKey));
    expect(
      archived
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).message),
    ).toEqual([...SEED_TEST_MESSAGES]);
    const critical = sns.published.filter((m) => m.attributes.rule?.value === 'critical');
    expect(critical).toHaveLength(1);
    expect(critical[0]!.subject).toBe('[logsift] CRITICAL /aws/lambda/test-app: 1 event CRITICAL');
    expect(critical[0]!.message).toContain('Critical system failure - disk space full on /var/log');
    expect(critical[0]!.attributes.severity?.value).toBe('CRITICAL');
  });

  it('applies the same batch again, after a cold start, as duplicates: no new items, no double counts, no second publish', async () => {
    expect(run.results[1]).toMatchObject({
      ok: true,
      value: { status: 'processed', processed: 5, duplicates: 5, alerts: 0 },
    });
    expect(sns.published.filter((m) => m.attributes.rule?.value === 'critical')).toHaveLength(1);
    const { events, metrics, alerts } = stores();
    const seedEvents = (
      await events.queryEvents({ group: '/aws/lambda/test-app', to: Date.UTC(2026, 10, 26, 12, 30) })
    ).events;
    expect(seedEvents.map((e) => e.message).sort()).toEqual([...SEED_TEST_MESSAGES].sort());
    expect(Object.fromEntries(seedEvents.map((e) => [e.message.slice(0, 12), e.severity]))).toEqual({
      'User login s': 'INFO',
      'Database con': 'ERROR',
      'API request ': 'ERROR',
      'Critical sys': 'CRITICAL',
      'High memory ': 'WARNING',
    });
    const windows = await metrics.queryWindows({
      group: '/aws/lambda/test-app',
      to: Date.UTC(2026, 10, 26, 12, 30),
    });
    expect(windows.map(severityCounts)).toEqual([
      { total: 5, CRITICAL: 1, ERROR: 2, WARNING: 1, INFO: 1, DEBUG: 0 },
    ]);
    const [alert] = await alerts.queryAlerts({ rule: 'critical' });
    expect(alert).toMatchObject({
      state: 'delivered',
      deliveries: [expect.objectContaining({ channel: 'sns', ok: true })],
    });
  });

  it('acknowledges a CONTROL_MESSAGE as a heartbeat and stores nothing', async () => {
    expect(run.results[2]).toEqual({
      ok: true,
      ms: expect.any(Number),
      value: {
        status: 'control',
        batchId: expect.any(String),
        group: '',
        processed: 0,
        duplicates: 0,
        alerts: 0,
        deliveryFailures: 0,
      },
    });
    const heartbeats = await stores().heartbeats.listHeartbeats();
    expect(heartbeats).toEqual([expect.objectContaining({ group: '-', stream: '-', count: 1 })]);
  });

  it('keeps an undecodable payload under failed/ and succeeds', async () => {
    const result = run.results[3]!;
    expect(result).toMatchObject({ ok: true, value: { status: 'failed' } });
    const key = String(result.value!.archiveKey);
    expect(await keys('failed/')).toEqual([key.replace(/\.json\.gz$/, '.error.json'), key]);
    expect(JSON.parse(await gunzipObject(key))).toEqual(undecodable);
  });

  it('stores a 1 MB message truncated and flagged, and archives it whole', async () => {
    const result = run.results[4]!;
    expect(result).toMatchObject({ ok: true, value: { status: 'processed', processed: 1 } });
    const line = JSON.parse(await gunzipObject(String(result.value!.archiveKey)));
    expect(line.message).toBe(huge);
    const [stored] = (
      await stores().events.queryEvents({ group: '/aws/lambda/test-app', from: Date.UTC(2026, 10, 26, 13) })
    ).events;
    expect(stored).toMatchObject({ truncated: true });
    expect(Buffer.byteLength(stored!.message)).toBeLessThan(400 * 1024);
    expect(stored!.message.startsWith('INFO payload xxx')).toBe(true);
  });

  it('leaves the raw archive with one object per batch and the pattern state in S3', async () => {
    expect(await keys('raw/')).toHaveLength(2);
    expect(await keys('state/patterns/')).toEqual(['state/patterns/%2Faws%2Flambda%2Ftest-app.json']);
  });
});

describe('processor.mjs on a Kinesis event', () => {
  const group = '/aws/lambda/stream-app';
  const at = Date.UTC(2026, 10, 26, 14);
  const goodA = cloudWatchPayload({
    logGroup: group,
    logStream: 'a',
    events: [
      { message: 'INFO order 1 placed', timestamp: at },
      { message: 'ERROR order 2 failed: timeout', timestamp: at + 1000 },
    ],
  });
  const goodB = cloudWatchPayload({
    logGroup: group,
    logStream: 'b',
    events: [{ message: 'WARN slow response 950 ms', timestamp: at + 2000 }],
  });
  const bad = 'H4sIAAAAAAAAA-not-really-gzip';
  const event = kinesisEvent([goodA, bad, goodB]);
  let failedBefore: string[];
  let first: Invocation;
  let failedAfterFirst: string[];
  let countsAfterFirst: Record<string, number>;
  let publishedAfterFirst: number;
  let redelivery: Invocation;

  const storedMessages = async () =>
    (await stores().events.queryEvents({ group, from: at })).events.map((e) => e.message).sort();

  beforeAll(async () => {
    failedBefore = await keys('failed/');
    [first] = (await invoke('processor.mjs', [event], emulatorEnv())).results as [Invocation];
    failedAfterFirst = await keys('failed/');
    countsAfterFirst = await itemCounts();
    publishedAfterFirst = sns.published.length;
    // Kinesis retries the whole batch on a fresh instance.
    [redelivery] = (await invoke('processor.mjs', [event], emulatorEnv())).results as [Invocation];
  }, 60_000);

  it('stores the good records, keeps the undecodable one under failed/ and reports no failures', async () => {
    expect(first).toEqual({ ok: true, ms: expect.any(Number), value: { batchItemFailures: [] } });
    expect(await storedMessages()).toEqual(
      ['ERROR order 2 failed: timeout', 'INFO order 1 placed', 'WARN slow response 950 ms'].sort(),
    );
    const added = failedAfterFirst.filter((k) => !failedBefore.includes(k));
    const archived = added.find((k) => k.endsWith('.json.gz'))!;
    expect(added).toEqual([archived.replace(/\.json\.gz$/, '.error.json'), archived]);
    expect(await gunzipObject(archived)).toBe(bad);
  });

  it('applies the same Kinesis event again without adding an item or publishing again', async () => {
    expect(redelivery).toEqual({ ok: true, ms: expect.any(Number), value: { batchItemFailures: [] } });
    expect(await itemCounts()).toEqual(countsAfterFirst);
    expect(await storedMessages()).toHaveLength(3);
    expect(sns.published.length).toBe(publishedAfterFirst);
  });
});

describe('processor.mjs when a dependency is down', () => {
  it('fails the invocation when S3 refuses connections, so Lambda retries', async () => {
    const run = await invoke('processor.mjs', [cloudWatchEvent({ events: ['ERROR boom'] })], {
      ...emulatorEnv(),
      // A port nothing listens on: connection refused, a transient failure.
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9',
    });
    expect(run.results[0]).toMatchObject({
      ok: false,
      error: expect.stringMatching(/ECONNREFUSED|connect/i),
    });
  }, 60_000);

  it('succeeds when SNS fails: the delivery is recorded as failed and retried on redelivery', async () => {
    sns.failNext(100);
    const before = sns.published.length;
    const event = cloudWatchEvent({ logGroup: '/aws/lambda/other', events: ['Critical: disk full'] });
    try {
      const run = await invoke('processor.mjs', [event], emulatorEnv());
      expect(run.results[0]).toMatchObject({ ok: true, value: { status: 'processed', deliveryFailures: 1 } });
    } finally {
      sns.failNext(0);
    }
    expect(sns.published.length).toBe(before);
  }, 60_000);
});

describe('api.mjs and schedule.mjs in a child process', () => {
  const urlEvent = (path: string, headers: Record<string, string> = {}) => ({
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'abc.lambda-url.us-east-1.on.aws', ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc',
      domainName: 'abc.lambda-url.us-east-1.on.aws',
      domainPrefix: 'abc',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'r1',
      routeKey: '$default',
      stage: '$default',
      time: '26/Nov/2026:12:00:00 +0000',
      timeEpoch: Date.UTC(2026, 10, 26, 12),
    },
    isBase64Encoded: false,
  });

  it('serves the query API from DynamoDB behind a Function URL, with the bearer token', async () => {
    const token = 'e2e-token-0123456789';
    const run = await invoke(
      'api.mjs',
      [
        urlEvent('/api/events'),
        urlEvent('/api/events', { authorization: `Bearer ${token}` }),
        urlEvent('/healthz'),
      ],
      { ...emulatorEnv(), LOGSIFT_API_TOKEN: token },
    );
    const [denied, events, health] = run.results.map((r) => r.value as { statusCode: number; body: string });
    expect(denied!.statusCode).toBe(401);
    expect(events!.statusCode).toBe(200);
    const messages = (JSON.parse(events!.body) as { events: { message: string }[] }).events.map(
      (e) => e.message,
    );
    expect(messages).toEqual(expect.arrayContaining([...SEED_TEST_MESSAGES]));
    expect(health!.statusCode).toBe(200);
  }, 60_000);

  it('runs the schedule without firing anything when no flatline rule is configured', async () => {
    const run = await invoke(
      'schedule.mjs',
      [{ time: '2026-11-26T12:05:00Z', 'detail-type': 'Scheduled Event' }],
      emulatorEnv(),
    );
    expect(run.results[0]).toEqual({
      ok: true,
      ms: expect.any(Number),
      value: { at: Date.UTC(2026, 10, 26, 12, 5), alerts: 0, deliveryFailures: 0 },
    });
  }, 60_000);
});
