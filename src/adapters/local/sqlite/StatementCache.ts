import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements by SQL text. Queries with optional filters have one SQL text per filter
 * combination (so the planner can pick the right index for each); each text is prepared once per
 * store and reused. The number of texts is bounded by the filter combinations.
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  get(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}
