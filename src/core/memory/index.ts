import { type Clock, type Ports, systemClock } from '../ports.js';
import { MemoryAlertStore } from './MemoryAlertStore.js';
import { MemoryArchive } from './MemoryArchive.js';
import { MemoryEventStore } from './MemoryEventStore.js';
import { MemoryMetricStore } from './MemoryMetricStore.js';
import { MemoryNotifier } from './MemoryNotifier.js';
import { MemoryPatternStateStore } from './MemoryPatternStateStore.js';

export { decodeCursor, encodeCursor, InvalidCursorError, normalizeLimit } from './paging.js';
export {
  MemoryAlertStore,
  MemoryArchive,
  MemoryEventStore,
  MemoryMetricStore,
  MemoryNotifier,
  MemoryPatternStateStore,
};

export interface MemoryPorts extends Ports {
  events: MemoryEventStore;
  metrics: MemoryMetricStore;
  alerts: MemoryAlertStore;
  archive: MemoryArchive;
  patterns: MemoryPatternStateStore;
  notifiers: [MemoryNotifier];
}

/** Every port in memory: the CLI's engine and the tests' default. */
export function memoryPorts(clock: Clock = systemClock): MemoryPorts {
  return {
    events: new MemoryEventStore(),
    metrics: new MemoryMetricStore(),
    alerts: new MemoryAlertStore(),
    archive: new MemoryArchive(),
    patterns: new MemoryPatternStateStore(),
    notifiers: [new MemoryNotifier()],
    clock,
  };
}
