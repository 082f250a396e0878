import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi, TailHub } from '../../api/index.js';
import { parseConfig } from '../../core/config.js';
import { type MemoryPorts, memoryPorts } from '../../core/memory/index.js';
import { Pipeline } from '../../core/pipeline.js';
import {
  formatIngestSummary,
  IngestRejectedError,
  IngestUnavailableError,
  ingest,
  LineBatcher,
} from './ingest.js';

type Server = ReturnType<typeof serve>;

async function listen(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<{ server: Server; url: string }> {
  const server = serve({ hostname: '127.0.0.1', port: 0, fetch });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('LineBatcher', () => {
  const cut = (text: string, chunkSize: number, maxLines: number, maxBytes: number) => {
    const batcher = new LineBatcher(maxLines, maxBytes);
    const bytes = Buffer.from(text);
    const batches = [];
    for (let i = 0; i < bytes.length; i += chunkSize)
      batches.push(...batcher.push(bytes.subarray(i, i + chunkSize)));
    const last = batcher.flush(true);
    if (last) batches.push(last);
    return batches.map((b) => ({ text: b.bytes.toString(), offset: b.offset, lines: b.lines }));
  };

  it('cuts at the line limit and keeps offsets, however the input is chunked', () => {
    // Prepare
    const text = 'a\nbb\nccc\ndddd\neeeee';
    // Act
    const whole = cut(text, 1000, 2, 1000);
    const byteByByte = cut(text, 1, 2, 1000);
    // Assess
    expect(whole).toEqual([
      { text: 'a\nbb\n', offset: 0, lines: 2 },
      { text: 'ccc\ndddd\n', offset: 5, lines: 2 },
      { text: 'eeeee', offset: 14, lines: 1 },
    ]);
    expect(byteByByte).toEqual(whole);
  });

  it('cuts before a line that would pass the byte limit, and sends a huge line alone', () => {
    const batches = cut(`aaaa\nbbbb\n${'x'.repeat(30)}\ncc\n`, 3, 100, 12);
    expect(batches.map((b) => b.text)).toEqual(['aaaa\nbbbb\n', `${'x'.repeat(30)}\n`, 'cc\n']);
  });

  it('holds a partial line until asked for it', () => {
    const batcher = new LineBatcher(10, 100);
    expect(batcher.push(Buffer.from('one\ntw'))).toEqual([]);
    expect(batcher.flush(false)?.bytes.toString()).toBe('one\n');
    expect(batcher.flush(false)).toBeUndefined();
    expect(batcher.push(Buffer.from('o\n'))).toEqual([]);
    expect(batcher.flush(false)).toMatchObject({ offset: 4, lines: 1 });
  });
});

describe('ingest', () => {
  let dir: string;
  let ports: MemoryPorts;
  let server: Server;
  let url: string;
  const notices: string[] = [];
  const log = (line: string) => notices.push(line);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logsift-ingest-'));
    ports = memoryPorts();
    const pipeline = new Pipeline(parseConfig({}), ports);
    const app = createApi({ pipeline, ports, tail: new TailHub(), version: 'test' });
    ({ server, url } = await listen(app.fetch));
    notices.length = 0;
  });

  afterEach(async () => {
    await close(server);
    rmSync(dir, { recursive: true, force: true });
  });

  const lines = (from: number, n: number) =>
    Array.from(
      { length: n },
      (_, i) => `2026-11-26T12:00:${String((from + i) % 60).padStart(2, '0')}Z INFO line ${from + i}\n`,
    ).join('');

  it('sends a file in batches; a second run reports every line as a duplicate', async () => {
    // Prepare
    const file = join(dir, 'app.log');
    writeFileSync(file, `${lines(0, 2500)}ERROR last line without newline`);
    const options = { input: file, url, group: 'app', stream: 'host-1', batchLines: 1000, log };
    // Act
    const first = await ingest(options);
    const second = await ingest(options);
    // Assess
    expect(first).toMatchObject({ lines: 2501, processed: 2501, duplicates: 0, batches: 3 });
    expect(second).toMatchObject({ lines: 2501, processed: 2501, duplicates: 2501, batches: 3 });
    expect(ports.events.size).toBe(2501);
    const windows = await ports.metrics.queryWindows({ group: 'app' });
    expect(windows.reduce((n, w) => n + (w.counters.total ?? 0), 0)).toBe(2501);
    const { events } = await ports.events.queryEvents({ group: 'app', severity: 'ERROR' });
    expect(events.map((e) => [e.message, e.stream])).toEqual([['ERROR last line without newline', 'host-1']]);
    expect(formatIngestSummary(second)).toMatch(
      /^ingested 2,501 lines \(2,501 duplicates\) in \d+\.\d s, [\d,]+ lines\/s$/,
    );
  });

  it('reads standard input to its end', async () => {
    async function* stdin() {
      yield Buffer.from('first\nsec');
      yield 'ond\nthird\n';
    }
    const summary = await ingest({ input: '-', url, group: 'piped', stream: 's', stdin: stdin(), log });
    expect(summary).toMatchObject({ processed: 3, duplicates: 0 });
    const { events } = await ports.events.queryEvents({ group: 'piped' });
    expect(events.map((e) => e.message).sort()).toEqual(['first', 'second', 'third']);
  });

  it('--follow sends appended lines, starts over after truncation, and stops when asked', async () => {
    // Prepare
    const file = join(dir, 'live.log');
    writeFileSync(file, 'INFO boot\n');
    const controller = new AbortController();
    const count = async () =>
      (await ports.events.queryEvents({ group: 'live' })).events.map((e) => e.message);
    // Act
    const running = ingest({
      input: file,
      url,
      group: 'live',
      stream: 's',
      follow: true,
      pollMs: 20,
      signal: controller.signal,
      log,
    });
    await expect.poll(count, { timeout: 5000 }).toEqual(['INFO boot']);
    appendFileSync(file, 'ERROR appended\nWARNING partial');
    await expect.poll(async () => (await count()).length, { timeout: 5000 }).toBe(2);
    truncateSync(file, 0);
    await expect.poll(() => notices.some((n) => n.includes('truncated')), { timeout: 5000 }).toBe(true);
    appendFileSync(file, 'INFO after truncation\n');
    await expect.poll(async () => (await count()).length, { timeout: 5000 }).toBe(3);
    controller.abort();
    const summary = await running;
    // Assess: the partial line was given up with the truncated content
    expect((await count()).sort()).toEqual(['ERROR appended', 'INFO after truncation', 'INFO boot']);
    expect(summary.processed).toBe(3);
  });

  it('--follow reads the rest of a rotated file, then the new one, and sends a partial last line on stop', async () => {
    const file = join(dir, 'rot.log');
    writeFileSync(file, 'one\n');
    const controller = new AbortController();
    const messages = async () =>
      (await ports.events.queryEvents({ group: 'rot' })).events.map((e) => e.message).sort();
    const running = ingest({
      input: file,
      url,
      group: 'rot',
      stream: 's',
      follow: true,
      pollMs: 20,
      signal: controller.signal,
      log,
    });
    await expect.poll(messages, { timeout: 5000 }).toEqual(['one']);
    appendFileSync(file, 'two\n');
    renameSync(file, join(dir, 'rot.log.1'));
    writeFileSync(file, 'three\nfour');
    await expect.poll(messages, { timeout: 5000 }).toEqual(['one', 'three', 'two']);
    controller.abort();
    await running;
    expect(await messages()).toEqual(['four', 'one', 'three', 'two']);
    expect(notices.some((n) => n.includes('replaced'))).toBe(true);
  });
});

describe('ingest against a failing server', () => {
  let server: Server | undefined;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'logsift-ingest-'));
    writeFileSync(join(dir, 'a.log'), 'x\ny\n');
  });

  afterEach(async () => {
    if (server) await close(server);
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const retry = { attempts: 4, baseMs: 5, maxMs: 20 };

  it('retries 503 and 429 with backoff, then succeeds', async () => {
    // Prepare
    const statuses = [503, 429];
    const seenIds: (string | undefined)[] = [];
    const app = new Hono().post('/ingest', (c) => {
      seenIds.push(c.req.header('x-logsift-batch-id'));
      const status = statuses.shift();
      if (status === 429) return c.json({ error: 'slow down' }, 429, { 'retry-after': '0' });
      if (status) return c.json({ error: 'busy' }, 503);
      return c.json({ processed: 2, duplicates: 0, failures: [] });
    });
    ({ server } = await listen(app.fetch));
    const notices: string[] = [];
    // Act
    const summary = await ingest({
      input: join(dir, 'a.log'),
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      group: 'g',
      stream: 's',
      retry,
      log: (line) => notices.push(line),
    });
    // Assess
    expect(summary).toMatchObject({ processed: 2, batches: 1 });
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/HTTP 503: busy; retrying in/);
    expect(new Set(seenIds).size).toBe(1);
    expect(seenIds[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it('does not retry a 400: it reports the server error', async () => {
    let calls = 0;
    const app = new Hono().post('/ingest', (c) => {
      calls++;
      return c.json({ error: 'query parameter "group": must be 1 to 512 characters' }, 400);
    });
    ({ server } = await listen(app.fetch));
    const run = ingest({
      input: join(dir, 'a.log'),
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      group: 'g',
      stream: 's',
      retry,
      log: () => {},
    });
    await expect(run).rejects.toThrow(IngestRejectedError);
    await expect(run).rejects.toThrow(/HTTP 400\): query parameter "group"/);
    expect(calls).toBe(1);
  });

  it('gives up after the last attempt when nothing listens', async () => {
    // Prepare: a port that was just free
    const probe = await listen(() => new Response());
    const port = (probe.server.address() as AddressInfo).port;
    await close(probe.server);
    // Act
    const run = ingest({
      input: join(dir, 'a.log'),
      url: `http://127.0.0.1:${port}`,
      group: 'g',
      stream: 's',
      retry,
      log: () => {},
    });
    // Assess
    await expect(run).rejects.toThrow(IngestUnavailableError);
    await expect(run).rejects.toThrow(/after 4 attempts.*ECONNREFUSED/);
  });
});
