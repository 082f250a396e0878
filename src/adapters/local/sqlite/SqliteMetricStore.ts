import type { Statement, Transaction } from 'better-sqlite3';
import type { WindowDelta } from '../../../core/metrics/window.js';
import { type Clock, type MetricQuery, type MetricStore, systemClock } from '../../../core/ports.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import { SqliteStore, whereClause } from './SqliteStore.js';
import { StatementCache } from './StatementCache.js';

interface WindowRow {
  grp: string;
  window_start: number;
  window_end: number;
  counters: string;
  maxima: string;
}

type ApplyResult = { applied: boolean; windows: WindowDelta[] };

/**
 * Merges one JSON object of numbers into the stored one: sum per key for counters, max per key for
 * maxima. One statement per window and batch (see the schema comment on metric_windows).
 */
const merge = (column: string, fn: 'sum' | 'max') =>
  `(SELECT json_group_object(key, v) FROM (
      SELECT key, ${fn}(value) AS v FROM (
        SELECT key, value FROM json_each(metric_windows.${column})
        UNION ALL SELECT key, value FROM json_each(excluded.${column}))
      GROUP BY key))`;

const LEDGER_SQL = 'INSERT OR IGNORE INTO batch_ledger (batch_id, windows_end, applied_at) VALUES (?, ?, ?)';
const UPSERT_SQL = `INSERT INTO metric_windows (grp, window_start, window_end, counters, maxima)
   VALUES (?, ?, ?, json(?), json(?))
   ON CONFLICT (grp, window_start) DO UPDATE SET
     counters = ${merge('counters', 'sum')},
     maxima = ${merge('maxima', 'max')}`;
const READ_WINDOW_SQL =
  'SELECT grp, window_start, window_end, counters, maxima FROM metric_windows WHERE grp = ? AND window_start = ?';
const DELETE_WINDOWS_SQL = 'DELETE FROM metric_windows WHERE window_end <= ?';
const DELETE_LEDGER_SQL = 'DELETE FROM batch_ledger WHERE windows_end <= ?';

/**
 * Metric windows in SQLite, applied exactly once per batch: the batch_ledger insert and the
 * window upserts share one IMMEDIATE transaction, so a redelivery (or a second process racing the
 * same batch on the same file) finds the ledger row and applies nothing.
 *
 * @example
 * const { metrics } = openSqliteStores('data/logsift.db');
 * await metrics.applyBatch(batch.id, deltas); // => { applied: true, windows: [...current totals] }
 */
export class SqliteMetricStore extends SqliteStore implements MetricStore {
  private readonly ledgerInsert: Statement;
  private readonly upsert: Statement;
  private readonly readWindow: Statement;
  private readonly apply: Transaction<(batchId: string, deltas: readonly WindowDelta[]) => ApplyResult>;
  private readonly purge: Transaction<(before: number) => number>;
  private readonly queries: StatementCache;

  constructor(
    db: SqliteDatabase,
    private readonly clock: Clock = systemClock,
  ) {
    super(db);
    const c = db.connection;
    this.queries = new StatementCache(c);
    this.ledgerInsert = c.prepare(LEDGER_SQL);
    this.upsert = c.prepare(UPSERT_SQL);
    this.readWindow = c.prepare(READ_WINDOW_SQL);
    const deleteWindows = c.prepare(DELETE_WINDOWS_SQL);
    const deleteLedger = c.prepare(DELETE_LEDGER_SQL);
    this.apply = c.transaction((batchId: string, deltas: readonly WindowDelta[]) => {
      let windowsEnd = 0;
      for (const d of deltas) if (d.end > windowsEnd) windowsEnd = d.end;
      const applied = this.ledgerInsert.run(batchId, windowsEnd, this.clock.now()).changes === 1;
      if (applied) {
        for (const d of deltas)
          this.upsert.run(d.group, d.start, d.end, JSON.stringify(d.counters), JSON.stringify(d.maxima));
      }
      const windows = deltas.map((d) => {
        const row = this.readWindow.get(d.group, d.start) as WindowRow | undefined;
        return row ? toWindow(row) : structuredClone(d);
      });
      return { applied, windows };
    });
    this.purge = c.transaction((before: number) => {
      const n = deleteWindows.run(before).changes;
      deleteLedger.run(before);
      return n;
    });
  }

  async applyBatch(batchId: string, deltas: readonly WindowDelta[]): Promise<ApplyResult> {
    const writer = this.db.writer;
    if (!writer) return this.apply.immediate(batchId, deltas);
    const windows = new Array<unknown>(deltas.length * 5);
    for (let i = 0; i < deltas.length; i++) {
      const d = deltas[i]!;
      windows[i * 5] = d.group;
      windows[i * 5 + 1] = d.start;
      windows[i * 5 + 2] = d.end;
      windows[i * 5 + 3] = JSON.stringify(d.counters);
      windows[i * 5 + 4] = JSON.stringify(d.maxima);
    }
    const { applied, rows } = await writer.applyMetrics({
      ledgerSql: LEDGER_SQL,
      upsertSql: UPSERT_SQL,
      readSql: READ_WINDOW_SQL,
      batchId,
      now: this.clock.now(),
      windows,
    });
    return {
      applied,
      windows: deltas.map((d, i) => {
        const row = rows[i] as WindowRow | null | undefined;
        return row ? toWindow(row) : structuredClone(d);
      }),
    };
  }

  async queryWindows(query: MetricQuery): Promise<WindowDelta[]> {
    const { sql: where, params } = whereClause([
      ['grp = ?', query.group],
      ['window_start >= ?', query.from],
      ['window_start < ?', query.to],
    ]);
    const sql = `SELECT grp, window_start, window_end, counters, maxima FROM metric_windows${where}`;
    const rows = this.queries.get(sql).all(...params) as WindowRow[];
    // Sorted here with the memory store's comparator (localeCompare is not SQLite's BINARY order).
    return rows.map(toWindow).sort((a, b) => a.start - b.start || a.group.localeCompare(b.group));
  }

  /** Deletes windows that ended at or before `before`, and ledger rows whose windows all did. */
  async purgeBefore(before: number): Promise<number> {
    const writer = this.db.writer;
    if (!writer) return this.purge.immediate(before);
    const [windows] = await writer.exec(
      [
        { sql: DELETE_WINDOWS_SQL, params: [before] },
        { sql: DELETE_LEDGER_SQL, params: [before] },
      ],
      true,
    );
    return windows as number;
  }
}

function toWindow(r: WindowRow): WindowDelta {
  return {
    group: r.grp,
    start: r.window_start,
    end: r.window_end,
    counters: JSON.parse(r.counters) as Record<string, number>,
    maxima: JSON.parse(r.maxima) as Record<string, number>,
  };
}
