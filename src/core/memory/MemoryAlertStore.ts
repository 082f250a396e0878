import type { AlertFiring, StoredAlert } from '../alerts/types.js';
import type { AlertQuery, AlertStore } from '../ports.js';

/** Alerts in a Map keyed by firing id (a hash of rule, group, key and window). */
export class MemoryAlertStore implements AlertStore {
  private readonly byId = new Map<string, StoredAlert>();

  async record(firing: AlertFiring): Promise<{ created: boolean; alert: StoredAlert }> {
    const existing = this.byId.get(firing.id);
    if (existing) return { created: false, alert: structuredClone(existing) };
    const alert: StoredAlert = { ...structuredClone(firing), state: 'pending', deliveries: [] };
    this.byId.set(firing.id, alert);
    return { created: true, alert: structuredClone(alert) };
  }

  async lastFiring(rule: string, key: string): Promise<StoredAlert | undefined> {
    let last: StoredAlert | undefined;
    for (const a of this.byId.values()) {
      if (a.rule === rule && `${a.group}|${a.key}` === key && (!last || a.firedAt > last.firedAt)) last = a;
    }
    return last && structuredClone(last);
  }

  async markDelivered(
    id: string,
    result: { ok: boolean; channel: string; error?: string; at: number },
  ): Promise<void> {
    const alert = this.byId.get(id);
    if (!alert) return;
    alert.deliveries.push({ ...result });
    if (result.ok) alert.state = 'delivered';
    else if (alert.state !== 'delivered') alert.state = 'failed';
  }

  async queryAlerts(query: AlertQuery): Promise<StoredAlert[]> {
    return [...this.byId.values()]
      .filter(
        (a) =>
          (query.from === undefined || a.window.start >= query.from) &&
          (query.to === undefined || a.window.start < query.to) &&
          (query.group === undefined || a.group === query.group) &&
          (query.rule === undefined || a.rule === query.rule),
      )
      .sort((a, b) => b.firedAt - a.firedAt || b.window.start - a.window.start)
      .slice(0, query.limit ?? 100)
      .map((a) => structuredClone(a));
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}
