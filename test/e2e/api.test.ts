/**
 * The HTTP API end to end over real HTTP: @hono/node-server on 127.0.0.1, an ephemeral port,
 * in-memory ports. Payloads go in as clients send them and come out through the query routes.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApi, TailHub } from '../../src/api/index.js';
import type { StoredAlert } from '../../src/core/alerts/types.js';
import { parseConfig } from '../../src/core/config.js';
import { type MemoryPorts, memoryPorts } from '../../src/core/memory/index.js';
import { Pipeline } from '../../src/core/pipeline.js';
import type { AnalyzedEvent } from '../../src/core/types.js';
import {
  cloudWatchEvent,
  cloudWatchPayload,
  controlMessagePayload,
  DEFAULT_LOG_GROUP,
  DEFAULT_START_MS,
  gzipBase64,
  kinesisEvent,
  SEED_MESSAGES,
} from '../fixtures/cloudwatch.js';

const MAX_BODY_BYTES = 64 * 1024;
const clock = { now: () => DEFAULT_START_MS + 60_000 };

let server: ReturnType<typeof serve>;
let base: string;
let ports: MemoryPorts;
let tail: TailHub;
let logged: unknown[];
/** Swapped per test by the 500 test; the default delegates to the memory store. */
let failQueries = false;

beforeAll(async () => {
  server = serve({
    hostname: '127.0.0.1',
    port: 0,
    // A fresh app per test (state below), behind one server: the fetch callback reads the current one.
    fetch: (request) => app.fetch(request),
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  tail?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let app: ReturnType<typeof createApi>;
beforeEach(() => {
  ports = memoryPorts(clock);
  const queryEvents = ports.events.queryEvents.bind(ports.events);
  ports.events.queryEvents = async (q) => {
    if (failQueries) throw new Error('disk on fire at /var/lib/secret.db');
    return queryEvents(q);
  };
  tail = new TailHub();
  logged = [];
  const pipeline = new Pipeline(parseConfig({}), ports);
  app = createApi({
    pipeline,
    ports,
    tail,
    version: '9.9.9-test',
    maxBodyBytes: MAX_BODY_BYTES,
    logger: { error: (message, detail) => logged.push({ message, detail }) },
  });
});

afterEach(() => {
  failQueries = false;
  tail.close();
});

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, { method: 'POST', body, headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function get<T = Record<string, unknown>>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

const postEvent = (event: unknown) =>
  post('/ingest/cloudwatch', JSON.stringify(event), { 'content-type': 'application/json' });

async function storedCounts() {
  return { events: ports.events.size, windows: (await ports.metrics.queryWindows({})).length };
}

describe('POST /ingest/cloudwatch', () => {
  it("stores the seed's five messages, counts them, fires one critical alert and mines patterns", async () => {
    // Act
    const ingest = await postEvent(cloudWatchEvent({ events: SEED_MESSAGES }));
    const events = await get<{ events: AnalyzedEvent[]; nextCursor: string | null }>(
      `/api/events?group=${encodeURIComponent(DEFAULT_LOG_GROUP)}`,
    );
    const metrics = await get<{ windows: { counts: Record<string, number> }[] }>('/api/metrics');
    const alerts = await get<{ alerts: StoredAlert[] }>('/api/alerts');
    const patterns = await get<{ patterns: { template: string; count: number; group: string }[] }>(
      '/api/patterns',
    );
    const groups = await get<{ groups: { group: string; counts: { total: number }; lastEventAt: number }[] }>(
      '/api/groups',
    );
    // Assess
    expect(ingest).toEqual({
      status: 200,
      body: { processed: 5, duplicates: 0, batchId: expect.any(String), alerts: 1 },
    });
    expect(events.body.events.map((e) => e.severity).sort()).toEqual(
      ['CRITICAL', 'ERROR', 'ERROR', 'INFO', 'WARNING'].sort(),
    );
    expect(events.body.nextCursor).toBeNull();
    expect(metrics.body.windows.map((w) => w.counts)).toEqual([
      { total: 5, CRITICAL: 1, ERROR: 2, WARNING: 1, INFO: 1, DEBUG: 0 },
    ]);
    expect(alerts.body.alerts).toHaveLength(1);
    expect(alerts.body.alerts[0]).toMatchObject({
      rule: 'critical',
      group: DEFAULT_LOG_GROUP,
      severity: 'CRITICAL',
      state: 'delivered',
      window: { start: expect.any(Number), end: expect.any(Number) },
      counts: { CRITICAL: 1 },
    });
    expect(alerts.body.alerts[0]!.summary).toContain('CRITICAL');
    expect(patterns.body.patterns.map((p) => p.count).reduce((a, b) => a + b, 0)).toBe(5);
    expect(patterns.body.patterns.every((p) => p.group === DEFAULT_LOG_GROUP)).toBe(true);
    expect(groups.body.groups).toEqual([
      expect.objectContaining({ group: DEFAULT_LOG_GROUP, counts: expect.objectContaining({ total: 5 }) }),
    ]);
    expect(groups.body.groups[0]!.lastEventAt).toBe(Math.max(...events.body.events.map((e) => e.timestamp)));
  });

  it('counts a redelivered batch as duplicates and changes no count', async () => {
    // Prepare
    const event = cloudWatchEvent({ events: SEED_MESSAGES });
    await postEvent(event);
    // Act
    const again = await postEvent(event);
    // Assess
    expect(again.body).toMatchObject({ processed: 5, duplicates: 5, alerts: 0 });
    const metrics = await get<{ windows: { counts: Record<string, number> }[] }>('/api/metrics');
    expect(metrics.body.windows.map((w) => w.counts.total)).toEqual([5]);
    expect((await get<{ events: unknown[] }>('/api/events')).body.events).toHaveLength(5);
    expect((await get<{ alerts: unknown[] }>('/api/alerts')).body.alerts).toHaveLength(1);
    expect(ports.notifiers[0].sent).toHaveLength(1);
  });

  it('acknowledges a CONTROL_MESSAGE without storing it', async () => {
    const res = await postEvent({ awslogs: { data: gzipBase64(controlMessagePayload()) } });
    expect(res.body).toMatchObject({ processed: 0, control: true });
    expect(await storedCounts()).toEqual({ events: 0, windows: 0 });
  });

  it('accepts a Kinesis event carrying CloudWatch payloads', async () => {
    const event = kinesisEvent([
      cloudWatchPayload({ events: ['one INFO line'] }),
      cloudWatchPayload({ logGroup: '/aws/lambda/other', events: ['ERROR two', 'three'] }),
    ]);
    const res = await postEvent(event);
    expect(res.body).toMatchObject({
      processed: 3,
      duplicates: 0,
      batchIds: [expect.any(String), expect.any(String)],
    });
    expect(ports.events.size).toBe(3);
  });

  const good = cloudWatchPayload({ events: ['fine'] });
  it.each([
    ['bad base64', { awslogs: { data: '***not base64***' } }, 'base64', 'awslogs.data'],
    [
      'base64 of bytes that are not gzip',
      { awslogs: { data: Buffer.from('plain').toString('base64') } },
      'gzip',
      'awslogs.data',
    ],
    [
      'gzip of text that is not JSON',
      { awslogs: { data: gzipBase64('{"messageType": oops') } },
      'json',
      'awslogs.data',
    ],
    ['no awslogs', { records: [] }, 'shape', 'awslogs'],
    ['data not a string', { awslogs: { data: 42 } }, 'shape', 'awslogs.data'],
    [
      'missing logEvents',
      { awslogs: { data: gzipBase64({ ...good, logEvents: undefined }) } },
      'shape',
      'logEvents',
    ],
    [
      'a timestamp of the wrong type',
      {
        awslogs: {
          data: gzipBase64({
            ...good,
            logEvents: [good.logEvents[0], { id: '2', timestamp: 'noon', message: 'x' }],
          }),
        },
      },
      'shape',
      'logEvents[1].timestamp',
    ],
    ['a Kinesis record that is not gzip', kinesisEvent([good, 'AAAA']), 'gzip', 'Records[1].kinesis.data'],
  ])('answers 400 for %s, saying stage and path, and stores nothing', async (_name, event, stage, path) => {
    // Act
    const res = await postEvent(event);
    // Assess
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ stage, path });
    expect(res.body.error).toContain(stage);
    expect(res.body.error).toContain(path);
    expect(await storedCounts()).toEqual({ events: 0, windows: 0 });
    expect(ports.archive.batches.size).toBe(0);
    expect(ports.archive.failed.size).toBe(1);
  });

  it('answers 400 for a body that is not JSON, and for an empty body', async () => {
    const notJson = await post('/ingest/cloudwatch', 'awslogs=1', { 'content-type': 'text/plain' });
    const empty = await post('/ingest/cloudwatch', '');
    expect(notJson).toMatchObject({ status: 400, body: { stage: 'json', path: 'body' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatch(/empty body/);
    expect(await storedCounts()).toEqual({ events: 0, windows: 0 });
  });

  it('tolerates a wrong content type when the body is the JSON event', async () => {
    const res = await post('/ingest/cloudwatch', JSON.stringify(cloudWatchEvent({ events: ['x'] })), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.body).toMatchObject({ processed: 1 });
  });

  it('answers 413 for a body over the limit, declared or streamed', async () => {
    // Prepare
    const big = 'x'.repeat(MAX_BODY_BYTES + 1);
    const chunks = [big.slice(0, 40_000), big.slice(40_000)];
    const streamed = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(chunk));
      },
    });
    // Act
    const declared = await post('/ingest/cloudwatch', big);
    const chunked = await fetch(`${base}/ingest?group=g`, {
      method: 'POST',
      body: streamed,
      duplex: 'half',
    } as RequestInit);
    // Assess
    expect(declared.status).toBe(413);
    expect(declared.body.error).toContain(`${MAX_BODY_BYTES} bytes`);
    expect(chunked.status).toBe(413);
    expect(await storedCounts()).toEqual({ events: 0, windows: 0 });
  });
});

describe('POST /ingest', () => {
  const ndjson = (lines: string[]) => `${lines.join('\n')}\n`;

  it('stores text lines under the group and stream given', async () => {
    const res = await post('/ingest?group=app&stream=web-1', '2026-11-26T12:00:01Z ERROR boom\nall good\n', {
      'content-type': 'text/plain',
    });
    expect(res).toEqual({
      status: 200,
      body: { processed: 2, duplicates: 0, failures: [], batchId: expect.any(String), alerts: 0 },
    });
    const { body } = await get<{ events: AnalyzedEvent[] }>('/api/events?group=app&severity=ERROR');
    expect(body.events).toMatchObject([{ stream: 'web-1', message: '2026-11-26T12:00:01Z ERROR boom' }]);
  });

  it('defaults the stream to "http" and reads NDJSON fields', async () => {
    await post(
      '/ingest?group=app',
      ndjson(['{"level":"warn","msg":"slow","timestamp":"2026-11-26T12:00:02Z"}']),
      {
        'content-type': 'application/x-ndjson',
      },
    );
    const { body } = await get<{ events: AnalyzedEvent[] }>('/api/events');
    expect(body.events).toMatchObject([
      { stream: 'http', severity: 'WARNING', timestamp: Date.UTC(2026, 10, 26, 12, 0, 2) },
    ]);
  });

  it('rejects NDJSON with a bad line, listing the line numbers, and writes nothing', async () => {
    const res = await post(
      '/ingest?group=app',
      ndjson(['{"msg":"ok"}', 'not json', '{"msg":"ok"}', '[1,2]']),
      {
        'content-type': 'application/x-ndjson',
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.lines).toEqual([2, 4]);
    expect(res.body.error).toMatch(/line 2 .*line 4/);
    expect(await storedCounts()).toEqual({ events: 0, windows: 0 });
  });

  it('recognises a retried batch by X-Logsift-Batch-Id', async () => {
    // Prepare
    const body = ndjson(['{"msg":"a"}', '{"msg":"b"}', '{"msg":"c"}']);
    const headers = { 'content-type': 'application/x-ndjson', 'x-logsift-batch-id': 'client-run-7:0' };
    // Act
    const first = await post('/ingest?group=app', body, headers);
    const retry = await post('/ingest?group=app', body, headers);
    const otherGroup = await post('/ingest?group=other', body, headers);
    // Assess
    expect(first.body).toMatchObject({ processed: 3, duplicates: 0 });
    expect(retry.body).toMatchObject({ processed: 3, duplicates: 3, batchId: first.body.batchId });
    expect(otherGroup.body).toMatchObject({ processed: 3, duplicates: 0 });
    const windows = await get<{ windows: { group: string; counts: { total: number } }[] }>(
      '/api/metrics?group=app',
    );
    expect(windows.body.windows.map((w) => w.counts.total)).toEqual([3]);
  });

  it('treats the same body sent again without a batch id as the same batch', async () => {
    await post('/ingest?group=app', 'one\ntwo\n');
    const again = await post('/ingest?group=app', 'one\ntwo\n');
    expect(again.body).toMatchObject({ processed: 2, duplicates: 2 });
  });

  it.each([
    ['/ingest', 'x\n', {}, /"group" is required/],
    ['/ingest?group=app', '', {}, /empty body/],
    ['/ingest?group=app&format=xml', 'x\n', {}, /"format"/],
    ['/ingest?group=app', 'x\n', { 'x-logsift-batch-id': 'has spaces' }, /X-Logsift-Batch-Id/],
    ['/ingest?group=app&batch=a', 'x\n', { 'x-logsift-batch-id': 'b' }, /differ/],
  ])('answers 400 for POST %s %j', async (path, body, headers, message) => {
    const res = await post(path, body, headers as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
    expect(await storedCounts()).toEqual({ events: 0, windows: 0 });
  });
});

describe('GET /api/events', () => {
  it('pages through 250 events newest first, without gaps or repeats', async () => {
    // Prepare
    const lines = Array.from(
      { length: 250 },
      (_, i) => `${new Date(DEFAULT_START_MS + i * 1000).toISOString()} INFO event ${i}`,
    );
    await post('/ingest?group=app', `${lines.join('\n')}\n`, { 'content-type': 'text/plain' });
    // Act
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { events: AnalyzedEvent[]; nextCursor: string | null } } = await get(
        `/api/events?group=app&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      sizes.push(page.body.events.length);
      seen.push(...page.body.events.map((e) => e.message));
      cursor = page.body.nextCursor;
    } while (cursor && sizes.length < 5);
    // Assess
    expect(sizes).toEqual([100, 100, 50]);
    expect(new Set(seen).size).toBe(250);
    expect(seen[0]).toContain('event 249');
    expect(seen[249]).toContain('event 0');
  });

  it('filters by time range (ISO or epoch ms), text and correlation id', async () => {
    await post(
      '/ingest?group=app',
      [
        '2026-11-26T12:00:00Z INFO request_id=c0ffee00-0000-4000-8000-000000000001 started',
        '2026-11-26T12:00:10Z ERROR request_id=c0ffee00-0000-4000-8000-000000000001 payment declined',
        '2026-11-26T12:00:20Z INFO other work',
      ].join('\n'),
      { 'content-type': 'text/plain' },
    );
    const from = Date.UTC(2026, 10, 26, 12, 0, 5);
    const range = await get<{ events: AnalyzedEvent[] }>(`/api/events?from=${from}&to=2026-11-26T12:00:15Z`);
    const text = await get<{ events: AnalyzedEvent[] }>('/api/events?q=payment%20DECLINED');
    expect(range.body.events.map((e) => e.severity)).toEqual(['ERROR']);
    expect(text.body.events).toHaveLength(1);
    expect(text.body.events[0]!.correlationId).toBe('c0ffee00-0000-4000-8000-000000000001');
    const related = await get<{ events: AnalyzedEvent[] }>(
      '/api/events?correlationId=c0ffee00-0000-4000-8000-000000000001',
    );
    expect(related.body.events.map((e) => e.severity)).toEqual(['ERROR', 'INFO']);
  });

  it.each([
    ['/api/events?severity=FATAL', 'severity'],
    ['/api/events?from=yesterday', 'from'],
    ['/api/events?to=12:00', 'to'],
    ['/api/events?limit=0', 'limit'],
    ['/api/events?limit=1001', 'limit'],
    ['/api/events?cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['/api/events?cursor=%3C%3E', 'cursor'],
    ['/api/events?from=2000&to=1000', 'from'],
    ['/api/events?colour=red', 'colour'],
    ['/api/metrics?from=nope', 'from'],
    ['/api/alerts?limit=x', 'limit'],
    ['/api/patterns?to=nope', 'to'],
    ['/api/tail?severity=LOUD', 'severity'],
  ])('answers 400 for %s, naming "%s"', async (path, param) => {
    const res = await get<{ error: string }>(path);
    expect(res.status).toBe(400);
    expect(res.body.error).toContain(`"${param}"`);
  });
});

describe('GET /api/patterns and /api/metrics with a time range', () => {
  it('counts patterns within from/to from the metric windows', async () => {
    // Prepare: two windows five minutes apart, the same pattern in both
    const at = (minute: number, text: string) =>
      `${new Date(DEFAULT_START_MS + minute * 60_000).toISOString()} ${text}`;
    await post(
      '/ingest?group=app',
      [
        at(0, 'user 1 logged in'),
        at(1, 'user 2 logged in'),
        at(6, 'user 3 logged in'),
        at(7, 'cache warmed'),
      ].join('\n'),
      { 'content-type': 'text/plain' },
    );
    // Act
    const all = await get<{ patterns: { template: string; count: number }[] }>('/api/patterns?group=app');
    const later = await get<{ patterns: { template: string; count: number }[] }>(
      `/api/patterns?group=app&from=${DEFAULT_START_MS + 5 * 60_000}`,
    );
    const early = await get<{ windows: unknown[] }>(
      `/api/metrics?group=app&from=${DEFAULT_START_MS + 60_000}&to=${DEFAULT_START_MS + 2 * 60_000}`,
    );
    // Assess
    const loginAll = all.body.patterns.find((p) => p.template.includes('logged in'));
    const loginLater = later.body.patterns.find((p) => p.template.includes('logged in'));
    expect(loginAll?.count).toBe(3);
    expect(loginLater?.count).toBe(1);
    expect(later.body.patterns.map((p) => p.count).reduce((a, b) => a + b, 0)).toBe(2);
    // `from` inside the first window still returns that window
    expect(early.body.windows).toHaveLength(1);
  });
});

describe('GET /api/tail', () => {
  it('streams new events at or above the minimum severity, and unsubscribes on disconnect', async () => {
    // Prepare
    const controller = new AbortController();
    const res = await fetch(`${base}/api/tail?group=app&severity=ERROR`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const readUntil = async (needle: string) => {
      while (!received.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        received += value;
      }
    };
    await readUntil(': connected');
    expect(tail.size).toBe(1);
    // Act
    await post('/ingest?group=other', 'ERROR not this group\n');
    await post('/ingest?group=app', 'INFO too quiet\nERROR disk failing on sda1\n');
    await readUntil('disk failing');
    // Assess
    const frames = received.split('\n\n').filter((f) => f.startsWith('event:'));
    expect(frames).toHaveLength(1);
    const [eventLine, dataLine] = frames[0]!.split('\n');
    expect(eventLine).toBe('event: log');
    expect(JSON.parse(dataLine!.slice('data: '.length))).toMatchObject({
      group: 'app',
      severity: 'ERROR',
      message: 'ERROR disk failing on sda1',
    });
    controller.abort();
    await reader.cancel().catch(() => {});
    await expect.poll(() => tail.size, { timeout: 2000 }).toBe(0);
  });

  it('streams alerts as they are recorded, and heartbeats', async () => {
    const hub = new TailHub();
    const pipeline = new Pipeline(parseConfig({}), ports);
    const own = createApi({ pipeline, ports, tail: hub, version: 't', tailHeartbeatMs: 50 });
    const res = await own.request('/api/tail');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const readUntil = async (needle: string) => {
      while (!received.includes(needle)) received += (await reader.read()).value ?? '';
    };
    await readUntil(': connected');
    await own.request('/ingest/cloudwatch', {
      method: 'POST',
      body: JSON.stringify(cloudWatchEvent({ events: SEED_MESSAGES })),
    });
    await readUntil('event: alert');
    await readUntil(': heartbeat');
    hub.close();
    while (!(await reader.read()).done) {
      // drain until the server ends the stream
    }
    expect(received).toMatch(/event: alert\ndata: \{.*"rule":"critical"/);
    expect(hub.size).toBe(0);
  });
});

describe('the rest of the surface', () => {
  it('answers /healthz, an index at /, JSON 404 and 405', async () => {
    const health = await get('/healthz');
    const index = await get<{ endpoints: string[] }>('/');
    const missing = await get('/api/nothing');
    const wrong = await fetch(`${base}/api/events`, { method: 'POST', body: '{}' });
    expect(health).toEqual({
      status: 200,
      body: { status: 'ok', version: '9.9.9-test', uptimeS: expect.any(Number) },
    });
    expect(index.body.endpoints).toContain('GET /api/events');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toContain('/api/nothing');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(((await wrong.json()) as { error: string }).error).toContain('POST');
  });

  it('answers 500 with a generic message and logs the detail', async () => {
    failQueries = true;
    const res = await get<{ error: string }>('/api/events');
    expect(res.status).toBe(500);
    expect(res.body.error).not.toContain('secret');
    expect(logged).toHaveLength(1);
    expect(String((logged[0] as { detail: Error }).detail)).toContain('disk on fire');
  });
});
