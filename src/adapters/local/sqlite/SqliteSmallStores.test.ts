import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStores, type SqliteStores } from './index.js';

let dir: string;
let path: string;
let stores: SqliteStores;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logsift-sqlite-small-'));
  path = join(dir, 'logsift.db');
  stores = openSqliteStores(path, { clock: { now: () => 42 } });
});
afterEach(async () => {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SqlitePatternStateStore', () => {
  it('saves a snapshot per group, replaces it, and keeps it across reopen', async () => {
    // Prepare
    const snapshot = { version: 1, clusters: [{ id: 'p1', template: 'user <*> logged in', count: 3 }] };
    // Act
    await stores.patterns.savePatternState('/a', { old: true });
    await stores.patterns.savePatternState('/a', snapshot);
    await stores.patterns.savePatternState('/b', [1, 'two']);
    await stores.close();
    stores = openSqliteStores(path);
    // Assess
    expect(await stores.patterns.loadPatternState('/a')).toEqual(snapshot);
    expect(await stores.patterns.loadPatternState('/b')).toEqual([1, 'two']);
    expect(await stores.patterns.loadPatternState('/none')).toBeUndefined();
  });
});

describe('SqliteHeartbeatStore', () => {
  it('counts heartbeats per group and stream, with first and last seen', async () => {
    await stores.heartbeats.recordHeartbeat({ group: '/a', stream: 's1', owner: '123456789012' }, 2000);
    await stores.heartbeats.recordHeartbeat({ group: '/a', stream: 's1' }, 1000);
    await stores.heartbeats.recordHeartbeat({ group: '/a', stream: 's1', owner: '123456789012' }, 3000);
    await stores.heartbeats.recordHeartbeat({ group: '/b', stream: 's2' }, 2500);
    expect(stores.heartbeats.listHeartbeats()).toEqual([
      { group: '/a', stream: 's1', owner: '123456789012', firstSeen: 1000, lastSeen: 3000, count: 3 },
      { group: '/b', stream: 's2', firstSeen: 2500, lastSeen: 2500, count: 1 },
    ]);
    expect(stores.heartbeats.listHeartbeats('/b').map((h) => h.count)).toEqual([1]);
  });
});

describe('SqliteAlertStore', () => {
  it('ignores a delivery for an unknown alert', async () => {
    await stores.alerts.markDelivered('nope', { ok: true, channel: 'email', at: 1 });
    expect(await stores.alerts.queryAlerts({})).toEqual([]);
  });
});
