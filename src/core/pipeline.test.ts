import { describe, expect, it } from 'vitest';
import {
  cloudWatchEvent,
  controlMessagePayload,
  DEFAULT_START_MS,
  gzipBase64,
  SEED_MESSAGES,
} from '../../test/fixtures/cloudwatch.js';
import type { StoredAlert } from './alerts/types.js';
import { parseConfig } from './config.js';
import { decodeCloudWatchEvent } from './decode/index.js';
import { memoryPorts } from './memory/index.js';
import { windowView } from './metrics/window.js';
import { Pipeline, processBatch } from './pipeline.js';
import type { Notifier } from './ports.js';
import type { LogBatch } from './types.js';

const clock = { now: () => DEFAULT_START_MS + 60_000 };
const decode = (event: unknown): LogBatch => decodeCloudWatchEvent(event);

describe('processBatch', () => {
  it("classifies the seed's five sample messages correctly and fires the critical alert once", async () => {
    // Prepare
    const ports = memoryPorts(clock);
    const config = parseConfig({});
    const batch = decode(cloudWatchEvent({ events: SEED_MESSAGES }));
    // Act
    const result = await processBatch(batch, ports, config);
    // Assess
    expect(result.events.map((e) => e.severity)).toEqual(['INFO', 'ERROR', 'ERROR', 'CRITICAL', 'WARNING']);
    expect(result).toMatchObject({
      processed: 5,
      duplicates: 0,
      metricsApplied: true,
      control: false,
      ignored: false,
    });
    expect(result.alerts.map((a) => a.rule)).toEqual(['critical']);
    expect(ports.notifiers[0].sent.map((a) => a.rule)).toEqual(['critical']);
    expect((await ports.alerts.queryAlerts({}))[0]!.state).toBe('delivered');
    expect(ports.events.size).toBe(5);
    const [window] = await ports.metrics.queryWindows({});
    expect(windowView(window!).counts).toEqual({
      total: 5,
      CRITICAL: 1,
      ERROR: 2,
      WARNING: 1,
      INFO: 1,
      DEBUG: 0,
    });
    expect(result.events[0]!.fields.ip).toBe('192.168.1.100');
    expect(result.events[2]!.fields['http.status']).toBe(500);
  });

  it('a redelivered batch stores nothing new, counts nothing twice and sends no second alert', async () => {
    const ports = memoryPorts(clock);
    const config = parseConfig({});
    const event = cloudWatchEvent({ events: SEED_MESSAGES });
    await processBatch(decode(event), ports, config);
    // Act: CloudWatch retries the same invocation
    const again = await processBatch(decode(event), ports, config);
    // Assess
    expect(again).toMatchObject({ processed: 5, duplicates: 5, metricsApplied: false, alerts: [] });
    expect(ports.events.size).toBe(5);
    expect((await ports.metrics.queryWindows({}))[0]!.counters.total).toBe(5);
    expect(ports.notifiers[0].sent).toHaveLength(1);
    expect(ports.archive.batches.size).toBe(1);
  });

  it('fires error-burst when errors from several batches reach 11 in one window, once', async () => {
    const ports = memoryPorts(clock);
    const config = parseConfig({});
    const errors = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        message: `ERROR payment ${from + i} declined`,
        timestamp: DEFAULT_START_MS + (from + i) * 1000,
      }));
    const first = await processBatch(decode(cloudWatchEvent({ events: errors(0, 6) })), ports, config);
    const second = await processBatch(decode(cloudWatchEvent({ events: errors(6, 5) })), ports, config);
    const third = await processBatch(decode(cloudWatchEvent({ events: errors(11, 3) })), ports, config);
    expect(first.alerts).toEqual([]);
    expect(second.alerts.map((a) => a.rule)).toEqual(['error-burst']);
    expect(second.alerts[0]!.counts.ERROR).toBe(11);
    expect(third.alerts).toEqual([]);
    expect(ports.notifiers[0].sent).toHaveLength(1);
  });

  it('acknowledges a CONTROL_MESSAGE as a heartbeat and stores no event', async () => {
    const ports = memoryPorts(clock);
    const beats: string[] = [];
    ports.heartbeats = { recordHeartbeat: async (b) => void beats.push(b.group) };
    const event = { awslogs: { data: gzipBase64(controlMessagePayload()) } };
    const result = await processBatch(decode(event), ports, parseConfig({}));
    expect(result).toMatchObject({ control: true, processed: 0 });
    expect(ports.events.size).toBe(0);
    expect(await ports.metrics.queryWindows({})).toEqual([]);
    expect(beats).toHaveLength(1);
  });

  it("never processes logsift's own log groups (loop guard)", async () => {
    const ports = memoryPorts(clock);
    const batch = decode(
      cloudWatchEvent({ logGroup: '/aws/lambda/logsift-processor', events: ['ERROR boom'] }),
    );
    const result = await processBatch(batch, ports, parseConfig({}));
    expect(result.ignored).toBe(true);
    expect(ports.events.size).toBe(0);
    expect(ports.archive.batches.size).toBe(0);
  });

  it('an empty batch is a no-op, not an error', async () => {
    const ports = memoryPorts(clock);
    const result = await processBatch(decode(cloudWatchEvent({ events: [] })), ports, parseConfig({}));
    expect(result.processed).toBe(0);
    expect(ports.archive.batches.size).toBe(0);
  });

  it('does not ask the store again for a firing it saw delivered (later batches of the same window)', async () => {
    // Prepare
    const ports = memoryPorts(clock);
    const record = ports.alerts.record.bind(ports.alerts);
    const recorded: string[] = [];
    ports.alerts.record = async (firing) => {
      recorded.push(firing.rule);
      return record(firing);
    };
    const pipeline = new Pipeline(parseConfig({}), ports);
    const errors = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        message: `ERROR payment ${from + i} declined`,
        timestamp: DEFAULT_START_MS + (from + i) * 1000,
      }));
    // Act: the window reaches 11 errors in the second batch and stays over the threshold after.
    for (const [from, n] of [
      [0, 6],
      [6, 5],
      [11, 3],
      [14, 4],
    ] as const)
      await pipeline.process(decode(cloudWatchEvent({ events: errors(from, n) })));
    // Assess
    expect(recorded).toEqual(['error-burst']);
    expect(ports.notifiers[0].sent).toHaveLength(1);
  });

  it('records a failed delivery and retries it when the batch is redelivered', async () => {
    // Prepare: a channel that fails once
    const ports = memoryPorts(clock);
    let calls = 0;
    const flaky: Notifier = {
      name: 'flaky',
      notify: async (_alert: StoredAlert) => {
        calls++;
        if (calls === 1) throw new Error('connect ECONNREFUSED 127.0.0.1:25');
      },
      flush: async () => {},
      close: async () => {},
    };
    ports.notifiers = [flaky] as never;
    const config = parseConfig({});
    const event = cloudWatchEvent({ events: ['FATAL: disk full'] });
    // Act
    const first = await processBatch(decode(event), ports, config);
    const [failed] = await ports.alerts.queryAlerts({});
    const second = await processBatch(decode(event), ports, config);
    // Assess
    expect(first.deliveryFailures).toEqual([
      { alertId: failed!.id, channel: 'flaky', error: 'connect ECONNREFUSED 127.0.0.1:25' },
    ]);
    expect(failed!.state).toBe('failed');
    expect(second.deliveryFailures).toEqual([]);
    expect((await ports.alerts.queryAlerts({}))[0]!.state).toBe('delivered');
    expect(calls).toBe(2);
  });

  it('masks secrets before storing and archiving, and counts them', async () => {
    const ports = memoryPorts(clock);
    const message = 'login failed for alice@example.com with key AKIAIOSFODNN7EXAMPLE';
    const result = await processBatch(decode(cloudWatchEvent({ events: [message] })), ports, parseConfig({}));
    const stored = (await ports.events.queryEvents({})).events[0]!;
    expect(stored.message).not.toContain('alice@example.com');
    expect(stored.message).not.toContain('AKIAIOSFODNN7EXAMPLE');
    const archived = [...ports.archive.batches.values()][0]!;
    expect(archived).not.toContain('alice@example.com');
    expect(result.redactions.email).toBe(1);
    expect(result.redactions.aws_access_key).toBe(1);
  });

  it('keeps raw messages in the archive when redact.archive is false', async () => {
    const ports = memoryPorts(clock);
    const message = 'login failed for alice@example.com';
    await processBatch(
      decode(cloudWatchEvent({ events: [message] })),
      ports,
      parseConfig({ redact: { archive: false } }),
    );
    expect([...ports.archive.batches.values()][0]).toContain('alice@example.com');
    expect((await ports.events.queryEvents({})).events[0]!.message).not.toContain('alice@example.com');
  });

  it('truncates a huge message in the store, flags it, and archives it whole', async () => {
    const ports = memoryPorts(clock);
    const big = `ERROR ${'é'.repeat(600_000)}`;
    const config = parseConfig({ store: { maxMessageBytes: 1000 } });
    await processBatch(decode(cloudWatchEvent({ events: [big] })), ports, config);
    const stored = (await ports.events.queryEvents({})).events[0]!;
    expect(stored.truncated).toBe(true);
    expect(Buffer.byteLength(stored.message)).toBeLessThanOrEqual(1000);
    expect(stored.message.endsWith('\uFFFD')).toBe(false);
    const archived = JSON.parse([...ports.archive.batches.values()][0]!.trim()) as { message: string };
    expect(archived.message).toBe(big);
  });

  it('archives under the partitioned key layout', async () => {
    const ports = memoryPorts(clock);
    const result = await processBatch(decode(cloudWatchEvent({ events: ['hello'] })), ports, parseConfig({}));
    expect(result.archiveKey).toBe(
      `raw/logGroup=%2Faws%2Flambda%2Ftest-app/dt=2026-11-26/hour=12/${result.batchId}.ndjson.gz`,
    );
    const line = JSON.parse([...ports.archive.batches.values()][0]!.trim());
    expect(line).toMatchObject({
      message: 'hello',
      logGroup: '/aws/lambda/test-app',
      batchId: result.batchId,
      source: 'cloudwatch',
    });
  });

  it('gives every event a pattern id and saves pattern state on flush, restored by a new pipeline', async () => {
    const ports = memoryPorts(clock);
    const config = parseConfig({});
    const lines = Array.from(
      { length: 20 },
      (_, i) => `Connection to 10.0.0.${i} timed out after ${100 + i} ms`,
    );
    const pipeline = new Pipeline(config, ports);
    const result = await pipeline.process(decode(cloudWatchEvent({ events: lines })));
    const ids = new Set(result.events.map((e) => e.patternId));
    expect(ids.size).toBe(1);
    await pipeline.flush();
    // A new process (a cold start) restores the state and keeps the pattern's id.
    const next = new Pipeline(config, ports);
    const later = await next.process(
      decode(cloudWatchEvent({ events: ['Connection to 10.9.9.9 timed out after 5 ms'] })),
    );
    expect(later.events[0]!.patternId).toBe([...ids][0]);
  });
});

describe('processBatch: anomaly rules', () => {
  const W = 300_000;
  const at = (window: number, i: number) => DEFAULT_START_MS + window * W + i * 100;
  /** `n` lines of one shape in window `window`, 100 ms apart. */
  const lines = (shape: (i: number) => string, window: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({ message: shape(i), timestamp: at(window, i) }));
  const ok = (i: number) => `INFO request ${i} served in ${10 + i} ms`;
  const refused = (i: number) => `ERROR Connection to 10.0.0.${i} refused`;

  it('new_pattern: learns silently, then fires once for a new ERROR pattern, not again on redelivery', async () => {
    // Prepare
    const ports = memoryPorts({ now: () => at(2, 0) });
    const config = parseConfig({
      alerts: { rules: [{ id: 'new', type: 'new_pattern', learningEvents: 50 }] },
    });
    const learning = await processBatch(decode(cloudWatchEvent({ events: lines(ok, 0, 50) })), ports, config);
    const novel = cloudWatchEvent({
      events: [
        ...lines(ok, 1, 5),
        ...lines(refused, 1, 14).map((e, i) => ({ ...e, timestamp: e.timestamp + 1000 + i })),
      ],
    });
    // Act
    const first = await processBatch(decode(novel), ports, config);
    const again = await processBatch(decode(novel), ports, config);
    // Assess
    expect(learning.alerts).toEqual([]);
    expect(first.alerts).toHaveLength(1);
    const [alert] = first.alerts;
    expect(alert).toMatchObject({ rule: 'new', type: 'new_pattern', severity: 'ERROR', value: 14 });
    expect(alert!.key).toBe(alert!.patternId);
    expect(alert!.summary).toMatch(
      /^New pattern in \/aws\/lambda\/test-app: `Connection to <\*> refused` \(ERROR, 14 events\), e\.g\. ERROR Connection to 10\.0\.0\.0 refused$/,
    );
    expect(again.alerts).toEqual([]);
    expect(ports.notifiers[0].sent).toHaveLength(1);
  });

  it('new_pattern: a fresh group never fires during its learning time, whatever it logs', async () => {
    const ports = memoryPorts({ now: () => at(2, 0) });
    const config = parseConfig({ alerts: { rules: [{ id: 'new', type: 'new_pattern' }] } });
    const result = await processBatch(
      decode(cloudWatchEvent({ events: lines(refused, 0, 20) })),
      ports,
      config,
    );
    expect(result.alerts).toEqual([]);
  });

  it('spike: baseline from stored windows, fires once per window even when the batch is redelivered', async () => {
    // Prepare: 12 errors per window for 4 windows, then 240 in window 4, in two batches
    const ports = memoryPorts({ now: () => at(5, 0) });
    const config = parseConfig({
      alerts: {
        rules: [{ id: 'err-spike', type: 'spike', on: 'severity', severity: 'ERROR', baselineWindows: 4 }],
      },
    });
    for (let w = 0; w < 4; w++)
      await processBatch(decode(cloudWatchEvent({ events: lines(refused, w, 12) })), ports, config);
    const burst1 = cloudWatchEvent({ events: lines(refused, 4, 120) });
    const burst2 = cloudWatchEvent({ events: lines(refused, 4, 240).slice(120) });
    // Act
    const a = await processBatch(decode(burst1), ports, config);
    const b = await processBatch(decode(burst2), ports, config);
    const again = await processBatch(decode(burst1), ports, config);
    // Assess
    expect(a.alerts.map((x) => [x.rule, x.key, x.value, x.baseline])).toEqual([
      ['err-spike', 'ERROR', 120, 12],
    ]);
    expect(a.alerts[0]!.summary).toContain('120 events in 5m vs 12 per window before (10x)');
    expect(b.alerts).toEqual([]);
    expect(again.alerts).toEqual([]);
    expect(ports.notifiers[0].sent).toHaveLength(1);
  });

  it('spike down: judged when a batch arrives in the next window, with an earlier event as example', async () => {
    const ports = memoryPorts({ now: () => at(6, 0) });
    const config = parseConfig({
      alerts: { rules: [{ id: 'drop', type: 'spike', direction: 'down', baselineWindows: 4, minCount: 10 }] },
    });
    for (let w = 0; w < 4; w++)
      await processBatch(decode(cloudWatchEvent({ events: lines(ok, w, 40) })), ports, config);
    const inDropWindow = await processBatch(
      decode(cloudWatchEvent({ events: lines(ok, 4, 3) })),
      ports,
      config,
    );
    const next = await processBatch(decode(cloudWatchEvent({ events: lines(ok, 5, 1) })), ports, config);
    expect(inDropWindow.alerts).toEqual([]);
    expect(next.alerts).toHaveLength(1);
    expect(next.alerts[0]).toMatchObject({ value: 3, baseline: 40, window: { start: at(4, 0) } });
    expect(next.alerts[0]!.examples[0]!.timestamp).toBeLessThan(at(4, 0));
  });

  it('evaluateScheduledRules: a group quiet for `after` fires once, with its last event as example', async () => {
    let now = at(0, 10);
    const ports = memoryPorts({ now: () => now });
    const config = parseConfig({ alerts: { rules: [{ id: 'quiet', type: 'flatline', after: '15m' }] } });
    const pipeline = new Pipeline(config, ports);
    await pipeline.process(decode(cloudWatchEvent({ events: lines(ok, 0, 10) })));
    now = at(0, 9) + 14 * 60_000;
    expect((await pipeline.evaluateScheduledRules()).alerts).toEqual([]);
    now = at(0, 9) + 16 * 60_000;
    const fired = await pipeline.evaluateScheduledRules();
    now += 60_000;
    const again = await pipeline.evaluateScheduledRules();
    expect(fired.alerts.map((a) => a.rule)).toEqual(['quiet']);
    expect(fired.alerts[0]!.examples[0]!.message).toBe(ok(9));
    expect(again.alerts).toEqual([]);
    expect(ports.notifiers[0].sent).toHaveLength(1);
  });
});
