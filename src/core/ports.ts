/**
 * Ports: what the pipeline needs from the outside world. Adapters implement them (DynamoDB, SQLite,
 * S3, a folder, SNS, SMTP, webhooks); the in-memory implementations in ./memory are real code used by
 * the CLI and the tests. Every port has the OpenTelemetry-style lifecycle: `flush()` makes pending
 * writes durable (a Lambda must flush before it freezes), `close()` flushes and releases resources.
 */
import type { AlertFiring, StoredAlert } from './alerts/types.js';
import type { WindowDelta } from './metrics/window.js';
import type { AnalyzedEvent, LogBatch, Severity } from './types.js';

export interface Lifecycle {
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface EventQuery {
  group?: string;
  /** Exact severity. */
  severity?: Severity;
  /** Inclusive, epoch ms. */
  from?: number;
  /** Exclusive, epoch ms. */
  to?: number;
  /** Full-text query over the message. */
  q?: string;
  patternId?: string;
  /** Events of any group sharing this request or trace id. */
  correlationId?: string;
  /** Page size. The default value is 100. */
  limit?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface EventPage {
  /** Newest first. */
  events: AnalyzedEvent[];
  nextCursor?: string;
}

export interface EventStore extends Lifecycle {
  /** Idempotent by (group, id): an event written twice is stored once and counted as a duplicate. */
  putEvents(events: readonly AnalyzedEvent[]): Promise<{ written: number; duplicates: number }>;
  queryEvents(query: EventQuery): Promise<EventPage>;
  /** Deletes events whose `expiresAt` is at or before `now`; returns how many. */
  purgeExpired(now: number): Promise<number>;
}

export interface MetricQuery {
  group?: string;
  /** Windows starting at or after, epoch ms. */
  from?: number;
  /** Windows starting before, epoch ms. */
  to?: number;
}

export interface MetricStore extends Lifecycle {
  /**
   * Adds the batch's deltas exactly once per batch id. `applied` is false when the batch was
   * applied before (a redelivery); either way `windows` holds the current totals of the windows
   * the batch touched, so alert rules can be evaluated on them.
   */
  applyBatch(
    batchId: string,
    deltas: readonly WindowDelta[],
  ): Promise<{ applied: boolean; windows: WindowDelta[] }>;
  queryWindows(query: MetricQuery): Promise<WindowDelta[]>;
  /** Deletes windows that ended at or before `before` (and ledger entries as old); returns windows deleted. */
  purgeBefore(before: number): Promise<number>;
}

export interface AlertQuery {
  from?: number;
  to?: number;
  group?: string;
  rule?: string;
  limit?: number;
}

export interface AlertStore extends Lifecycle {
  /**
   * Records a firing once per dedup key (rule, key, window). `created` is false when the key was
   * recorded before; the returned alert then is the stored one, whose delivery state tells the
   * caller whether it still has to be sent.
   */
  record(firing: AlertFiring): Promise<{ created: boolean; alert: StoredAlert }>;
  /** The most recent firing of a rule and key, for cooldowns. */
  lastFiring(rule: string, key: string): Promise<StoredAlert | undefined>;
  markDelivered(
    id: string,
    result: { ok: boolean; channel: string; error?: string; at: number },
  ): Promise<void>;
  queryAlerts(query: AlertQuery): Promise<StoredAlert[]>;
}

/** Sends alerts to people: SNS, SMTP, Slack, Teams, webhooks, the console. */
export interface Notifier extends Lifecycle {
  /** A name for delivery records and channel selection in rules, e.g. "email" or "slack". */
  readonly name: string;
  notify(alert: StoredAlert): Promise<void>;
}

/** Raw batches, kept whole for replay and Athena; undecodable payloads kept with their error. */
export interface Archive extends Lifecycle {
  /** Stores the batch's raw events as NDJSON under `key` (see archiveKey); idempotent by key. */
  putBatch(key: string, ndjson: string): Promise<void>;
  /** Stores a payload that could not be decoded, with the error beside it. */
  putFailed(key: string, payload: string | Uint8Array, error: string): Promise<void>;
}

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Pattern miner state per log group, so patterns survive restarts and cold starts. */
export interface PatternStateStore extends Lifecycle {
  loadPatternState(group: string): Promise<unknown | undefined>;
  savePatternState(group: string, state: unknown): Promise<void>;
}

/** Destination heartbeats (CloudWatch CONTROL_MESSAGE), recorded instead of stored as events. */
export interface HeartbeatStore {
  recordHeartbeat(batch: Pick<LogBatch, 'group' | 'stream' | 'owner'>, at: number): Promise<void>;
}

export interface Ports {
  events: EventStore;
  metrics: MetricStore;
  alerts: AlertStore;
  notifiers: Notifier[];
  archive?: Archive;
  patterns?: PatternStateStore;
  heartbeats?: HeartbeatStore;
  clock: Clock;
}

/** Flushes every port (before a Lambda freezes, on shutdown). */
export async function flushPorts(ports: Ports): Promise<void> {
  await Promise.all(lifecycles(ports).map((p) => p.flush()));
}

/** Flushes and closes every port. */
export async function closePorts(ports: Ports): Promise<void> {
  await Promise.all(lifecycles(ports).map((p) => p.close()));
}

function lifecycles(ports: Ports): Lifecycle[] {
  const all: (Lifecycle | undefined)[] = [
    ports.events,
    ports.metrics,
    ports.alerts,
    ports.archive,
    ports.patterns,
    ...ports.notifiers,
  ];
  return [...new Set(all.filter((p): p is Lifecycle => p !== undefined))];
}
