import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cloudWatchEvent, DEFAULT_START_MS } from '../../../../test/fixtures/cloudwatch.js';
import { parseConfig } from '../../../core/config.js';
import { decodeCloudWatchEvent } from '../../../core/decode/index.js';
import { MemoryNotifier } from '../../../core/memory/index.js';
import { windowView } from '../../../core/metrics/window.js';
import { Pipeline } from '../../../core/pipeline.js';
import { closePorts, type Ports } from '../../../core/ports.js';
import { FolderArchive } from '../archive-dir/FolderArchive.js';
import { openSqliteStores } from './index.js';

const MESSAGES = [
  'User login successful - user_id: user123 from IP 192.168.1.100',
  'Database connection error - failed to connect to MySQL server',
  'Critical system failure - disk space full on /var/log',
];
const clock = { now: () => DEFAULT_START_MS + 60_000 };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logsift-sqlite-pipeline-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function localPorts(): Ports & { notifiers: [MemoryNotifier] } {
  const stores = openSqliteStores(join(dir, 'logsift.db'), { clock });
  return {
    events: stores.events,
    metrics: stores.metrics,
    alerts: stores.alerts,
    patterns: stores.patterns,
    heartbeats: stores.heartbeats,
    archive: new FolderArchive(join(dir, 'archive'), { clock }),
    notifiers: [new MemoryNotifier()],
    clock,
  };
}

describe('the pipeline on local storage', () => {
  it('processes a batch redelivered to a restarted process exactly once', async () => {
    // Prepare
    const config = parseConfig({});
    const batch = decodeCloudWatchEvent(cloudWatchEvent({ events: MESSAGES }));
    const first = localPorts();
    // Act: deliver, restart (new connection, new pipeline), deliver again.
    const r1 = await new Pipeline(config, first).process(batch);
    await closePorts(first);
    const second = localPorts();
    const r2 = await new Pipeline(config, second).process(batch);
    // Assess
    expect(r1).toMatchObject({ processed: 3, duplicates: 0, metricsApplied: true });
    expect(r2).toMatchObject({ duplicates: 3, metricsApplied: false });
    expect(r2.alerts).toEqual([]);
    expect(first.notifiers[0].sent.map((a) => a.rule)).toEqual(['critical']);
    expect(second.notifiers[0].sent).toEqual([]);
    expect((await second.events.queryEvents({})).events).toHaveLength(3);
    const [window] = await second.metrics.queryWindows({});
    expect(windowView(window!).counts).toMatchObject({ total: 3, CRITICAL: 1, ERROR: 1, INFO: 1 });
    const alerts = await second.alerts.queryAlerts({});
    expect(alerts.map((a) => [a.rule, a.state])).toEqual([['critical', 'delivered']]);
    expect(readdirSync(join(dir, 'archive', r1.archiveKey!, '..'))).toHaveLength(1);
    await closePorts(second);
  });
});
