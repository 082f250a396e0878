import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { useDynamoStores } from '../../../../test/helpers/dynalite.js';
import type { AnalyzedEvent } from '../../../core/types.js';
import { eventPk, eventSk, HOUR_MS, hourOf } from './eventItem.js';
import type { DynamoStores } from './index.js';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const GROUP = '/aws/lambda/test-app';

function event(i: number, overrides: Partial<AnalyzedEvent> = {}): AnalyzedEvent {
  return {
    id: `ev-${String(i).padStart(5, '0')}`,
    group: GROUP,
    stream: 's',
    timestamp: T0 + i * 60_000,
    severity: i % 4 === 0 ? 'ERROR' : 'INFO',
    message: `Request ${i} ${i % 2 ? 'Timeout' : 'ok'}`,
    fields: { i },
    batchId: 'b1',
    ...overrides,
  };
}

async function pageAll(stores: DynamoStores, query: Parameters<DynamoStores['events']['queryEvents']>[0]) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await stores.events.queryEvents({ ...query, ...(cursor ? { cursor } : {}) });
    pages.push(page.events.map((e) => e.id));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 100);
  return pages;
}

describe('DynamoEventStore', () => {
  const ctx = useDynamoStores('events');

  it('pages across hour buckets newest first, a page boundary inside a bucket included', async () => {
    // Prepare: 300 events a minute apart span 5 hour buckets, in two groups.
    const events = Array.from({ length: 300 }, (_, i) => event(i));
    events.push(...Array.from({ length: 30 }, (_, i) => event(i * 7, { group: '/other' })));
    await ctx.stores.events.putEvents(events);
    const newestFirst = (group?: string) =>
      events
        .filter((e) => group === undefined || e.group === group)
        .sort(
          (a, b) => b.timestamp - a.timestamp || a.group.localeCompare(b.group) || a.id.localeCompare(b.id),
        )
        .map((e) => e.id);
    // Act
    const byGroup = await pageAll(ctx.stores, { group: GROUP, limit: 45 });
    const all = await pageAll(ctx.stores, { limit: 45 });
    const errors = await pageAll(ctx.stores, { group: GROUP, severity: 'ERROR', limit: 7 });
    // Assess
    expect(new Set(events.map((e) => hourOf(e.timestamp))).size).toBe(5);
    expect(byGroup.flat()).toEqual(newestFirst(GROUP));
    expect(byGroup.map((p) => p.length)).toEqual([45, 45, 45, 45, 45, 45, 30]);
    expect(all.flat()).toEqual(newestFirst());
    expect(errors.flat()).toEqual(
      newestFirst(GROUP).filter((id) => events.find((e) => e.id === id)!.severity === 'ERROR'),
    );
  });

  it('pages a correlation id across groups and hours in the memory order', async () => {
    const traced = Array.from({ length: 30 }, (_, i) =>
      event(i * 11, { correlationId: 'trace-1', ...(i % 3 === 0 ? { group: '/other' } : {}) }),
    );
    // Same millisecond in both groups: ties break by group, then id.
    traced.push(event(0, { correlationId: 'trace-1', group: '/a-first' }));
    await ctx.stores.events.putEvents([
      ...traced,
      ...Array.from({ length: 20 }, (_, i) => event(i * 11 + 1)),
    ]);
    const expected = traced
      .sort((a, b) => b.timestamp - a.timestamp || a.group.localeCompare(b.group) || a.id.localeCompare(b.id))
      .map((e) => e.id);
    const pages = await pageAll(ctx.stores, { correlationId: 'trace-1', limit: 7 });
    expect(pages.flat()).toEqual(expected);
    expect(pages.flat().slice(-2)).toEqual([event(0).id, event(0).id]);
    const other = await pageAll(ctx.stores, { correlationId: 'trace-1', group: '/other', limit: 4 });
    expect(other.flat()).toHaveLength(10);
  });

  it('bounds a time range to its buckets and keeps from inclusive, to exclusive', async () => {
    await ctx.stores.events.putEvents(Array.from({ length: 180 }, (_, i) => event(i)));
    const from = T0 + 59 * 60_000;
    const to = T0 + 121 * 60_000;
    const pages = await pageAll(ctx.stores, { group: GROUP, from, to, limit: 10 });
    expect(pages.flat()).toHaveLength(62);
    expect(pages.flat()[0]).toBe(event(120).id);
    expect(pages.flat().at(-1)).toBe(event(59).id);
    expect((await ctx.stores.events.queryEvents({ group: GROUP, from: to, to: from })).events).toEqual([]);
    expect((await ctx.stores.events.queryEvents({ from, to: from })).events).toEqual([]);
  });

  it('filters q as case-insensitive substrings over every page', async () => {
    await ctx.stores.events.putEvents(Array.from({ length: 120 }, (_, i) => event(i)));
    const pages = await pageAll(ctx.stores, { group: GROUP, q: 'TIMEOUT request', limit: 25 });
    expect(pages.flat()).toHaveLength(60);
    expect(pages.map((p) => p.length)).toEqual([25, 25, 10]);
  });

  it('ctx.stores the TTL attribute in epoch seconds', async () => {
    const expiresAt = T0 + 7 * 86_400_000 + 1;
    await ctx.stores.events.putEvents([event(1, { expiresAt })]);
    const { Item } = await ctx.stores.doc.send(
      new GetCommand({
        TableName: ctx.stores.tables.events,
        Key: { pk: eventPk(GROUP, hourOf(event(1).timestamp)), sk: eventSk(event(1).timestamp, event(1).id) },
      }),
    );
    expect(Item?.ttl).toBe(Math.ceil(expiresAt / 1000));
  });

  it('ctx.stores an event whose fields exceed 400 KB, flagged truncated', async () => {
    const big = event(1, { fields: { keep: 'yes', huge: 'x'.repeat(500_000) } });
    expect(await ctx.stores.events.putEvents([big])).toEqual({ written: 1, duplicates: 0 });
    const [stored] = (await ctx.stores.events.queryEvents({ group: GROUP })).events;
    expect(stored).toMatchObject({
      id: big.id,
      message: big.message,
      truncated: true,
      fields: { keep: 'yes' },
    });
  });

  it('counts duplicates inside one call and across calls, and racing writes store one copy', async () => {
    const batch = Array.from({ length: 60 }, (_, i) => event(i));
    expect(await ctx.stores.events.putEvents([...batch, batch[0]!])).toEqual({ written: 60, duplicates: 1 });
    const racing = Array.from({ length: 40 }, (_, i) => event(100 + i));
    const results = await Promise.all([1, 2, 3].map(() => ctx.stores.events.putEvents(racing)));
    for (const r of results) expect(r.written + r.duplicates).toBe(40);
    expect((await pageAll(ctx.stores, { group: GROUP, limit: 1000 })).flat()).toHaveLength(100);
  });

  it('writes 1000-event batches at a measured rate', async () => {
    const rates: number[] = [];
    for (let b = 0; b < 3; b++) {
      const batch = Array.from({ length: 1000 }, (_, i) =>
        event(b * 1000 + i, {
          timestamp: T0 + (b * 1000 + i) * 100,
          message: `GET /api/orders/${i} 200 ${i % 97}ms`,
        }),
      );
      const started = performance.now();
      expect(await ctx.stores.events.putEvents(batch)).toEqual({ written: 1000, duplicates: 0 });
      rates.push(1000 / ((performance.now() - started) / 1000));
    }
    const started = performance.now();
    const redelivery = Array.from({ length: 1000 }, (_, i) =>
      event(i, { timestamp: T0 + i * 100, message: `GET /api/orders/${i} 200 ${i % 97}ms` }),
    );
    expect(await ctx.stores.events.putEvents(redelivery)).toEqual({ written: 0, duplicates: 1000 });
    const dupRate = 1000 / ((performance.now() - started) / 1000);
    console.log(
      `dynalite putEvents, 1000-event batches: ${rates.map((r) => Math.round(r)).join(', ')} events/s; redelivery ${Math.round(dupRate)} events/s`,
    );
    expect(Math.max(...rates)).toBeGreaterThan(100);
  });

  it('purges only expired events and reports the true count', async () => {
    await ctx.stores.events.putEvents([
      event(1, { expiresAt: T0 }),
      event(2, { expiresAt: T0 + HOUR_MS }),
      event(3),
    ]);
    expect(await ctx.stores.events.purgeExpired(T0 + 1)).toBe(1);
    expect((await ctx.stores.events.queryEvents({})).events.map((e) => e.id).sort()).toEqual(
      [event(2).id, event(3).id].sort(),
    );
  });

  it('prunes emptied hours older than 48 h from the bucket catalog, keeping the rest queryable', async () => {
    // Prepare: 4 old hours that expire, one old hour that stays, one recent hour that expires.
    const now = T0 + 10 * 86_400_000;
    const expiring = [0, 1, 2, 3].map((h) => event(h * 60, { expiresAt: T0 + HOUR_MS }));
    const kept = event(4 * 60, { id: 'kept' });
    const recent = event(0, { id: 'recent', timestamp: now - HOUR_MS, expiresAt: now - 1 });
    await ctx.stores.events.putEvents([...expiring, kept, recent]);
    const catalog = async (sk: string) =>
      (
        await ctx.stores.doc.send(
          new GetCommand({ TableName: ctx.stores.tables.events, Key: { pk: '!buckets', sk } }),
        )
      ).Item?.hours as Set<number>;
    expect((await catalog(GROUP)).size).toBe(6);
    // Act
    expect(await ctx.stores.events.purgeExpired(now)).toBe(5);
    // Assess
    const recentHour = hourOf(now - HOUR_MS);
    expect([...(await catalog(GROUP))].sort()).toEqual([hourOf(kept.timestamp), recentHour]);
    expect([...(await catalog('*'))].sort()).toEqual([hourOf(kept.timestamp), recentHour]);
    expect((await ctx.stores.events.queryEvents({})).events.map((e) => e.id)).toEqual(['kept']);
    await ctx.stores.events.putEvents([event(1)]);
    expect((await ctx.stores.events.queryEvents({ group: GROUP })).events.map((e) => e.id)).toEqual([
      'kept',
      event(1).id,
    ]);
  });
});
