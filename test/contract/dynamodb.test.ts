import { afterAll, beforeAll } from 'vitest';
import { openDynamoStores } from '../../src/adapters/aws/dynamodb/index.js';
import { type RunningDynalite, startDynalite } from '../helpers/dynalite.js';
import { runStoreContract } from './storeContract.js';

let ddb: RunningDynalite;
beforeAll(async () => {
  ddb = await startDynalite();
});
afterAll(async () => {
  await ddb.stop();
});

// Fresh tables per test: unique names on one emulator.
runStoreContract('dynamodb', async () => {
  const stores = openDynamoStores({ client: ddb.client, tables: await ddb.createTables('contract') });
  return {
    events: stores.events,
    metrics: stores.metrics,
    alerts: stores.alerts,
    dispose: () => stores.close(),
  };
});
