import type { Statement } from 'better-sqlite3';
import { type Clock, type PatternStateStore, systemClock } from '../../../core/ports.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import { SqliteStore } from './SqliteStore.js';

const SAVE_SQL = `INSERT INTO pattern_state (grp, state, updated_at) VALUES (?, ?, ?)
   ON CONFLICT (grp) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`;

/**
 * Pattern miner snapshots, one JSON document per log group, so patterns survive restarts.
 *
 * @example
 * await patterns.savePatternState('/aws/lambda/test-app', miner.snapshot());
 * const state = await patterns.loadPatternState('/aws/lambda/test-app');
 */
export class SqlitePatternStateStore extends SqliteStore implements PatternStateStore {
  private readonly load: Statement;
  private readonly save: Statement;

  constructor(
    db: SqliteDatabase,
    private readonly clock: Clock = systemClock,
  ) {
    super(db);
    const c = db.connection;
    this.load = c.prepare('SELECT state FROM pattern_state WHERE grp = ?').pluck();
    this.save = c.prepare(SAVE_SQL);
  }

  async loadPatternState(group: string): Promise<unknown | undefined> {
    const text = this.load.get(group) as string | undefined;
    return text === undefined ? undefined : JSON.parse(text);
  }

  async savePatternState(group: string, state: unknown): Promise<void> {
    const params = [group, JSON.stringify(state), this.clock.now()];
    const writer = this.db.writer;
    if (writer) await writer.exec([{ sql: SAVE_SQL, params }]);
    else this.save.run(params);
  }
}
