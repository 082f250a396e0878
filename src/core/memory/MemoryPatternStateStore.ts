import type { PatternStateStore } from '../ports.js';

/** Pattern miner snapshots per group, kept as JSON text so a restore sees what a real store would. */
export class MemoryPatternStateStore implements PatternStateStore {
  private readonly states = new Map<string, string>();

  async loadPatternState(group: string): Promise<unknown | undefined> {
    const text = this.states.get(group);
    return text === undefined ? undefined : JSON.parse(text);
  }

  async savePatternState(group: string, state: unknown): Promise<void> {
    this.states.set(group, JSON.stringify(state));
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}
