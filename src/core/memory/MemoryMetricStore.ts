import { emptyWindow, mergeWindow, type WindowDelta, windowKey } from '../metrics/window.js';
import type { MetricQuery, MetricStore } from '../ports.js';

/** Metric windows in a Map; each batch id is applied once. */
export class MemoryMetricStore implements MetricStore {
  private readonly windows = new Map<string, WindowDelta>();
  private readonly appliedBatches = new Set<string>();

  async applyBatch(
    batchId: string,
    deltas: readonly WindowDelta[],
  ): Promise<{ applied: boolean; windows: WindowDelta[] }> {
    const applied = !this.appliedBatches.has(batchId);
    if (applied) {
      this.appliedBatches.add(batchId);
      for (const d of deltas) {
        const key = windowKey(d.group, d.start);
        let w = this.windows.get(key);
        if (!w) {
          w = emptyWindow(d.group, d.start, d.end - d.start);
          this.windows.set(key, w);
        }
        mergeWindow(w, d);
      }
    }
    const windows = deltas.map((d) => structuredClone(this.windows.get(windowKey(d.group, d.start)) ?? d));
    return { applied, windows };
  }

  async queryWindows(query: MetricQuery): Promise<WindowDelta[]> {
    return [...this.windows.values()]
      .filter(
        (w) =>
          (query.group === undefined || w.group === query.group) &&
          (query.from === undefined || w.start >= query.from) &&
          (query.to === undefined || w.start < query.to),
      )
      .sort((a, b) => a.start - b.start || a.group.localeCompare(b.group))
      .map((w) => structuredClone(w));
  }

  async purgeBefore(before: number): Promise<number> {
    let n = 0;
    for (const [key, w] of this.windows) {
      if (w.end <= before) {
        this.windows.delete(key);
        n++;
      }
    }
    return n;
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}
