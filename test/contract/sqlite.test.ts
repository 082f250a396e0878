import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStores, type SqliteStoreOptions } from '../../src/adapters/local/sqlite/index.js';
import { runStoreContract } from './storeContract.js';

/** Fresh stores on a fresh file in a temp folder, removed on dispose. */
function sqliteStores(options: SqliteStoreOptions) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-sqlite-contract-'));
    const stores = openSqliteStores(join(dir, 'logsift.db'), options);
    return {
      events: stores.events,
      metrics: stores.metrics,
      alerts: stores.alerts,
      dispose: async () => {
        await stores.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

runStoreContract('sqlite', sqliteStores({}));
runStoreContract('sqlite (writer thread)', sqliteStores({ writer: 'thread' }));
