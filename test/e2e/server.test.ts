/**
 * The local server as a user runs it: `startServer` with SQLite and a folder archive in a temp
 * directory, alerts by email to a real SMTP peer and to a local HTTP server standing in for Slack,
 * everything over real HTTP on 127.0.0.1.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningServer, ServeError, startServer } from '../../src/apps/server/serve.js';
import { parseConfig } from '../../src/core/config.js';
import { cloudWatchEvent, DEFAULT_START_MS, SEED_MESSAGES } from '../fixtures/cloudwatch.js';
import { type SmtpPeer, smtpPeer } from './helpers/smtpPeer.js';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

describe('logsift serve, end to end', () => {
  let smtp: SmtpPeer;
  let slack: Server;
  let slackUrl: string;
  const slackBodies: unknown[] = [];
  let dir: string;
  let server: RunningServer;

  const config = () =>
    parseConfig({
      notify: {
        email: { smtp: smtp.url, from: 'logsift@example.com', to: ['oncall@example.com'] },
        slack: { webhookUrl: slackUrl },
        retry: { attempts: 2, backoff: '10ms' },
      },
    });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
    });
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    smtp = await smtpPeer();
    slack = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        slackBodies.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((ok) => slack.listen(0, '127.0.0.1', ok));
    slackUrl = `http://127.0.0.1:${(slack.address() as AddressInfo).port}/services/T000/B000/XXXX`;
  });
  afterAll(async () => {
    await smtp.close();
    await new Promise((ok) => slack.close(ok));
  });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logsift-e2e-'));
    smtp.mails.length = 0;
    slackBodies.length = 0;
    server = await startServer({ port: 0, data: dir, config: config(), log: () => {} });
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests a CloudWatch batch exactly once, stores, counts, archives and alerts by email and Slack', async () => {
    // Act
    const event = cloudWatchEvent({ events: SEED_MESSAGES });
    const first = await post('/ingest/cloudwatch', event);
    const again = await post('/ingest/cloudwatch', event);
    // Assess: the second delivery changes nothing
    expect(await first.json()).toMatchObject({ processed: 5, duplicates: 0 });
    expect(await again.json()).toMatchObject({ processed: 5, duplicates: 5 });
    const { events } = await get<{ events: { severity: string; message: string }[] }>(
      '/api/events?group=/aws/lambda/test-app',
    );
    expect(events.map((e) => e.severity).reverse()).toEqual([
      'INFO',
      'ERROR',
      'ERROR',
      'CRITICAL',
      'WARNING',
    ]);
    const { windows } = await get<{ windows: { counts: Record<string, number> }[] }>(
      '/api/metrics?group=/aws/lambda/test-app',
    );
    expect(windows).toHaveLength(1);
    expect(windows[0]!.counts).toEqual({ total: 5, CRITICAL: 1, ERROR: 2, WARNING: 1, INFO: 1, DEBUG: 0 });
    const { alerts } = await get<{
      alerts: { rule: string; state: string; deliveries: { channel: string; ok: boolean }[] }[];
    }>('/api/alerts');
    expect(alerts.map((a) => a.rule)).toEqual(['critical']);
    expect(alerts[0]!.state).toBe('delivered');
    expect(alerts[0]!.deliveries.map((d) => `${d.channel}:${d.ok}`).sort()).toEqual([
      'email:true',
      'slack:true',
    ]);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.subject).toContain('CRITICAL /aws/lambda/test-app');
    expect(smtp.mails[0]!.text).toContain('Critical system failure - disk space full on /var/log');
    expect(smtp.mails[0]!.text).toContain(`${server.url}/?group=%2Faws%2Flambda%2Ftest-app`);
    expect(slackBodies).toHaveLength(1);
    const archived = listFiles(join(dir, 'archive')).filter((f) => f.includes('/raw/'));
    expect(archived).toHaveLength(1);
    expect(archived[0]).toContain('logGroup=%2Faws%2Flambda%2Ftest-app/dt=2026-11-26/hour=12/');
    expect(gunzipSync(readFileSync(archived[0]!)).toString().trim().split('\n')).toHaveLength(5);
  });

  it('answers 400 with what and where for a malformed batch, writes nothing, keeps the payload under failed/', async () => {
    const res = await post('/ingest/cloudwatch', { awslogs: { data: 'H4sI!!notbase64' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^base64: awslogs\.data/);
    expect((await get<{ events: unknown[] }>('/api/events')).events).toEqual([]);
    expect(listFiles(join(dir, 'archive')).some((f) => f.includes('/failed/'))).toBe(true);
  });

  it('ingests NDJSON and text lines, finds them by full text and by correlation id', async () => {
    const ndjson = [
      '{"level":"error","msg":"payment declined","requestId":"req-42","timestamp":"2026-11-26T12:00:00Z"}',
      '{"level":"info","msg":"payment retried","requestId":"req-42","timestamp":"2026-11-26T12:00:01Z"}',
    ].join('\n');
    const a = await post('/ingest?group=checkout&stream=api', ndjson, {
      'content-type': 'application/x-ndjson',
    });
    expect(await a.json()).toMatchObject({ processed: 2 });
    const b = await post('/ingest?group=worker', '2026-11-26T12:00:02Z request_id=req-42 charge failed\n', {
      'content-type': 'text/plain',
    });
    expect(await b.json()).toMatchObject({ processed: 1 });
    const byText = await get<{ events: { message: string }[] }>('/api/events?q=declined');
    expect(byText.events).toHaveLength(1);
    const byCorrelation = await get<{ events: { group: string }[] }>('/api/events?correlationId=req-42');
    expect(byCorrelation.events.map((e) => e.group).sort()).toEqual(['checkout', 'checkout', 'worker']);
    const error = await get<{ events: unknown[] }>('/api/events?severity=ERROR&group=checkout');
    expect(error.events).toHaveLength(1);
  });

  it('keeps events, counts and pattern ids across a restart', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => ({
      message: `Connection to 10.0.0.${i} timed out after ${100 + i} ms`,
      timestamp: DEFAULT_START_MS + i,
    }));
    await post('/ingest/cloudwatch', cloudWatchEvent({ events: lines }));
    const before = await get<{ patterns: { id: string; template: string }[] }>(
      '/api/patterns?group=/aws/lambda/test-app',
    );
    expect(before.patterns).toHaveLength(1);
    // Act: a restart on the same data folder
    await server.close();
    server = await startServer({ port: 0, data: dir, config: config(), log: () => {} });
    await post(
      '/ingest/cloudwatch',
      cloudWatchEvent({
        events: [
          { message: 'Connection to 10.9.9.9 timed out after 7 ms', timestamp: DEFAULT_START_MS + 99 },
        ],
      }),
    );
    // Assess
    const after = await get<{ patterns: { id: string; count: number }[] }>(
      '/api/patterns?group=/aws/lambda/test-app',
    );
    expect(after.patterns.map((p) => p.id)).toEqual([before.patterns[0]!.id]);
    expect(after.patterns[0]!.count).toBe(13);
    const { windows } = await get<{ windows: { counts: { total: number } }[] }>(
      '/api/metrics?group=/aws/lambda/test-app',
    );
    expect(windows[0]!.counts.total).toBe(13);
  });

  it('streams newly ingested events to a live tail', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/tail?group=/aws/lambda/test-app`, {
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const received = (async () => {
      while (!text.includes('tail me please')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    })();
    await new Promise((r) => setTimeout(r, 50));
    await post('/ingest/cloudwatch', cloudWatchEvent({ events: ['WARN tail me please'] }));
    await received;
    controller.abort();
    expect(text).toContain('event: log');
    expect(text).toContain('tail me please');
  });

  it('refuses a port in use with a message that says what to do, and releases its stores', async () => {
    const port = Number(new URL(server.url).port);
    const other = mkdtempSync(join(tmpdir(), 'logsift-e2e-busy-'));
    try {
      await expect(startServer({ port, data: other, config: config(), log: () => {} })).rejects.toThrow(
        new ServeError(
          `127.0.0.1:${port} is already in use: stop the other server or pass --port (0 picks a free one)`,
        ),
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('serves the dashboard at /', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('logsift');
  });
});
