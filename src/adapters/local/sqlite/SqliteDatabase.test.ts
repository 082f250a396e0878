import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../../../../test/contract/storeContract.js';
import { MigrationError, SchemaVersionError } from './errors.js';
import { openSqliteStores } from './index.js';
import { SqliteDatabase } from './SqliteDatabase.js';
import { MIGRATIONS, type Migration } from './schema/migrations.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logsift-sqlite-db-'));
  path = join(dir, 'nested', 'folder', 'logsift.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const v1: Migration = {
  version: 1,
  name: 'notes',
  up: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)',
};
const v2: Migration = {
  version: 2,
  name: 'note tags',
  up: "ALTER TABLE notes ADD COLUMN tag TEXT DEFAULT 'none'",
};

function versions(db: SqliteDatabase): number[] {
  return db.connection
    .prepare('SELECT version FROM schema_migrations ORDER BY version')
    .pluck()
    .all() as number[];
}

describe('SqliteDatabase', () => {
  it('creates the folder and the file, with WAL and the pragmas', () => {
    const db = SqliteDatabase.open(path, { busyTimeoutMs: 1234 });
    const pragma = (name: string) => db.connection.pragma(name, { simple: true });
    expect(db.schema).toEqual({ from: 0, to: MIGRATIONS.length });
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(1); // NORMAL
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBe(1234);
    expect(pragma('user_version')).toBe(MIGRATIONS.length);
    expect(versions(db)).toEqual(MIGRATIONS.map((m) => m.version));
    db.close();
  });

  it('opens an existing file again without migrating or losing data', async () => {
    // Prepare
    const first = openSqliteStores(path);
    await first.events.putEvents([makeEvent(1)]);
    await first.close();
    // Act
    const again = openSqliteStores(path);
    // Assess
    expect(again.db.schema).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
    expect(versions(again.db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect((await again.events.queryEvents({})).events).toEqual([makeEvent(1)]);
    await again.close();
  });

  it('brings a version 1 logsift file to FTS5 automerge 8, keeping its events searchable', async () => {
    // Prepare: a file written by the release that had only the initial schema.
    const old = SqliteDatabase.open(path, { migrations: MIGRATIONS.slice(0, 1) });
    old.connection
      .prepare(
        "INSERT INTO events (grp, id, stream, ts, severity, message, fields, batch_id) VALUES ('g', '1', 's', 1, 'INFO', 'disk quota exceeded', '{}', 'b')",
      )
      .run();
    old.connection.exec('INSERT INTO events_fts (rowid, message) SELECT seq, message FROM events');
    const automerge = (db: SqliteDatabase) =>
      db.connection.prepare("SELECT v FROM events_fts_config WHERE k = 'automerge'").pluck().get();
    expect(automerge(old)).toBeUndefined();
    old.close();
    // Act
    const stores = openSqliteStores(path);
    // Assess
    expect(stores.db.schema).toEqual({ from: 1, to: MIGRATIONS.length });
    expect(automerge(stores.db)).toBe(8);
    expect((await stores.events.queryEvents({ q: 'quota' })).events.map((e) => e.id)).toEqual(['1']);
    await stores.close();
  });

  it('rebuilds a version 2 full-text index without token positions, every event still found', async () => {
    // Prepare: a file of the release with the positional index, events indexed by it.
    const old = SqliteDatabase.open(path, { migrations: MIGRATIONS.slice(0, 2) });
    const insert = old.connection.prepare(
      "INSERT INTO events (grp, id, stream, ts, severity, message, fields, batch_id) VALUES ('g', ?, 's', ?, 'INFO', ?, '{}', 'b')",
    );
    insert.run('1', 1, 'retry #3 of user-42 from 10.0.0.1');
    insert.run('2', 2, 'user 42 logged out');
    old.connection.exec('INSERT INTO events_fts (rowid, message) SELECT seq, message FROM events');
    old.close();
    // Act
    const upgrades: number[] = [];
    const stores = openSqliteStores(path, { onUpgrade: (m) => upgrades.push(m.version) });
    // Assess
    const c = stores.db.connection;
    expect(stores.db.schema).toEqual({ from: 2, to: MIGRATIONS.length });
    expect(upgrades).toEqual(MIGRATIONS.slice(2).map((m) => m.version));
    expect(c.prepare("SELECT sql FROM sqlite_master WHERE name = 'events_fts'").pluck().get()).toMatch(
      /detail = none/,
    );
    expect(c.prepare("SELECT v FROM events_fts_config WHERE k = 'automerge'").pluck().get()).toBe(8);
    const ids = async (q: string) => (await stores.events.queryEvents({ q })).events.map((e) => e.id);
    expect(await ids('user')).toEqual(['2', '1']);
    expect(await ids('user-42')).toEqual(['1']);
    expect(await ids('10.0.0.1')).toEqual(['1']);
    // The delete trigger was made again: a deleted event leaves the index too.
    c.prepare("DELETE FROM events WHERE id = '1'").run();
    expect(c.prepare("SELECT count(*) FROM events_fts WHERE events_fts MATCH 'retry'").pluck().get()).toBe(0);
    await stores.close();
  });

  it('announces no upgrade for a new file', () => {
    const upgrades: number[] = [];
    SqliteDatabase.open(path, { onUpgrade: (m) => upgrades.push(m.version) }).close();
    expect(upgrades).toEqual([]);
  });

  it('opens a file at version 0 (an empty database) and migrates it', () => {
    SqliteDatabase.open(path, { migrations: [] }).close();
    const db = SqliteDatabase.open(path);
    expect(db.schema).toEqual({ from: 0, to: MIGRATIONS.length });
    db.close();
  });

  it('upgrades an older schema version, applying only the missing migrations', () => {
    // Prepare: a file made by an older release that knew only v1.
    const old = SqliteDatabase.open(path, { migrations: [v1] });
    old.connection.prepare("INSERT INTO notes (text) VALUES ('kept')").run();
    old.close();
    // Act
    const db = SqliteDatabase.open(path, { migrations: [v1, v2] });
    // Assess
    expect(db.schema).toEqual({ from: 1, to: 2 });
    expect(versions(db)).toEqual([1, 2]);
    expect(db.connection.prepare('SELECT text, tag FROM notes').all()).toEqual([
      { text: 'kept', tag: 'none' },
    ]);
    db.close();
  });

  it('refuses a file written by a newer logsift', () => {
    SqliteDatabase.open(path, { migrations: [v1, v2] }).close();
    expect(() => SqliteDatabase.open(path, { migrations: [v1] })).toThrow(SchemaVersionError);
  });

  it('rolls a failing migration back whole', () => {
    SqliteDatabase.open(path, { migrations: [v1] }).close();
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up: 'CREATE TABLE half (x); SELECT * FROM missing',
    };
    expect(() => SqliteDatabase.open(path, { migrations: [v1, broken] })).toThrow(MigrationError);
    const db = SqliteDatabase.open(path, { migrations: [v1] });
    expect(db.schema).toEqual({ from: 1, to: 1 });
    expect(
      db.connection.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get(),
    ).toBe(0);
    db.close();
  });

  it('rejects a migration list out of order', () => {
    expect(() => SqliteDatabase.open(path, { migrations: [v2] })).toThrow(MigrationError);
  });

  it('migrates once when two connections open a new file', () => {
    const a = SqliteDatabase.open(path);
    const b = SqliteDatabase.open(path);
    expect(versions(b)).toEqual(MIGRATIONS.map((m) => m.version));
    a.close();
    b.close();
  });

  it('closes the connection when the last store is closed, as closePorts does', async () => {
    const stores = openSqliteStores(path);
    await Promise.all([stores.events.flush(), stores.metrics.flush()]);
    await Promise.all([stores.events.close(), stores.metrics.close(), stores.alerts.close()]);
    expect(stores.db.open).toBe(true);
    await stores.patterns.close();
    expect(stores.db.open).toBe(false);
    await stores.close();
    await stores.events.flush();
  });
});
