import type { StoredAlert } from '../alerts/types.js';
import type { Notifier } from '../ports.js';

/** Collects alerts instead of sending them: the CLI's "would fire" list, and a test peer. */
export class MemoryNotifier implements Notifier {
  readonly sent: StoredAlert[] = [];
  constructor(readonly name = 'memory') {}

  async notify(alert: StoredAlert): Promise<void> {
    this.sent.push(structuredClone(alert));
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}
