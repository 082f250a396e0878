/** Errors of the SQLite adapter. */

/** The database file was written by a newer logsift: its schema version is beyond what this code knows. */
export class SchemaVersionError extends Error {
  override readonly name = 'SchemaVersionError';
  constructor(path: string, found: number, known: number) {
    super(
      `SQLite database ${path} has schema version ${found}, newer than this logsift knows (${known}): upgrade logsift or use another --data folder`,
    );
  }
}

/** A migration list that is not strictly increasing from version 1, or a migration that failed. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** The writer thread cannot be used here (an in-memory database), or it stopped or was closed. */
export class WriterThreadError extends Error {
  override readonly name = 'WriterThreadError';
}
