import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { WriterThreadError } from './errors.js';
import { SqliteWriter } from './SqliteWriter.js';
import { migrate } from './schema/migrate.js';
import { MIGRATIONS, type Migration } from './schema/migrations.js';

export interface SqliteOptions {
  /** How long a writer waits for another connection's lock, in ms. The default value is 5000. */
  busyTimeoutMs?: number;
  /**
   * Page cache per connection, in KiB (pages are taken as used, up to this). The default value is
   * 131072 (128 MiB): the event indexes take inserts all over their B-trees (severity, pattern,
   * correlation id), and once a few hundred thousand events outgrow a 32 MiB cache every insert
   * reads pages back; measured ~5% more sustained ingest at 500,000 events (bench/localIngest.ts).
   */
  cacheSizeKiB?: number;
  /** The schema to migrate to. The default value is logsift's MIGRATIONS; tests pass older lists. */
  migrations?: readonly Migration[];
  /** Told of each migration about to run on a file made by an older release (a rebuild can take a while). */
  onUpgrade?: (migration: Migration) => void;
  /**
   * Where writes run: `inline` on this connection, synchronously; `thread` on a second connection
   * owned by a worker thread (SqliteWriter), so the event loop never waits on a write. `thread`
   * needs a file, not `:memory:`. The default value is `inline`.
   */
  writer?: 'inline' | 'thread';
}

/**
 * One better-sqlite3 connection with logsift's pragmas and schema, shared by the stores of
 * `openSqliteStores`. Each store holds a lease; the connection closes when the last lease is
 * released (every store closed) or on `close()`.
 *
 * Pragmas: WAL (readers never block the writer), synchronous=NORMAL (a commit is safe against a
 * process crash; a power cut may lose the last commits, `checkpoint()` makes them durable),
 * busy_timeout (two processes on one file wait instead of failing), foreign_keys on.
 *
 * @example
 * const db = SqliteDatabase.open('data/logsift.db');
 * db.connection.prepare('SELECT count(*) FROM events').pluck().get();
 */
export class SqliteDatabase {
  private leases = 0;

  private constructor(
    readonly connection: Database.Database,
    readonly path: string,
    /** Schema versions before and after this open, e.g. { from: 0, to: 1 } for a new file. */
    readonly schema: { from: number; to: number },
    /** The thread every write goes through, when opened with `writer: 'thread'`. */
    readonly writer?: SqliteWriter,
  ) {}

  /** Opens (creating the file and its folder when missing) and migrates. `:memory:` works too. */
  static open(path: string, options: SqliteOptions = {}): SqliteDatabase {
    const inMemory = path === ':memory:' || path === '';
    if (inMemory && options.writer === 'thread')
      throw new WriterThreadError(
        "writer: 'thread' needs a database file: an in-memory database cannot be shared with a second connection",
      );
    if (!inMemory) mkdirSync(dirname(path), { recursive: true });
    const busyTimeoutMs = Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000));
    const cacheSizeKiB = Math.max(1024, Math.floor(options.cacheSizeKiB ?? 131072));
    const db = new Database(path, { timeout: busyTimeoutMs });
    try {
      if (!inMemory) db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma(`cache_size = ${-cacheSizeKiB}`);
      db.pragma('temp_store = MEMORY');
      // After a burst, truncate the WAL back to 64 MiB at checkpoints instead of keeping it huge.
      db.pragma('journal_size_limit = 67108864');
      const schema = migrate(db, options.migrations ?? MIGRATIONS, path, options.onUpgrade);
      // Planner statistics for a long-lived connection, as the SQLite docs advise; bounded work.
      db.pragma('analysis_limit = 1000');
      db.pragma('optimize = 0x10002');
      // Opened after the migration, so the thread's connection finds the schema in place.
      const writer =
        options.writer === 'thread' ? new SqliteWriter(path, { busyTimeoutMs, cacheSizeKiB }) : undefined;
      return new SqliteDatabase(db, path, schema, writer);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  get open(): boolean {
    return this.connection.open;
  }

  /** Takes a lease; call the returned function once to give it back. */
  acquire(): () => void {
    this.leases++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.leases <= 0) this.close();
    };
  }

  /**
   * Copies committed WAL pages into the database file (PASSIVE: never waits for readers). With a
   * writer thread, the thread does it after the writes sent before.
   */
  async checkpoint(): Promise<void> {
    if (this.writer) return this.writer.checkpoint();
    if (this.connection.open && !this.connection.memory) this.connection.pragma('wal_checkpoint(PASSIVE)');
  }

  /**
   * Refreshes planner statistics and closes. Idempotent. The writer thread, if any, closes after
   * the writes already sent: await `closed()` to wait for it.
   */
  close(): void {
    void this.writer?.close();
    if (!this.connection.open) return;
    this.connection.pragma('optimize');
    this.connection.close();
  }

  /** Waits for the writer thread (if any) to finish its writes and close, then closes. */
  async closed(): Promise<void> {
    // First the thread: the optimize of close() may write, and must not wait on the thread's lock.
    await this.writer?.close();
    this.close();
  }
}
