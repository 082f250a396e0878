import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Statement, Transaction } from 'better-sqlite3';
import { decodeCursor, encodeCursor, normalizeLimit } from '../../../core/memory/paging.js';
import type { EventPage, EventQuery, EventStore } from '../../../core/ports.js';
import type { AnalyzedEvent, Fields, Severity } from '../../../core/types.js';
import { toFtsQuery } from './ftsQuery.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import { SqliteStore } from './SqliteStore.js';
import type { EventsWrite } from './SqliteWriter.js';
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

const PARAMS_PER_ROW = 13;
const ROWS_PER_INSERT = 32;

/** Writes the event's column values into `params` from `at`, in the INSERT's column order. */
function bindRow(params: unknown[], at: number, e: AnalyzedEvent): void {
  params[at] = e.group;
  params[at + 1] = e.id;
  params[at + 2] = e.stream;
  params[at + 3] = e.timestamp;
  params[at + 4] = e.severity;
  params[at + 5] = e.message;
  params[at + 6] = JSON.stringify(e.fields);
  params[at + 7] = e.patternId ?? null;
  params[at + 8] = e.template ?? null;
  params[at + 9] = e.correlationId ?? null;
  params[at + 10] = e.batchId;
  params[at + 11] = e.truncated === undefined ? null : e.truncated ? 1 : 0;
  params[at + 12] = e.expiresAt ?? null;
}

const insertSql = (rows: number) =>
  `INSERT OR IGNORE INTO events
    (grp, id, stream, ts, severity, message, fields, pattern_id, template, correlation_id, batch_id, truncated, expires_at)
   VALUES ${Array(rows)
     .fill(`(${Array(PARAMS_PER_ROW).fill('?').join(', ')})`)
     .join(', ')}`;
const INSERT_ONE_SQL = insertSql(1);
const INSERT_MANY_SQL = insertSql(ROWS_PER_INSERT);
// Rows of a batch are those above the highest seq before it: the IMMEDIATE transaction keeps
// every other writer out, and a new rowid is always above the current maximum.
const MAX_SEQ_SQL = 'SELECT coalesce(max(seq), 0) FROM events';
const INDEX_TEXT_SQL =
  'INSERT INTO events_fts (rowid, message) SELECT seq, message FROM events WHERE seq > ?';
/** Up to this many text matches are fetched by rowid and sorted rather than found by walking time. */
const FEW_MATCHES = 2000;
const COUNT_MATCHES_SQL =
  'SELECT count(*) FROM (SELECT rowid FROM events_fts WHERE events_fts MATCH ? LIMIT ?)';
const DELETE_EXPIRED_SQL =
  'DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)';

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
export class SqliteEventStore extends SqliteStore implements EventStore {
  private readonly insertOne: Statement;
  private readonly insertMany: Statement;
  private readonly insertAll: Transaction<(events: readonly AnalyzedEvent[]) => number>;
  private readonly indexText: Statement;
  private readonly maxSeq: Statement;
  private readonly deleteExpired: Statement;
  private readonly countMatches: Statement;
  private readonly queries: StatementCache;
  private readonly purgeChunkSize: number;

  constructor(db: SqliteDatabase, options: SqliteEventStoreOptions = {}) {
    super(db);
    const c = db.connection;
    // The case-insensitive substring test of toFtsQuery's `contains` (SQLite's lower() folds ASCII only).
    c.function('logsift_contains', { deterministic: true }, (message, needle) =>
      String(message).toLowerCase().includes(String(needle)) ? 1 : 0,
    );
    this.queries = new StatementCache(c);
    this.purgeChunkSize = Math.max(1, Math.floor(options.purgeChunkSize ?? 5000));
    this.insertOne = c.prepare(INSERT_ONE_SQL);
    this.insertMany = c.prepare(INSERT_MANY_SQL);
    this.maxSeq = c.prepare(MAX_SEQ_SQL).pluck();
    this.indexText = c.prepare(INDEX_TEXT_SQL);
    const many = new Array<unknown>(ROWS_PER_INSERT * PARAMS_PER_ROW);
    const one = new Array<unknown>(PARAMS_PER_ROW);
    this.insertAll = c.transaction((events: readonly AnalyzedEvent[]) => {
      const before = this.maxSeq.get() as number;
      let written = 0;
      let i = 0;
      // Multi-row INSERTs: one statement step per 32 rows instead of per row (~10% faster ingest).
      // `changes` counts the rows actually inserted, so duplicates are still counted exactly.
      for (; i + ROWS_PER_INSERT <= events.length; i += ROWS_PER_INSERT) {
        for (let r = 0; r < ROWS_PER_INSERT; r++) bindRow(many, r * PARAMS_PER_ROW, events[i + r]!);
        written += this.insertMany.run(many).changes;
      }
      for (; i < events.length; i++) {
        bindRow(one, 0, events[i]!);
        written += this.insertOne.run(one).changes;
      }
      if (written > 0) this.indexText.run(before);
      return written;
    });
    this.deleteExpired = c.prepare(DELETE_EXPIRED_SQL);
    this.countMatches = c.prepare(COUNT_MATCHES_SQL).pluck();
  }

  async putEvents(events: readonly AnalyzedEvent[]): Promise<{ written: number; duplicates: number }> {
    if (events.length === 0) return { written: 0, duplicates: 0 };
    const writer = this.db.writer;
    const written = writer ? await writer.putEvents(threadWrite(events)) : this.insertAll.immediate(events);
    return { written, duplicates: events.length - written };
  }

  async queryEvents(query: EventQuery): Promise<EventPage> {
    const limit = normalizeLimit(query.limit);
    // An empty cursor is the first page, as in the memory store (`cursor=` in a query string).
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const where: string[] = [];
    const params: unknown[] = [];
    const text = toFtsQuery(query.q);
    if (text.match !== undefined) {
      // A common word ("error") matches most of the table: then, without an equality filter, `+`
      // (no index on seq) makes the planner walk events_time newest first, testing each row against
      // the matches, and stop after a page, instead of fetching and sorting every match. A rare
      // term (a request id, a token not indexed yet) would make that walk cover the whole table, so
      // the few matches are fetched by rowid and sorted instead.
      const seq = narrowed(query) || this.fewMatches(text.match) ? 'e.seq' : '+e.seq';
      where.push(`${seq} IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)`);
      params.push(text.match);
    }
    for (const s of text.contains) {
      // A term without cased letters (`->`, `10.0.0.1`) needs no folding: SQLite's own instr is faster.
      where.push(s === s.toUpperCase() ? 'instr(e.message, ?) > 0' : 'logsift_contains(e.message, ?)');
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

  /** True when the FTS expression has at most FEW_MATCHES matches (counted up to one more). */
  private fewMatches(match: string): boolean {
    return (this.countMatches.get(match, FEW_MATCHES + 1) as number) <= FEW_MATCHES;
  }

  /**
   * Deletes in chunks of `purgeChunkSize` rows, one short transaction each, yielding to the event
   * loop between chunks so a purge of millions of rows does not stall ingest or queries.
   * The FTS index follows through the delete trigger.
   */
  async purgeExpired(now: number): Promise<number> {
    let total = 0;
    for (;;) {
      const writer = this.db.writer;
      const n = writer
        ? ((
            await writer.exec([{ sql: DELETE_EXPIRED_SQL, params: [now, this.purgeChunkSize] }])
          )[0] as number)
        : this.deleteExpired.run(now, this.purgeChunkSize).changes;
      total += n;
      if (n < this.purgeChunkSize) return total;
      await yieldToEventLoop();
    }
  }
}

/** The insert of `events` for the writer thread: the same SQL, every row's parameters in one flat array. */
function threadWrite(events: readonly AnalyzedEvent[]): EventsWrite {
  const params = new Array<unknown>(events.length * PARAMS_PER_ROW);
  for (let i = 0; i < events.length; i++) bindRow(params, i * PARAMS_PER_ROW, events[i]!);
  return {
    insertOneSql: INSERT_ONE_SQL,
    insertManySql: INSERT_MANY_SQL,
    maxSeqSql: MAX_SEQ_SQL,
    indexSql: INDEX_TEXT_SQL,
    rowsPerInsert: ROWS_PER_INSERT,
    paramsPerRow: PARAMS_PER_ROW,
    params,
  };
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
