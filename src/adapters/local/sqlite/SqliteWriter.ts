import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { WriterThreadError } from './errors.js';
import { WRITER_SOURCE } from './writerSource.js';

/** One statement for `exec`: `get` answers the first row (or undefined), otherwise `changes`. */
export interface WriteStep {
  sql: string;
  params: unknown[];
  get?: boolean;
}

/** SqliteEventStore's batch insert, run in the thread (see writerSource.ts). */
export interface EventsWrite {
  insertOneSql: string;
  insertManySql: string;
  maxSeqSql: string;
  indexSql: string;
  rowsPerInsert: number;
  paramsPerRow: number;
  /** Every row's parameters, one after the other. */
  params: unknown[];
}

/** SqliteMetricStore's exactly-once apply, run in the thread (see writerSource.ts). */
export interface MetricsWrite {
  ledgerSql: string;
  upsertSql: string;
  readSql: string;
  batchId: string;
  now: number;
  /** Five values per window: group, start, end, counters JSON, maxima JSON. */
  windows: unknown[];
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

type Message =
  | { op: 'exec'; steps: WriteStep[]; tx: boolean }
  | ({ op: 'events' } & EventsWrite)
  | ({ op: 'metrics' } & MetricsWrite)
  | { op: 'checkpoint' }
  | { op: 'close' };

/**
 * A thread that owns every write to one SQLite file, so the event loop never waits on a write
 * transaction (inserts, FTS indexing, fsync at checkpoints). SQLite lets one connection write at a
 * time: with all writes on this thread, the main connection only reads (WAL readers never block),
 * and its event loop never spins in busy_timeout. Writes run one at a time in the order they were
 * sent, except that short writes may pass queued batches of events (see writerSource.ts); each
 * method answers when its write has committed, so a read after it sees it. A second thread, the
 * checkpointer, copies the WAL into the database file meanwhile, so the writer rarely has to.
 *
 * @example
 * const writer = new SqliteWriter('data/logsift.db', { busyTimeoutMs: 5000, cacheSizeKiB: 32768 });
 * const [changes] = await writer.exec([{ sql: 'DELETE FROM heartbeats WHERE grp = ?', params: ['g'] }]);
 * await writer.close();
 */
export class SqliteWriter {
  private readonly worker: Worker;
  private readonly checkpointer: Worker;
  private readonly checkpointerExit: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;

  constructor(path: string, options: { busyTimeoutMs: number; cacheSizeKiB: number }) {
    if (path === ':memory:' || path === '')
      throw new WriterThreadError(
        'a writer thread needs a database file: an in-memory database has one connection',
      );
    const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WRITER_SOURCE, { eval: true, workerData: { betterSqlite3, path, options } });
    this.checkpointer = new Worker(WRITER_SOURCE, {
      eval: true,
      workerData: { betterSqlite3, path, options, role: 'checkpointer' },
    });
    this.checkpointer.unref();
    this.checkpointerExit = new Promise((ok) => this.checkpointer.once('exit', () => ok()));
    // Only an aid: when it fails, the writer's own checkpoints still bound the WAL.
    this.checkpointer.on('error', () => undefined);
    // Referenced only while a write is in flight: an idle writer does not keep the process alive.
    this.worker.unref();
    this.worker.on(
      'message',
      (m: { id: number; result?: unknown; error?: { name: string; message: string; code?: string } }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (this.pending.size === 0) this.worker.unref();
        if (m.error) p.reject(Object.assign(new Error(m.error.message), m.error));
        else p.resolve(m.result);
      },
    );
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', () => this.fail(new WriterThreadError('the SQLite writer thread has stopped')));
  }

  /** Runs statements in order, in one IMMEDIATE transaction when `tx`; answers each one's result. */
  exec(steps: WriteStep[], tx = false): Promise<unknown[]> {
    return this.send({ op: 'exec', steps, tx }) as Promise<unknown[]>;
  }

  /** Inserts a batch of events (INSERT OR IGNORE) and indexes the new ones; answers how many were new. */
  putEvents(write: EventsWrite): Promise<number> {
    return this.send({ op: 'events', ...write }) as Promise<number>;
  }

  /** Applies a batch's windows once; answers whether it did and each window's row after it (null when none). */
  applyMetrics(write: MetricsWrite): Promise<{ applied: boolean; rows: (object | null)[] }> {
    return this.send({ op: 'metrics', ...write }) as Promise<{ applied: boolean; rows: (object | null)[] }>;
  }

  /** A PASSIVE WAL checkpoint, after the writes sent before it. */
  async checkpoint(): Promise<void> {
    if (this.closing) return;
    await this.send({ op: 'checkpoint' });
  }

  /** Waits for the writes sent before, closes both threads' connections and ends the threads. Idempotent. */
  close(): Promise<void> {
    if (!this.closing) {
      const writer = this.send({ op: 'close' }).catch(() => undefined);
      this.checkpointer.ref();
      this.checkpointer.postMessage('close');
      this.closing = Promise.all([writer, this.checkpointerExit]).then(() => undefined);
    }
    return this.closing;
  }

  private send(message: Message): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new WriterThreadError('the SQLite writer is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...message });
    });
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }
}
