/**
 * The contract every store adapter passes (in-memory, SQLite, DynamoDB): one suite, run by each
 * adapter's own test file with a factory for fresh, empty stores, in the way Hono runs one router
 * suite against every router.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryMetricStore } from '../../src/core/memory/MemoryMetricStore.js';
import { emptyWindow, type WindowDelta } from '../../src/core/metrics/window.js';
import type { AlertStore, EventStore, MetricStore } from '../../src/core/ports.js';
import type { AnalyzedEvent, Severity } from '../../src/core/types.js';
import { firing } from '../fixtures/alerts.js';

export interface StoreUnderTest {
  events: EventStore;
  metrics: MetricStore;
  alerts: AlertStore;
  /** Releases the stores (and deletes their data). */
  dispose(): Promise<void>;
}

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const GROUP = '/aws/lambda/test-app';

export function makeEvent(i: number, overrides: Partial<AnalyzedEvent> = {}): AnalyzedEvent {
  const severities: Severity[] = ['INFO', 'ERROR', 'WARNING', 'DEBUG', 'CRITICAL'];
  return {
    id: `3700000000000000000000000000000000000000000000000000${String(i).padStart(4, '0')}`,
    group: GROUP,
    stream: 'stream-1',
    timestamp: T0 + i * 1000,
    severity: severities[i % severities.length]!,
    message: `event number ${i} ${i % 2 === 0 ? 'even payment' : 'odd checkout'}`,
    fields: { n: i, 'http.status': 200 + (i % 4) * 100, ok: i % 2 === 0, who: `user${i}` },
    patternId: `p${i % 3}`,
    template: 'event number <*>',
    batchId: 'batch-1',
    ...overrides,
  };
}

function delta(
  group: string,
  start: number,
  counters: Record<string, number>,
  maxima: Record<string, number> = {},
): WindowDelta {
  return { ...emptyWindow(group, start), counters, maxima };
}

export function runStoreContract(name: string, create: () => Promise<StoreUnderTest>): void {
  describe(`store contract: ${name}`, () => {
    let s: StoreUnderTest;
    beforeEach(async () => {
      s = await create();
    });
    afterEach(async () => {
      await s.dispose();
    });

    describe('events', () => {
      it('writes and reads back every field', async () => {
        const e = makeEvent(1, { correlationId: 'req-1', truncated: true, expiresAt: T0 + 86_400_000 });
        expect(await s.events.putEvents([e])).toEqual({ written: 1, duplicates: 0 });
        const page = await s.events.queryEvents({ group: GROUP });
        expect(page.events).toEqual([e]);
        expect(page.nextCursor).toBeUndefined();
      });

      it('is idempotent by group and id: a batch written twice is stored once', async () => {
        const batch = [makeEvent(1), makeEvent(2), makeEvent(3)];
        expect(await s.events.putEvents(batch)).toEqual({ written: 3, duplicates: 0 });
        expect(await s.events.putEvents(batch)).toEqual({ written: 0, duplicates: 3 });
        expect(await s.events.putEvents([makeEvent(3), makeEvent(4)])).toEqual({ written: 1, duplicates: 1 });
        expect((await s.events.queryEvents({ limit: 100 })).events).toHaveLength(4);
        // The same id in another group is another event.
        expect(await s.events.putEvents([makeEvent(1, { group: '/other' })])).toEqual({
          written: 1,
          duplicates: 0,
        });
      });

      it('accepts an empty write', async () => {
        expect(await s.events.putEvents([])).toEqual({ written: 0, duplicates: 0 });
      });

      it('filters by group, severity, time range, pattern, text and correlation id', async () => {
        const events = Array.from({ length: 20 }, (_, i) =>
          makeEvent(i, i === 7 ? { correlationId: 'trace-7' } : {}),
        );
        events.push(makeEvent(100, { group: '/other', correlationId: 'trace-7' }));
        await s.events.putEvents(events);
        const ids = async (q: Parameters<EventStore['queryEvents']>[0]) =>
          (await s.events.queryEvents(q)).events.map((e) => e.id);
        expect(await ids({ group: '/other' })).toEqual([makeEvent(100).id]);
        expect((await ids({ group: GROUP, severity: 'ERROR' })).length).toBe(4);
        expect(await ids({ group: GROUP, from: T0 + 5000, to: T0 + 7000 })).toEqual([
          makeEvent(6).id,
          makeEvent(5).id,
        ]);
        expect((await ids({ group: GROUP, patternId: 'p0' })).length).toBe(7);
        expect((await ids({ group: GROUP, q: 'payment' })).length).toBe(10);
        expect(await ids({ correlationId: 'trace-7' })).toEqual([makeEvent(100).id, makeEvent(7).id]);
      });

      it('pages newest first with a cursor, without gaps or repeats', async () => {
        const events = Array.from({ length: 25 }, (_, i) => makeEvent(i));
        // Two events at the same millisecond must still page deterministically.
        events.push(makeEvent(30, { timestamp: T0 + 10_000 }));
        await s.events.putEvents(events);
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await s.events.queryEvents({ group: GROUP, limit: 7, ...(cursor ? { cursor } : {}) });
          seen.push(...page.events.map((e) => e.id));
          cursor = page.nextCursor;
          pages++;
        } while (cursor && pages < 10);
        expect(pages).toBe(4);
        expect(new Set(seen).size).toBe(26);
        const times = seen.map((id) => events.find((e) => e.id === id)!.timestamp);
        expect(times).toEqual([...times].sort((a, b) => b - a));
      });
    });

    describe('retention', () => {
      it('purges events whose expiresAt has passed, and only those', async () => {
        await s.events.putEvents([
          makeEvent(1, { expiresAt: T0 + 1000 }),
          makeEvent(2, { expiresAt: T0 + 5000 }),
          makeEvent(3, { expiresAt: T0 + 9000 }),
          makeEvent(4),
        ]);
        expect(await s.events.purgeExpired(T0 + 5000)).toBe(2);
        const left = (await s.events.queryEvents({})).events.map((e) => e.id);
        expect(left.sort()).toEqual([makeEvent(3).id, makeEvent(4).id].sort());
        expect(await s.events.purgeExpired(T0 + 5000)).toBe(0);
      });

      it('purges metric windows that ended before a time', async () => {
        await s.metrics.applyBatch('b1', [
          delta(GROUP, T0, { total: 1 }),
          delta(GROUP, T0 + 300_000, { total: 2 }),
        ]);
        expect(await s.metrics.purgeBefore(T0 + 300_000)).toBe(1);
        expect((await s.metrics.queryWindows({})).map((w) => w.start)).toEqual([T0 + 300_000]);
      });
    });

    describe('metrics', () => {
      it('applies a batch once: a redelivered batch changes nothing', async () => {
        const d = [delta(GROUP, T0, { total: 5, 'sev.ERROR': 2, 'lat.b.120': 3 }, { 'lat.max': 120 })];
        const first = await s.metrics.applyBatch('batch-1', d);
        expect(first.applied).toBe(true);
        expect(first.windows[0]!.counters).toMatchObject({ total: 5, 'sev.ERROR': 2, 'lat.b.120': 3 });
        const again = await s.metrics.applyBatch('batch-1', d);
        expect(again.applied).toBe(false);
        expect(again.windows[0]!.counters).toMatchObject({ total: 5, 'sev.ERROR': 2 });
        const stored = await s.metrics.queryWindows({ group: GROUP });
        expect(stored).toHaveLength(1);
        expect(stored[0]!.counters.total).toBe(5);
      });

      it('adds counters and raises maxima across batches', async () => {
        await s.metrics.applyBatch('b1', [delta(GROUP, T0, { total: 3, 'sev.INFO': 3 }, { 'lat.max': 50 })]);
        const r = await s.metrics.applyBatch('b2', [
          delta(GROUP, T0, { total: 2, 'sev.ERROR': 2 }, { 'lat.max': 20 }),
        ]);
        expect(r.windows[0]).toMatchObject({
          group: GROUP,
          start: T0,
          end: T0 + 300_000,
          counters: { total: 5, 'sev.INFO': 3, 'sev.ERROR': 2 },
          maxima: { 'lat.max': 50 },
        });
        await s.metrics.applyBatch('b3', [delta(GROUP, T0, { total: 1 }, { 'lat.max': 75.5 })]);
        const [w] = await s.metrics.queryWindows({ group: GROUP });
        expect(w!.maxima['lat.max']).toBe(75.5);
        expect(w!.counters.total).toBe(6);
      });

      it('racing deliveries of one batch count once', async () => {
        const d = [delta(GROUP, T0, { total: 4 })];
        const results = await Promise.all([1, 2, 3, 4].map(() => s.metrics.applyBatch('same', d)));
        expect(results.filter((r) => r.applied)).toHaveLength(1);
        expect((await s.metrics.queryWindows({}))[0]!.counters.total).toBe(4);
      });

      it('queries by group and window start range', async () => {
        await s.metrics.applyBatch('b1', [
          delta(GROUP, T0, { total: 1 }),
          delta(GROUP, T0 + 300_000, { total: 2 }),
          delta('/other', T0, { total: 3 }),
        ]);
        expect((await s.metrics.queryWindows({ group: GROUP })).map((w) => w.start)).toEqual([
          T0,
          T0 + 300_000,
        ]);
        expect(
          (await s.metrics.queryWindows({ from: T0 + 1, to: T0 + 600_000 })).map((w) => w.counters.total),
        ).toEqual([2]);
        expect(await s.metrics.queryWindows({ group: '/none' })).toEqual([]);
      });
    });

    describe('alerts', () => {
      it('records a firing once per dedup key and keeps the stored one', async () => {
        const f = firing('error-burst', T0);
        const first = await s.alerts.record(f);
        expect(first.created).toBe(true);
        expect(first.alert).toMatchObject({ ...f, state: 'pending', deliveries: [] });
        const again = await s.alerts.record({ ...f, summary: 'changed', firedAt: f.firedAt + 5000 });
        expect(again.created).toBe(false);
        expect(again.alert.summary).toBe('error-burst fired');
        expect(await s.alerts.queryAlerts({})).toHaveLength(1);
      });

      it('racing records of one firing create it once', async () => {
        const f = firing('critical', T0);
        const results = await Promise.all([1, 2, 3].map(() => s.alerts.record(f)));
        expect(results.filter((r) => r.created)).toHaveLength(1);
      });

      it('tracks delivery state', async () => {
        const f = firing('critical', T0);
        await s.alerts.record(f);
        await s.alerts.markDelivered(f.id, {
          ok: false,
          channel: 'email',
          error: 'ECONNREFUSED',
          at: T0 + 1,
        });
        let [stored] = await s.alerts.queryAlerts({});
        expect(stored!.state).toBe('failed');
        await s.alerts.markDelivered(f.id, { ok: true, channel: 'email', at: T0 + 2 });
        [stored] = await s.alerts.queryAlerts({});
        expect(stored!.state).toBe('delivered');
        expect(stored!.deliveries).toEqual([
          { channel: 'email', ok: false, error: 'ECONNREFUSED', at: T0 + 1 },
          { channel: 'email', ok: true, at: T0 + 2 },
        ]);
      });

      it('finds the last firing of a rule and key, and filters by window time', async () => {
        await s.alerts.record(firing('critical', T0));
        await s.alerts.record(firing('critical', T0 + 300_000));
        await s.alerts.record(firing('error-burst', T0));
        const last = await s.alerts.lastFiring('critical', `${GROUP}|*`);
        expect(last?.window.start).toBe(T0 + 300_000);
        expect(await s.alerts.lastFiring('none', `${GROUP}|*`)).toBeUndefined();
        expect((await s.alerts.queryAlerts({ from: T0 + 1 })).map((a) => a.rule)).toEqual(['critical']);
        expect((await s.alerts.queryAlerts({ rule: 'error-burst' })).length).toBe(1);
      });
    });

    describe('user input', () => {
      it('rejects a malformed cursor with an error that names the cursor', async () => {
        await s.events.putEvents([makeEvent(1), makeEvent(2)]);
        for (const cursor of ['not-a-cursor!', Buffer.from('{"a":1}').toString('base64url')]) {
          await expect(s.events.queryEvents({ cursor })).rejects.toThrow(/cursor/i);
        }
      });

      it('takes any text as q: search syntax characters are words, never an error', async () => {
        await s.events.putEvents([
          makeEvent(1, { message: 'payment "declined" AND retried' }),
          makeEvent(2, { message: 'checkout ok' }),
        ]);
        for (const q of ['"unbalanced', 'AND OR', 'NEAR(', '*', 'a:b', '(', "'; DROP TABLE x; --", '^-']) {
          expect((await s.events.queryEvents({ q })).events, q).toBeInstanceOf(Array);
        }
        expect((await s.events.queryEvents({ q: 'AND retried' })).events.map((e) => e.id)).toEqual([
          makeEvent(1).id,
        ]);
        expect((await s.events.queryEvents({ q: '"declined' })).events.map((e) => e.id)).toEqual([
          makeEvent(1).id,
        ]);
        expect((await s.events.queryEvents({ q: '' })).events).toHaveLength(2);
      });

      it('keeps metric windows equal to the in-memory reference, fractions included', async () => {
        const batches = [
          [
            delta(GROUP, T0, { total: 1, 'lat.sum': 0.1 }, { 'lat.max': 0.1 }),
            delta('/other', T0, { total: 2 }),
          ],
          [delta(GROUP, T0, { 'lat.sum': 0.2, 'lat.b.12': 1 }, { 'lat.max': 1e-9 })],
          [delta(GROUP, T0 + 300_000, { total: 3 }, { 'lambda.memory_mb': 128 })],
        ];
        const reference = new MemoryMetricStore();
        for (const [i, b] of batches.entries()) {
          expect(await s.metrics.applyBatch(`b${i}`, b)).toEqual(await reference.applyBatch(`b${i}`, b));
        }
        expect(await s.metrics.queryWindows({})).toEqual(await reference.queryWindows({}));
      });
    });
  });
}
