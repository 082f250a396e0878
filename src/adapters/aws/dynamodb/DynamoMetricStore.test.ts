import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { useDynamoStores } from '../../../../test/helpers/dynalite.js';
import { MemoryMetricStore } from '../../../core/memory/MemoryMetricStore.js';
import { emptyWindow, type WindowDelta } from '../../../core/metrics/window.js';
import { batchDigest } from './DynamoMetricStore.js';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const GROUP = '/aws/lambda/test-app';

function delta(
  start: number,
  counters: Record<string, number>,
  maxima: Record<string, number> = {},
): WindowDelta {
  return { ...emptyWindow(GROUP, start), counters, maxima };
}

describe('DynamoMetricStore', () => {
  const ctx = useDynamoStores('metrics');

  it('applies racing deliveries of a batch spanning several windows once per window', async () => {
    // Prepare
    const deltas = [0, 1, 2].map((w) =>
      delta(T0 + w * 300_000, { total: w + 1, 'sev.ERROR': 1 }, { 'lat.max': w }),
    );
    // Act
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() => ctx.stores.metrics.applyBatch('same', deltas)),
    );
    // Assess
    expect(results.some((r) => r.applied)).toBe(true);
    for (const r of results) expect(r.windows.map((w) => w.counters.total)).toEqual([1, 2, 3]);
    expect((await ctx.stores.metrics.queryWindows({ group: GROUP })).map((w) => w.counters)).toEqual(
      deltas.map((d) => d.counters),
    );
  });

  it('adds concurrent distinct batches on one window without losing any (optimistic retries)', async () => {
    const batches = Array.from({ length: 12 }, (_, i) => [
      delta(T0, { total: 1, [`pat.p${i % 3}`]: 2 }, { 'lat.max': i }),
    ]);
    const reference = new MemoryMetricStore();
    for (const [i, b] of batches.entries()) await reference.applyBatch(`b${i}`, b);
    const results = await Promise.all(batches.map((b, i) => ctx.stores.metrics.applyBatch(`b${i}`, b)));
    expect(results.every((r) => r.applied)).toBe(true);
    expect(await ctx.stores.metrics.queryWindows({})).toEqual(await reference.queryWindows({}));
  });

  it('merges deltas of one window given twice in a batch, and keeps the ledger small', async () => {
    const r = await ctx.stores.metrics.applyBatch('b1', [
      delta(T0, { total: 2 }),
      delta(T0, { total: 3 }, { 'lat.max': 9 }),
    ]);
    expect(r.windows.map((w) => w.counters.total)).toEqual([5, 5]);
    const { Item } = await ctx.stores.doc.send(
      new GetCommand({ TableName: ctx.stores.tables.metrics, Key: { g: GROUP, start: T0 } }),
    );
    expect(Item?.b).toEqual(new Set([batchDigest('b1')]));
    expect(batchDigest('b1')).toHaveLength(16);
  });

  it('reports nothing applied for a batch without deltas', async () => {
    expect(await ctx.stores.metrics.applyBatch('empty', [])).toEqual({ applied: false, windows: [] });
  });

  it('purges across groups through the start index, keeping windows that end later', async () => {
    await ctx.stores.metrics.applyBatch('b1', [
      delta(T0, { total: 1 }),
      { ...delta(T0, { total: 1 }), group: '/other' },
      delta(T0 + 300_000, { total: 1 }),
    ]);
    expect(await ctx.stores.metrics.purgeBefore(T0 + 300_000 - 1)).toBe(0);
    expect(await ctx.stores.metrics.purgeBefore(T0 + 300_000)).toBe(2);
    expect((await ctx.stores.metrics.queryWindows({})).map((w) => w.start)).toEqual([T0 + 300_000]);
  });

  it('answers an empty or reversed range with no windows, as the memory store does', async () => {
    await ctx.stores.metrics.applyBatch('b1', [delta(T0, { total: 1 })]);
    expect(await ctx.stores.metrics.queryWindows({ from: T0, to: T0 })).toEqual([]);
    expect(await ctx.stores.metrics.queryWindows({ group: GROUP, from: T0 + 1, to: T0 })).toEqual([]);
    expect(await ctx.stores.metrics.queryWindows({ from: T0, to: T0 + 1 })).toHaveLength(1);
  });
});
