import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudWatchEvent, DEFAULT_START_MS } from '../../../../test/fixtures/cloudwatch.js';
import { type RunningDynalite, startDynalite } from '../../../../test/helpers/dynalite.js';
import { parseConfig } from '../../../core/config.js';
import { decodeCloudWatchEvent } from '../../../core/decode/index.js';
import { MemoryArchive, MemoryNotifier, MemoryPatternStateStore } from '../../../core/memory/index.js';
import { windowView } from '../../../core/metrics/window.js';
import { Pipeline } from '../../../core/pipeline.js';
import type { Ports } from '../../../core/ports.js';
import type { TableNames } from '../schema.js';
import { openDynamoStores } from './index.js';

const MESSAGES = [
  'User login successful - user_id: user123 from IP 192.168.1.100',
  'Database connection error - failed to connect to MySQL server',
  'Critical system failure - disk space full on /var/log',
];
const clock = { now: () => DEFAULT_START_MS + 60_000 };

describe('the pipeline on DynamoDB (dynalite)', () => {
  let ddb: RunningDynalite;
  beforeAll(async () => {
    ddb = await startDynalite();
  });
  afterAll(async () => {
    await ddb.stop();
  });

  /** What one Lambda container wires: its own stores on the shared tables. */
  function lambdaPorts(tables: TableNames): Ports & { notifiers: [MemoryNotifier] } {
    const stores = openDynamoStores({ client: ddb.client, tables });
    return {
      events: stores.events,
      metrics: stores.metrics,
      alerts: stores.alerts,
      heartbeats: stores.heartbeats,
      patterns: new MemoryPatternStateStore(),
      archive: new MemoryArchive(),
      notifiers: [new MemoryNotifier()],
      clock,
    };
  }

  it('processes a batch redelivered to another container exactly once', async () => {
    // Prepare
    const config = parseConfig({});
    const tables = await ddb.createTables('pipeline');
    const batch = decodeCloudWatchEvent(cloudWatchEvent({ events: MESSAGES }));
    const first = lambdaPorts(tables);
    const second = lambdaPorts(tables);
    // Act
    const r1 = await new Pipeline(config, first).process(batch);
    const r2 = await new Pipeline(config, second).process(batch);
    // Assess
    expect(r1).toMatchObject({ processed: 3, duplicates: 0, metricsApplied: true });
    expect(r2).toMatchObject({ duplicates: 3, metricsApplied: false });
    expect(first.notifiers[0].sent.map((a) => a.rule)).toEqual(['critical']);
    expect(second.notifiers[0].sent).toEqual([]);
    expect((await second.events.queryEvents({})).events).toHaveLength(3);
    const [window] = await second.metrics.queryWindows({});
    expect(windowView(window!).counts).toMatchObject({ total: 3, CRITICAL: 1, ERROR: 1, INFO: 1 });
    expect((await second.alerts.queryAlerts({})).map((a) => [a.rule, a.state])).toEqual([
      ['critical', 'delivered'],
    ]);
  });

  it('counts a batch delivered to two containers at once once', async () => {
    const config = parseConfig({});
    const tables = await ddb.createTables('pipeline-race');
    const batch = decodeCloudWatchEvent(cloudWatchEvent({ events: MESSAGES }));
    const ports = [lambdaPorts(tables), lambdaPorts(tables)];
    const results = await Promise.all(ports.map((p) => new Pipeline(config, p).process(batch)));
    expect(results.filter((r) => r.metricsApplied)).toHaveLength(1);
    expect((await ports[0]!.events.queryEvents({})).events).toHaveLength(3);
    const [window] = await ports[0]!.metrics.queryWindows({});
    expect(window!.counters.total).toBe(3);
    expect(await ports[0]!.alerts.queryAlerts({})).toHaveLength(1);
  });
});
