import type { Statement } from 'better-sqlite3';
import type { HeartbeatStore } from '../../../core/ports.js';
import type { LogBatch } from '../../../core/types.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import type { SqliteWriter } from './SqliteWriter.js';

/** One destination's heartbeats: CloudWatch sends a CONTROL_MESSAGE to check the destination. */
export interface Heartbeat {
  group: string;
  stream: string;
  owner?: string;
  firstSeen: number;
  lastSeen: number;
  count: number;
}

interface HeartbeatRow {
  grp: string;
  stream: string;
  owner: string | null;
  first_seen: number;
  last_seen: number;
  count: number;
}

const RECORD_SQL = `INSERT INTO heartbeats (grp, stream, owner, first_seen, last_seen, count) VALUES (?, ?, ?, ?, ?, 1)
   ON CONFLICT (grp, stream) DO UPDATE SET
     owner = coalesce(excluded.owner, owner),
     first_seen = min(first_seen, excluded.first_seen),
     last_seen = max(last_seen, excluded.last_seen),
     count = count + 1`;

/**
 * Heartbeats per (group, stream): first and last seen, how many. Not a Lifecycle port: it shares
 * the connection of the stores opened with it and writes synchronously (or on its writer thread).
 *
 * @example
 * await heartbeats.recordHeartbeat({ group: '/aws/lambda/test-app', stream: 'x', owner: '123456789012' }, Date.now());
 * heartbeats.listHeartbeats(); // => [{ group, stream, owner, firstSeen, lastSeen, count: 1 }]
 */
export class SqliteHeartbeatStore implements HeartbeatStore {
  private readonly record: Statement;
  private readonly list: Statement;
  private readonly listGroup: Statement;
  private readonly writer: SqliteWriter | undefined;

  constructor(db: SqliteDatabase) {
    const c = db.connection;
    this.writer = db.writer;
    this.record = c.prepare(RECORD_SQL);
    this.list = c.prepare('SELECT * FROM heartbeats ORDER BY last_seen DESC, grp, stream');
    this.listGroup = c.prepare('SELECT * FROM heartbeats WHERE grp = ? ORDER BY last_seen DESC, stream');
  }

  async recordHeartbeat(batch: Pick<LogBatch, 'group' | 'stream' | 'owner'>, at: number): Promise<void> {
    const params = [batch.group, batch.stream, batch.owner ?? null, at, at];
    if (this.writer) await this.writer.exec([{ sql: RECORD_SQL, params }]);
    else this.record.run(params);
  }

  /** Every destination seen, most recent first; or those of one group. */
  listHeartbeats(group?: string): Heartbeat[] {
    const rows = (group === undefined ? this.list.all() : this.listGroup.all(group)) as HeartbeatRow[];
    return rows.map((r) => {
      const h: Heartbeat = {
        group: r.grp,
        stream: r.stream,
        firstSeen: r.first_seen,
        lastSeen: r.last_seen,
        count: r.count,
      };
      if (r.owner !== null) h.owner = r.owner;
      return h;
    });
  }
}
