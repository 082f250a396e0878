import { MemoryAlertStore, MemoryEventStore, MemoryMetricStore } from '../../src/core/memory/index.js';
import { runStoreContract } from './storeContract.js';

runStoreContract('in-memory', async () => ({
  events: new MemoryEventStore(),
  metrics: new MemoryMetricStore(),
  alerts: new MemoryAlertStore(),
  dispose: async () => {},
}));
