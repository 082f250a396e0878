/**
 * Local-mode storage: every store port on one SQLite file (better-sqlite3, WAL).
 */
import type { Clock } from '../../../core/ports.js';
import { SqliteAlertStore } from './SqliteAlertStore.js';
import { SqliteDatabase, type SqliteOptions } from './SqliteDatabase.js';
import { SqliteEventStore } from './SqliteEventStore.js';
import { SqliteHeartbeatStore } from './SqliteHeartbeatStore.js';
import { SqliteMetricStore } from './SqliteMetricStore.js';
import { SqlitePatternStateStore } from './SqlitePatternStateStore.js';

export { MigrationError, SchemaVersionError, WriterThreadError } from './errors.js';
export { type FtsQuery, toFtsQuery } from './ftsQuery.js';
export type { Heartbeat } from './SqliteHeartbeatStore.js';
export { SqliteWriter } from './SqliteWriter.js';
export { migrate, userVersion } from './schema/migrate.js';
export { MIGRATIONS, type Migration } from './schema/migrations.js';
export {
  SqliteAlertStore,
  SqliteDatabase,
  SqliteEventStore,
  SqliteHeartbeatStore,
  SqliteMetricStore,
  type SqliteOptions,
  SqlitePatternStateStore,
};

export interface SqliteStoreOptions extends SqliteOptions {
  /** Time source for ledger and snapshot timestamps. The default value is the system clock. */
  clock?: Clock;
  /** Events deleted per transaction by purgeExpired. The default value is 5000. */
  purgeChunkSize?: number;
}

export interface SqliteStores {
  db: SqliteDatabase;
  events: SqliteEventStore;
  metrics: SqliteMetricStore;
  alerts: SqliteAlertStore;
  patterns: SqlitePatternStateStore;
  heartbeats: SqliteHeartbeatStore;
  /** Closes every store and the connection (after the writer thread's pending writes, if any). Idempotent. */
  close(): Promise<void>;
}

/**
 * Opens (creating and migrating when needed) the SQLite file at `path` and the stores on it. The
 * connection closes when every Lifecycle store is closed (`closePorts`) or on `close()`. Several
 * processes or connections may open the same file: writes are exactly-once across them.
 * With `writer: 'thread'` every write runs on a worker thread (see SqliteWriter) and reads stay on
 * this thread's connection: for a server, whose event loop then never waits on a write.
 *
 * @example
 * const stores = openSqliteStores('data/logsift.db');
 * const ports = { ...stores, notifiers: [], clock: systemClock };
 * // ... processBatch(batch, ports, config)
 * await stores.close();
 * // A server: openSqliteStores('data/logsift.db', { writer: 'thread' })
 */
export function openSqliteStores(path: string, options: SqliteStoreOptions = {}): SqliteStores {
  const db = SqliteDatabase.open(path, options);
  const clock = options.clock;
  const events = new SqliteEventStore(
    db,
    options.purgeChunkSize === undefined ? {} : { purgeChunkSize: options.purgeChunkSize },
  );
  const metrics = new SqliteMetricStore(db, clock);
  const alerts = new SqliteAlertStore(db);
  const patterns = new SqlitePatternStateStore(db, clock);
  const heartbeats = new SqliteHeartbeatStore(db);
  return {
    db,
    events,
    metrics,
    alerts,
    patterns,
    heartbeats,
    async close() {
      await Promise.all([events.close(), metrics.close(), alerts.close(), patterns.close()]);
      await db.closed();
    },
  };
}
