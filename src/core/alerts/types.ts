import type { SeverityCounts } from '../metrics/window.js';
import type { Severity } from '../types.js';

/** An example event carried by an alert, so the message is actionable without a query. */
export interface AlertExample {
  id: string;
  timestamp: number;
  severity: Severity;
  message: string;
  patternId?: string;
}

/** A rule firing, before it is recorded. */
export interface AlertFiring {
  /** Deterministic: a hash of the dedup key, so the same firing has the same id everywhere. */
  id: string;
  /** `${rule}|${group}|${key}|${windowStart}`: one firing per rule, key and window. */
  dedupKey: string;
  rule: string;
  type: string;
  group: string;
  /** What the rule fired on inside the group: `*` for the group as a whole, or a pattern id. */
  key: string;
  window: { start: number; end: number };
  severity: Severity;
  /** One line a person reads first: what happened, where, how much. */
  summary: string;
  /** The window's counts when the rule fired. */
  counts: SeverityCounts;
  patternId?: string;
  template?: string;
  /** What the rule measured in the window (spike: the key's count; new_pattern: the pattern's count). */
  value?: number;
  /** Spike rules: the baseline mean per window the value was compared with. */
  baseline?: number;
  examples: AlertExample[];
  /** Channels the rule asked for; undefined means all. */
  channels?: string[];
  firedAt: number;
}

export type AlertState = 'pending' | 'delivered' | 'failed';

export interface DeliveryRecord {
  channel: string;
  ok: boolean;
  error?: string;
  at: number;
}

/** A firing as the AlertStore keeps it, with its delivery state. */
export interface StoredAlert extends AlertFiring {
  state: AlertState;
  deliveries: DeliveryRecord[];
}
