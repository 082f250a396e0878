import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../../../../test/contract/storeContract.js';
import { InvalidCursorError, MemoryEventStore } from '../../../core/memory/index.js';
import type { EventQuery } from '../../../core/ports.js';
import type { AnalyzedEvent } from '../../../core/types.js';
import { openSqliteStores, type SqliteStores } from './index.js';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

let dir: string;
let stores: SqliteStores;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logsift-sqlite-events-'));
  stores = openSqliteStores(join(dir, 'logsift.db'), { purgeChunkSize: 3 });
});
afterEach(async () => {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
});

async function allPages(query: EventQuery, limit: number): Promise<AnalyzedEvent[]> {
  const seen: AnalyzedEvent[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await stores.events.queryEvents({ ...query, limit, ...(cursor ? { cursor } : {}) });
    seen.push(...page.events);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return seen;
}

const ids = async (q: EventQuery) => (await stores.events.queryEvents(q)).events.map((e) => e.id);

describe('SqliteEventStore full-text search', () => {
  const messages = [
    'Payment failed: card declined for user "alice"',
    'payment succeeded AND shipped OR not',
    'Café au lait ordered 日本語のログ 🚀 rocket',
    'GET /api/orders -> 502 upstream (timeout)',
    'retry #3 of user-42 at a.b.c',
    'NEAR(x y) is not an operator here * ^ :',
  ];
  beforeEach(async () => {
    await stores.events.putEvents(messages.map((message, i) => makeEvent(i, { message })));
  });

  it.each([
    ['"unbalanced'],
    ['AND OR'],
    ['NEAR(x'],
    ['*'],
    ['message:payment'],
    ['^ - ) ( " \' ; -- DROP TABLE events'],
    ['\u0000'],
  ])('never throws on user input %j', async (q) => {
    await expect(stores.events.queryEvents({ q })).resolves.toBeDefined();
  });

  it('ANDs terms, case-insensitively', async () => {
    expect(await ids({ q: 'PAYMENT failed' })).toEqual([makeEvent(0).id]);
    expect(await ids({ q: 'payment' })).toEqual([makeEvent(1).id, makeEvent(0).id]);
  });

  it('treats operators and quotes as words', async () => {
    expect(await ids({ q: 'AND OR' })).toEqual([makeEvent(1).id]);
    expect(await ids({ q: '"alice' })).toEqual([makeEvent(0).id]);
    expect(await ids({ q: 'NEAR(x' })).toEqual([makeEvent(5).id]);
  });

  it('matches unicode words, with and without diacritics', async () => {
    expect(await ids({ q: 'café' })).toEqual([makeEvent(2).id]);
    expect(await ids({ q: 'cafe' })).toEqual([makeEvent(2).id]);
    expect(await ids({ q: '日本語のログ' })).toEqual([makeEvent(2).id]);
  });

  it('finds a term with punctuation inside as a phrase', async () => {
    expect(await ids({ q: 'user-42' })).toEqual([makeEvent(4).id]);
    expect(await ids({ q: 'a.b.c' })).toEqual([makeEvent(4).id]);
    // As written, case-insensitively: the same tokens in another order or spacing are not the term.
    expect(await ids({ q: 'A.B.C' })).toEqual([makeEvent(4).id]);
    expect(await ids({ q: 'c.b.a' })).toEqual([]);
    expect(await ids({ q: 'user-4' })).toEqual([makeEvent(4).id]);
    expect(await ids({ q: '42-user' })).toEqual([]);
  });

  it('searches the last term as a prefix only', async () => {
    expect(await ids({ q: 'upstr' })).toEqual([makeEvent(3).id]);
    expect(await ids({ q: 'upstr 502' })).toEqual([]);
  });

  it('matches punctuation-only terms as substrings', async () => {
    expect(await ids({ q: '->' })).toEqual([makeEvent(3).id]);
    expect(await ids({ q: 'orders ->' })).toEqual([makeEvent(3).id]);
    expect(await ids({ q: '🚀' })).toEqual([makeEvent(2).id]);
  });

  it('treats an empty or blank q as no text filter', async () => {
    expect(await ids({ q: '' })).toHaveLength(messages.length);
    expect(await ids({ q: '   ' })).toHaveLength(messages.length);
  });

  it('keeps the index in step with deletes', async () => {
    await stores.events.putEvents([makeEvent(50, { message: 'ephemeral payment', expiresAt: T0 })]);
    expect(await ids({ q: 'ephemeral' })).toEqual([makeEvent(50).id]);
    await stores.events.purgeExpired(T0);
    expect(await ids({ q: 'ephemeral' })).toEqual([]);
    expect(integrityCheck()).toBe(true);
  });
});

describe('SqliteEventStore retention', () => {
  it('purges in chunks, letting other work run between them', async () => {
    // Prepare
    await stores.events.putEvents(
      Array.from({ length: 10 }, (_, i) => makeEvent(i, { expiresAt: T0 + i, message: `old ${i}` })),
    );
    await stores.events.putEvents([makeEvent(99, { expiresAt: T0 + 1e9, message: 'kept' })]);
    // Act: the purge deletes its first chunk synchronously, then yields.
    const purge = stores.events.purgeExpired(T0 + 100);
    const during = (await stores.events.queryEvents({})).events.length;
    const purged = await purge;
    // Assess
    expect(during).toBe(11 - 3);
    expect(purged).toBe(10);
    expect(await ids({})).toEqual([makeEvent(99).id]);
    expect(await ids({ q: 'old' })).toEqual([]);
    expect(integrityCheck()).toBe(true);
  });

  it('purges an exact multiple of the chunk size', async () => {
    await stores.events.putEvents(Array.from({ length: 6 }, (_, i) => makeEvent(i, { expiresAt: T0 })));
    expect(await stores.events.purgeExpired(T0)).toBe(6);
    expect(await stores.events.purgeExpired(T0)).toBe(0);
  });
});

describe('SqliteEventStore paging', () => {
  it('pages events with equal timestamps across groups in the memory store order', async () => {
    // Prepare: 3 groups x 7 events on 2 milliseconds, ids out of order.
    const events: AnalyzedEvent[] = [];
    for (const group of ['/b', '/a', '/c'])
      for (let i = 0; i < 7; i++)
        events.push(makeEvent(i, { group, id: `id-${(i * 5) % 7}`, timestamp: T0 + (i % 2) }));
    await stores.events.putEvents(events);
    const memory = new MemoryEventStore();
    await memory.putEvents(events);
    // Act
    const sqlitePages = await allPages({}, 4);
    const memoryAll = (await memory.queryEvents({ limit: 1000 })).events;
    // Assess
    expect(sqlitePages.map((e) => `${e.group} ${e.id}`)).toEqual(memoryAll.map((e) => `${e.group} ${e.id}`));
    expect(sqlitePages).toHaveLength(21);
  });

  it('pages a filtered, full-text query without gaps or repeats', async () => {
    const events = Array.from({ length: 40 }, (_, i) => makeEvent(i, { timestamp: T0 + Math.floor(i / 3) }));
    await stores.events.putEvents(events);
    const seen = await allPages({ q: 'payment', severity: 'INFO' }, 3);
    const expected = events.filter((e) => e.message.includes('payment') && e.severity === 'INFO');
    expect(seen.map((e) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
  });

  it.each([
    ['not base64 !!'],
    ['e30'], // {}
    [Buffer.from('[1,"g"]').toString('base64url')],
    [Buffer.from('["1","g","id"]').toString('base64url')],
  ])('rejects the malformed cursor %j with InvalidCursorError', async (cursor) => {
    await stores.events.putEvents([makeEvent(1)]);
    await expect(stores.events.queryEvents({ cursor })).rejects.toThrow(InvalidCursorError);
  });

  it('reads an empty cursor as the first page, as the memory store does', async () => {
    await stores.events.putEvents([makeEvent(1), makeEvent(2)]);
    expect(await ids({ cursor: '' })).toEqual([makeEvent(2).id, makeEvent(1).id]);
  });

  it('returns the same results as the memory store for every filter', async () => {
    const events = Array.from({ length: 60 }, (_, i) =>
      makeEvent(i, {
        group: i % 3 === 0 ? '/other' : '/aws/lambda/test-app',
        timestamp: T0 + Math.floor(i / 4) * 1000,
        ...(i % 7 === 0 ? { correlationId: 'trace-7' } : {}),
      }),
    );
    await stores.events.putEvents(events);
    const memory = new MemoryEventStore();
    await memory.putEvents(events);
    const queries: EventQuery[] = [
      {},
      { group: '/other' },
      { severity: 'ERROR' },
      { group: '/aws/lambda/test-app', severity: 'WARNING', from: T0 + 3000, to: T0 + 9000 },
      { patternId: 'p1' },
      { correlationId: 'trace-7' },
      { q: 'odd checkout' },
      { q: 'payment', group: '/other', limit: 5 },
    ];
    for (const q of queries) {
      expect(await stores.events.queryEvents(q), JSON.stringify(q)).toEqual(await memory.queryEvents(q));
    }
  });
});

function integrityCheck(): boolean {
  stores.db.connection
    .prepare("INSERT INTO events_fts (events_fts, rank) VALUES ('integrity-check', 1)")
    .run();
  return true;
}
