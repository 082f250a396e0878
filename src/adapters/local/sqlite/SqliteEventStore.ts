import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Statement, Transaction } from 'better-sqlite3';
import { decodeCursor, encodeCursor, normalizeLimit } from '../../../core/memory/paging.js';
import type { EventPage, EventQuery, EventStore } from '../../../core/ports.js';
import type { AnalyzedEvent, Fields, Severity } from '../../../core/types.js';
import { toFtsQuery } from './ftsQuery.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import { StatementCache } from './StatementCache.js';

export interface SqliteEventStoreOptions {
  /** Rows deleted per transaction by purgeExpired, with a turn of the event loop between. The default value is 5000. */
  purgeChunkSize?: number;
}

interface EventRow {
  grp: string;
  id: string;
  stream: string;
  ts: number;
  severity: Severity;
  message: string;
  fields: string;
  pattern_id: string | null;
  template: string | null;
  correlation_id: string | null;
  batch_id: string;
  truncated: number | null;
  expires_at: number | null;
}

const COLUMNS =
  'e.grp, e.id, e.stream, e.ts, e.severity, e.message, e.fields, e.pattern_id, e.template, e.correlation_id, e.batch_id, e.truncated, e.expires_at';

/**
 * Events in SQLite, idempotent by (group, id) through a unique index and INSERT OR IGNORE. One
 * transaction per putEvents call. Pages are newest first (timestamp desc, group, id: the memory
 * store's order) with the memory store's opaque cursor; `q` is an FTS5 search (see toFtsQuery).
 *
 * @example
 * const { events } = openSqliteStores('data/logsift.db');
 * await events.putEvents(analyzed); // => { written: 120, duplicates: 0 }
 * await events.queryEvents({ group: '/aws/lambda/test-app', q: 'timeout', limit: 50 });
 */
export class SqliteEventStore implements EventStore {
  private readonly insert: Statement;
  private readonly insertAll: Transaction<(events: readonly AnalyzedEvent[]) => number>;
  private readonly indexText: Statement;
  private readonly maxSeq: Statement;
  private readonly deleteExpired: Statement;
  private readonly queries: StatementCache;
  private readonly purgeChunkSize: number;
  private readonly release: () => void;
  private closed = false;

  constructor(
    private readonly db: SqliteDatabase,
    options: SqliteEventStoreOptions = {},
  ) {
    const c = db.connection;
    this.release = db.acquire();
    this.queries = new StatementCache(c);
    this.purgeChunkSize = Math.max(1, Math.floor(options.purgeChunkSize ?? 5000));
    this.insert = c.prepare(
      `INSERT OR IGNORE INTO events
        (grp, id, stream, ts, severity, message, fields, pattern_id, template, correlation_id, batch_id, truncated, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Rows of this batch are those above the highest seq before it: the IMMEDIATE transaction keeps
    // every other writer out, and a new rowid is always above the current maximum.
    this.maxSeq = c.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck();
    this.indexText = c.prepare(
      'INSERT INTO events_fts (rowid, message) SELECT seq, message FROM events WHERE seq > ?',
    );
    this.insertAll = c.transaction((events: readonly AnalyzedEvent[]) => {
      const before = this.maxSeq.get() as number;
      let written = 0;
      for (const e of events) {
        written += this.insert.run(
          e.group,
          e.id,
          e.stream,
          e.timestamp,
          e.severity,
          e.message,
          JSON.stringify(e.fields),
          e.patternId ?? null,
          e.template ?? null,
          e.correlationId ?? null,
          e.batchId,
          e.truncated === undefined ? null : e.truncated ? 1 : 0,
          e.expiresAt ?? null,
        ).changes;
      }
      if (written > 0) this.indexText.run(before);
      return written;
    });
    this.deleteExpired = c.prepare(
      'DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)',
    );
  }

  async putEvents(events: readonly AnalyzedEvent[]): Promise<{ written: number; duplicates: number }> {
    if (events.length === 0) return { written: 0, duplicates: 0 };
    const written = this.insertAll.immediate(events);
    return { written, duplicates: events.length - written };
  }

  async queryEvents(query: EventQuery): Promise<EventPage> {
    const limit = normalizeLimit(query.limit);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const where: string[] = [];
    const params: unknown[] = [];
    const text = toFtsQuery(query.q);
    if (text.match !== undefined) {
      where.push('e.seq IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)');
      params.push(text.match);
    }
    for (const s of text.substrings) {
      where.push('instr(e.message, ?) > 0');
      params.push(s);
    }
    if (query.group !== undefined) {
      where.push('e.grp = ?');
      params.push(query.group);
    }
    if (query.severity !== undefined) {
      where.push('e.severity = ?');
      params.push(query.severity);
    }
    if (query.patternId !== undefined) {
      where.push('e.pattern_id = ?');
      params.push(query.patternId);
    }
    if (query.correlationId !== undefined) {
      where.push('e.correlation_id = ?');
      params.push(query.correlationId);
    }
    if (query.from !== undefined) {
      where.push('e.ts >= ?');
      params.push(query.from);
    }
    if (query.to !== undefined) {
      where.push('e.ts < ?');
      params.push(query.to);
    }
    if (after) {
      // The redundant `ts <= ?` gives the planner a range on the index; the OR picks the exact position.
      where.push('e.ts <= ? AND (e.ts < ? OR (e.ts = ? AND (e.grp > ? OR (e.grp = ? AND e.id > ?))))');
      params.push(after.timestamp, after.timestamp, after.timestamp, after.group, after.group, after.id);
    }
    if (query.from === undefined && query.to === undefined && !after && !narrowed(query)) {
      // Without a range the planner would scan the table and sort it all; the bound (always
      // true) makes it walk events_time newest first and stop after one page.
      where.push('e.ts < ?');
      params.push(Number.MAX_SAFE_INTEGER);
    }
    params.push(limit + 1);
    const sql = `SELECT ${COLUMNS} FROM events e${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
      ORDER BY e.ts DESC, e.grp, e.id LIMIT ?`;
    const rows = this.queries.get(sql).all(...params) as EventRow[];
    const more = rows.length > limit;
    const events = (more ? rows.slice(0, limit) : rows).map(toEvent);
    const last = events[events.length - 1];
    return more && last ? { events, nextCursor: encodeCursor(last) } : { events };
  }

  /**
   * Deletes in chunks of `purgeChunkSize` rows, one short transaction each, yielding to the event
   * loop between chunks so a purge of millions of rows does not stall ingest or queries.
   * The FTS index follows through the delete trigger.
   */
  async purgeExpired(now: number): Promise<number> {
    let total = 0;
    for (;;) {
      const n = this.deleteExpired.run(now, this.purgeChunkSize).changes;
      total += n;
      if (n < this.purgeChunkSize) return total;
      await yieldToEventLoop();
    }
  }

  async flush(): Promise<void> {
    if (!this.closed) this.db.checkpoint();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    this.release();
  }
}

/** True when an equality filter picks an index of its own. */
function narrowed(q: EventQuery): boolean {
  return (
    q.group !== undefined ||
    q.severity !== undefined ||
    q.patternId !== undefined ||
    q.correlationId !== undefined
  );
}

function toEvent(r: EventRow): AnalyzedEvent {
  const e: AnalyzedEvent = {
    id: r.id,
    group: r.grp,
    stream: r.stream,
    timestamp: r.ts,
    severity: r.severity,
    message: r.message,
    fields: JSON.parse(r.fields) as Fields,
    batchId: r.batch_id,
  };
  if (r.pattern_id !== null) e.patternId = r.pattern_id;
  if (r.template !== null) e.template = r.template;
  if (r.correlation_id !== null) e.correlationId = r.correlation_id;
  if (r.truncated !== null) e.truncated = r.truncated === 1;
  if (r.expires_at !== null) e.expiresAt = r.expires_at;
  return e;
}
