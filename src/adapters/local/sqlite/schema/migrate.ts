import type { Database } from 'better-sqlite3';
import { MigrationError, SchemaVersionError } from '../errors.js';
import type { Migration } from './migrations.js';

/**
 * Brings the database to the last version of `migrations`, one IMMEDIATE transaction per
 * migration. The version is re-read inside each transaction, so two processes opening the same
 * new file at once apply every migration exactly once. Opening an up-to-date file writes nothing.
 * `onUpgrade` hears of each migration about to run on a file that already had a schema.
 *
 * @example migrate(db, MIGRATIONS, 'data/logsift.db') // => { from: 0, to: 1 }
 */
export function migrate(
  db: Database,
  migrations: readonly Migration[],
  path: string,
  onUpgrade?: (migration: Migration) => void,
): { from: number; to: number } {
  checkOrder(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const from = userVersion(db);
  if (from > latest) throw new SchemaVersionError(path, from, latest);
  if (from === latest) return { from, to: from };

  for (const m of migrations) {
    if (m.version <= from) continue;
    // An existing file is being upgraded (some migrations rebuild an index): say so before waiting.
    if (from > 0) onUpgrade?.(m);
    db.transaction(() => {
      const current = userVersion(db);
      if (current >= m.version) return;
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      )`);
      try {
        db.exec(m.up);
      } catch (err) {
        throw new MigrationError(
          `migration ${m.version} (${m.name}) failed on ${path}: ${(err as Error).message}`,
          {
            cause: err,
          },
        );
      }
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        Date.now(),
      );
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: latest };
}

export function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1 || !Number.isInteger(m.version))
      throw new MigrationError(`migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
  });
}
