import type { EventPage, EventQuery, EventStore } from '../ports.js';
import type { AnalyzedEvent } from '../types.js';
import { decodeCursor, encodeCursor, newestFirst, normalizeLimit } from './paging.js';

/**
 * Events in a Map, idempotent by (group, id). Real code for the CLI and for tests; queries scan,
 * which is fine for the volumes one process analyzes in memory.
 */
export class MemoryEventStore implements EventStore {
  private readonly byKey = new Map<string, AnalyzedEvent>();

  async putEvents(events: readonly AnalyzedEvent[]): Promise<{ written: number; duplicates: number }> {
    let written = 0;
    for (const e of events) {
      const key = `${e.group}\u0000${e.id}`;
      if (this.byKey.has(key)) continue;
      this.byKey.set(key, e);
      written++;
    }
    return { written, duplicates: events.length - written };
  }

  async queryEvents(query: EventQuery): Promise<EventPage> {
    const limit = normalizeLimit(query.limit);
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const terms = query.q ? query.q.toLowerCase().split(/\s+/).filter(Boolean) : [];
    const matches = [...this.byKey.values()].filter(
      (e) =>
        (query.group === undefined || e.group === query.group) &&
        (query.severity === undefined || e.severity === query.severity) &&
        (query.from === undefined || e.timestamp >= query.from) &&
        (query.to === undefined || e.timestamp < query.to) &&
        (query.patternId === undefined || e.patternId === query.patternId) &&
        (query.correlationId === undefined || e.correlationId === query.correlationId) &&
        terms.every((t) => e.message.toLowerCase().includes(t)),
    );
    matches.sort(newestFirst);
    const start = after ? matches.findIndex((e) => newestFirst(e, after) > 0) : 0;
    const page = start < 0 ? [] : matches.slice(start, start + limit);
    const last = page[page.length - 1];
    const more = start >= 0 && start + limit < matches.length;
    return more && last ? { events: page, nextCursor: encodeCursor(last) } : { events: page };
  }

  async purgeExpired(now: number): Promise<number> {
    let n = 0;
    for (const [key, e] of this.byKey) {
      if (e.expiresAt !== undefined && e.expiresAt <= now) {
        this.byKey.delete(key);
        n++;
      }
    }
    return n;
  }

  get size(): number {
    return this.byKey.size;
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}
