import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryMetricStore } from '../../../core/memory/index.js';
import { emptyWindow, type WindowDelta } from '../../../core/metrics/window.js';
import { openSqliteStores, type SqliteStores } from './index.js';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const W = 300_000;

let dir: string;
let stores: SqliteStores;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logsift-sqlite-metrics-'));
  stores = openSqliteStores(join(dir, 'logsift.db'), { clock: { now: () => T0 } });
});
afterEach(async () => {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
});

function delta(
  group: string,
  start: number,
  counters: Record<string, number>,
  maxima: Record<string, number> = {},
) {
  return { ...emptyWindow(group, start), counters, maxima } satisfies WindowDelta;
}

describe('SqliteMetricStore', () => {
  it('sums fractional counters and raises maxima exactly as the memory store does', async () => {
    // Prepare: values whose float sums are not round (0.1 + 0.2 = 0.30000000000000004).
    const batches: WindowDelta[][] = [
      [delta('/a', T0, { 'lat.sum': 0.1, total: 1 }, { 'lat.max': 0.1 }), delta('/b', T0, { total: 2 })],
      [
        delta('/a', T0, { 'lat.sum': 0.2, 'lat.b.12': 3 }, { 'lat.max': 1e-7 }),
        delta('/a', T0 + W, { total: 1 }),
      ],
      [delta('/a', T0, { 'lat.sum': 12.34, total: 2 }, { 'lat.max': 1234.5678, 'lambda.memory_mb': 128 })],
    ];
    const memory = new MemoryMetricStore();
    // Act
    for (const [i, b] of batches.entries()) {
      const [s, m] = [await stores.metrics.applyBatch(`b${i}`, b), await memory.applyBatch(`b${i}`, b)];
      expect(s).toEqual(m);
    }
    // Assess
    expect(await stores.metrics.queryWindows({})).toEqual(await memory.queryWindows({}));
    expect((await stores.metrics.queryWindows({ group: '/a' }))[0]!.counters['lat.sum']).toBe(
      0.1 + 0.2 + 12.34,
    );
  });

  it('merges two deltas of one window within one batch', async () => {
    const r = await stores.metrics.applyBatch('b', [
      delta('/a', T0, { total: 1 }),
      delta('/a', T0, { total: 2 }),
    ]);
    expect(r.windows.map((w) => w.counters.total)).toEqual([3, 3]);
  });

  it('returns the delta itself for a redelivered batch whose window was purged', async () => {
    const d = [delta('/a', T0, { total: 4 })];
    await stores.metrics.applyBatch('b', d);
    await stores.metrics.purgeBefore(T0); // the window ends after T0: kept, and so is the ledger row
    expect((await stores.metrics.applyBatch('b', d)).applied).toBe(false);
    await stores.metrics.purgeBefore(T0 + W); // window and ledger row go
    expect(await stores.metrics.queryWindows({})).toEqual([]);
    const ledger = stores.db.connection.prepare('SELECT count(*) FROM batch_ledger').pluck().get();
    expect(ledger).toBe(0);
  });
});
