/**
 * What the HTTP API returns, as the dashboard reads it. Domain types come from src/core so the two
 * cannot drift; the API-only views are declared here, loosely, because the dashboard must keep
 * working when the server adds or omits a field.
 */
import type { StoredAlert } from '../../src/core/alerts/types.js';
import type { WindowView } from '../../src/core/metrics/window.js';
import type { AnalyzedEvent, Severity } from '../../src/core/types.js';

export type { AnalyzedEvent, Severity, StoredAlert, WindowView };

/** A mined log pattern (`GET /api/patterns`). */
export interface PatternView {
  id: string;
  template: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  example?: string;
  group?: string;
  severities?: Partial<Record<Severity, number>>;
  aliases?: string[];
}

/** A log group the server knows (`GET /api/groups`, or derived from metrics). */
export interface GroupView {
  group: string;
  /** Time of the newest event, epoch ms, when known. */
  lastEventAt?: number;
  /** Events in the queried range, when known. */
  count?: number;
}

export interface EventsPage {
  events: AnalyzedEvent[];
  nextCursor?: string | null;
}
