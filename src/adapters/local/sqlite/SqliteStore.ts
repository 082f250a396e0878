import type { Lifecycle } from '../../../core/ports.js';
import type { SqliteDatabase } from './SqliteDatabase.js';

/**
 * What every SQLite store shares: a hold on the shared connection (released on close, so the
 * connection closes with the last store), and the lifecycle, where flush() checkpoints the WAL.
 */
export abstract class SqliteStore implements Lifecycle {
  private readonly release: () => void;
  protected closed = false;

  constructor(protected readonly db: SqliteDatabase) {
    this.release = db.acquire();
  }

  async flush(): Promise<void> {
    if (!this.closed) await this.db.checkpoint();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    this.release();
  }
}

/**
 * A WHERE clause from optional equality or range conditions: each pair is a SQL condition with one
 * `?` and its value; pairs whose value is undefined are left out.
 *
 * @example
 * whereClause([['grp = ?', query.group], ['window_start >= ?', query.from]]);
 * // { sql: ' WHERE grp = ?', params: ['/aws/lambda/x'] } when only group is set
 */
export function whereClause(conditions: readonly (readonly [string, unknown])[]): {
  sql: string;
  params: unknown[];
} {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [condition, value] of conditions) {
    if (value === undefined) continue;
    parts.push(condition);
    params.push(value);
  }
  return { sql: parts.length > 0 ? ` WHERE ${parts.join(' AND ')}` : '', params };
}
