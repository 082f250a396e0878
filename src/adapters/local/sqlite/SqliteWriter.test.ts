import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WriterThreadError } from './errors.js';
import { openSqliteStores, type SqliteStores } from './index.js';

describe('SQLite writer thread', () => {
  let dir: string;
  let stores: SqliteStores | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'logsift-sqlite-writer-'));
  });

  afterEach(async () => {
    await stores?.close();
    stores = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an in-memory database, which a second connection cannot share', () => {
    // Act
    const open = () => openSqliteStores(':memory:', { writer: 'thread' });

    // Assess
    expect(open).toThrow(WriterThreadError);
  });

  it('writes on its own connection, and a read after the write sees it', async () => {
    // Prepare
    stores = openSqliteStores(join(dir, 'logsift.db'), { writer: 'thread' });

    // Act
    await stores.heartbeats.recordHeartbeat({ group: 'g', stream: 's', owner: '1' }, 1000);
    await stores.heartbeats.recordHeartbeat({ group: 'g', stream: 's' }, 2000);

    // Assess
    expect(stores.heartbeats.listHeartbeats()).toEqual([
      { group: 'g', stream: 's', owner: '1', firstSeen: 1000, lastSeen: 2000, count: 2 },
    ]);
  });

  it('answers a failed write with the SQLite error, and keeps writing after it', async () => {
    // Prepare
    stores = openSqliteStores(join(dir, 'logsift.db'), { writer: 'thread' });
    const writer = stores.db.writer!;

    // Act
    const failed = writer.exec([{ sql: 'INSERT INTO no_such_table VALUES (?)', params: [1] }]);

    // Assess
    await expect(failed).rejects.toThrow(/no such table/);
    await stores.patterns.savePatternState('g', { n: 1 });
    expect(await stores.patterns.loadPatternState('g')).toEqual({ n: 1 });
  });

  it('finishes the writes already sent before it closes', async () => {
    // Prepare
    const path = join(dir, 'logsift.db');
    stores = openSqliteStores(path, { writer: 'thread' });
    const saves = Array.from({ length: 20 }, (_, i) => stores!.patterns.savePatternState(`g${i}`, { i }));

    // Act
    await stores.close();
    await Promise.all(saves);

    // Assess
    stores = openSqliteStores(path);
    expect(await stores.patterns.loadPatternState('g19')).toEqual({ i: 19 });
  });

  it('rejects writes after close', async () => {
    // Prepare
    stores = openSqliteStores(join(dir, 'logsift.db'), { writer: 'thread' });
    await stores.close();

    // Act
    const late = stores.patterns.savePatternState('g', {});

    // Assess
    await expect(late).rejects.toThrow(WriterThreadError);
  });
});
