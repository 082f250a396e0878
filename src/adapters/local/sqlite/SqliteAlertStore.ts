import type { Statement } from 'better-sqlite3';
import type { AlertFiring, AlertState, DeliveryRecord, StoredAlert } from '../../../core/alerts/types.js';
import type { AlertQuery, AlertStore } from '../../../core/ports.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import { SqliteStore, whereClause } from './SqliteStore.js';
import { StatementCache } from './StatementCache.js';

interface AlertRow {
  firing: string;
  state: AlertState;
  deliveries: string;
}

const INSERT_SQL = `INSERT OR IGNORE INTO alerts
    (id, dedup_key, rule, grp, group_key, window_start, window_end, severity, fired_at, firing)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const BY_ID_SQL = 'SELECT firing, state, deliveries FROM alerts WHERE id = ?';
// One statement: the attempt is appended and the state moves in the same write.
const DELIVER_SQL = `UPDATE alerts SET
     deliveries = json_insert(deliveries, '$[#]', json(?)),
     state = CASE WHEN ? THEN 'delivered' WHEN state = 'delivered' THEN state ELSE 'failed' END
   WHERE id = ?`;

/**
 * Alerts in SQLite: a firing is recorded once per id (INSERT OR IGNORE, then read back), with its
 * delivery state and a JSON array of delivery attempts appended in place.
 *
 * @example
 * const { created, alert } = await alerts.record(firing);
 * if (created) await alerts.markDelivered(alert.id, { ok: true, channel: 'email', at: Date.now() });
 */
export class SqliteAlertStore extends SqliteStore implements AlertStore {
  private readonly insert: Statement;
  private readonly byId: Statement;
  private readonly last: Statement;
  private readonly deliver: Statement;
  private readonly queries: StatementCache;

  constructor(db: SqliteDatabase) {
    super(db);
    const c = db.connection;
    this.queries = new StatementCache(c);
    this.insert = c.prepare(INSERT_SQL);
    this.byId = c.prepare(BY_ID_SQL);
    // Ties on fired_at go to the first recorded, as in the memory store.
    this.last = c.prepare(
      `SELECT firing, state, deliveries FROM alerts WHERE rule = ? AND group_key = ?
       ORDER BY fired_at DESC, rowid LIMIT 1`,
    );
    this.deliver = c.prepare(DELIVER_SQL);
  }

  async record(firing: AlertFiring): Promise<{ created: boolean; alert: StoredAlert }> {
    const params = [
      firing.id,
      firing.dedupKey,
      firing.rule,
      firing.group,
      `${firing.group}|${firing.key}`,
      firing.window.start,
      firing.window.end,
      firing.severity,
      firing.firedAt,
      JSON.stringify(firing),
    ];
    const writer = this.db.writer;
    if (writer) {
      const [changes, row] = await writer.exec([
        { sql: INSERT_SQL, params },
        { sql: BY_ID_SQL, params: [firing.id], get: true },
      ]);
      return { created: changes === 1, alert: toAlert(row as AlertRow) };
    }
    const created = this.insert.run(params).changes === 1;
    // Autocommit statements: the read sees the row whoever inserted it.
    return { created, alert: toAlert(this.byId.get(firing.id) as AlertRow) };
  }

  async lastFiring(rule: string, key: string): Promise<StoredAlert | undefined> {
    const row = this.last.get(rule, key) as AlertRow | undefined;
    return row && toAlert(row);
  }

  async markDelivered(
    id: string,
    result: { ok: boolean; channel: string; error?: string; at: number },
  ): Promise<void> {
    const record: DeliveryRecord = { channel: result.channel, ok: result.ok, at: result.at };
    if (result.error !== undefined) record.error = result.error;
    const params = [JSON.stringify(record), result.ok ? 1 : 0, id];
    const writer = this.db.writer;
    if (writer) await writer.exec([{ sql: DELIVER_SQL, params }]);
    else this.deliver.run(params);
  }

  async queryAlerts(query: AlertQuery): Promise<StoredAlert[]> {
    const { sql: where, params } = whereClause([
      ['window_start >= ?', query.from],
      ['window_start < ?', query.to],
      ['grp = ?', query.group],
      ['rule = ?', query.rule],
    ]);
    const limit = query.limit === undefined || !Number.isFinite(query.limit) ? 100 : Math.floor(query.limit);
    params.push(Math.max(0, limit));
    const sql = `SELECT firing, state, deliveries FROM alerts${where}
      ORDER BY fired_at DESC, window_start DESC, rowid LIMIT ?`;
    return (this.queries.get(sql).all(...params) as AlertRow[]).map(toAlert);
  }
}

function toAlert(r: AlertRow): StoredAlert {
  const firing = JSON.parse(r.firing) as AlertFiring;
  return { ...firing, state: r.state, deliveries: JSON.parse(r.deliveries) as DeliveryRecord[] };
}
