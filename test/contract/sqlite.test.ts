import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStores } from '../../src/adapters/local/sqlite/index.js';
import { runStoreContract } from './storeContract.js';

runStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logsift-sqlite-contract-'));
  const stores = openSqliteStores(join(dir, 'logsift.db'));
  return {
    events: stores.events,
    metrics: stores.metrics,
    alerts: stores.alerts,
    dispose: async () => {
      await stores.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

runStoreContract('sqlite (writer thread)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logsift-sqlite-contract-'));
  const stores = openSqliteStores(join(dir, 'logsift.db'), { writer: 'thread' });
  return {
    events: stores.events,
    metrics: stores.metrics,
    alerts: stores.alerts,
    dispose: async () => {
      await stores.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
