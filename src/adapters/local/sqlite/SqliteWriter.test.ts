import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../../../../test/contract/storeContract.js';
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

  it('writes batches that wait together in one transaction, each with its own count, and fails only a bad one', async () => {
    // Prepare: keep the thread busy so that the batches below queue up behind it.
    stores = openSqliteStores(join(dir, 'logsift.db'), { writer: 'thread' });
    const busy = stores.db.writer!.exec([
      {
        sql: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 2000000) SELECT count(*) AS n FROM c',
        params: [],
        get: true,
      },
    ]);

    // Act
    const first = stores.events.putEvents([makeEvent(1), makeEvent(2)]);
    const overlapping = stores.events.putEvents([makeEvent(2), makeEvent(3)]);
    const bad = stores.events.putEvents([makeEvent(4, { message: { not: 'text' } as unknown as string })]);
    const last = stores.events.putEvents([makeEvent(5)]);

    // Assess
    expect(await busy).toEqual([{ n: 2_000_000 }]);
    expect(await first).toEqual({ written: 2, duplicates: 0 });
    expect(await overlapping).toEqual({ written: 1, duplicates: 1 });
    await expect(bad).rejects.toThrow(/bind/);
    expect(await last).toEqual({ written: 1, duplicates: 0 });
    const found = await stores.events.queryEvents({ q: 'event number' });
    expect(found.events.map((e) => e.id)).toEqual([5, 3, 2, 1].map((i) => makeEvent(i).id));
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
