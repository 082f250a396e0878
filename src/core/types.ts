/**
 * The domain types every stage of the pipeline shares. Kept free of behaviour so that
 * adapters, the API and the CLI can depend on them without pulling in the analysis code.
 */

/** Severities, most severe first. The order is the precedence rule. */
export const SEVERITIES = ['CRITICAL', 'ERROR', 'WARNING', 'INFO', 'DEBUG'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is more severe: CRITICAL 4 ... DEBUG 0. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  CRITICAL: 4,
  ERROR: 3,
  WARNING: 2,
  INFO: 1,
  DEBUG: 0,
};

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && Object.hasOwn(SEVERITY_RANK, value);
}

/** True when `a` is at least as severe as `b`. */
export function atLeast(a: Severity, b: Severity): boolean {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b];
}

/** One log event as it arrives, before analysis. */
export interface RawEvent {
  /** CloudWatch event id, or a deterministic id derived from the batch and line. */
  id: string;
  /** Event time, epoch milliseconds. */
  timestamp: number;
  message: string;
  /** Fields CloudWatch extracted with a space-delimited filter pattern, when present. */
  extractedFields?: Record<string, string>;
}

/** Where a batch came from. */
export type BatchSource = 'cloudwatch' | 'kinesis' | 'ndjson' | 'text';

/** A batch of events from one log group and stream: the unit of exactly-once processing. */
export interface LogBatch {
  /** Deterministic id (a hash of the source payload) so a redelivered batch has the same id. */
  id: string;
  source: BatchSource;
  group: string;
  stream: string;
  owner?: string;
  subscriptionFilters?: string[];
  policyLevel?: string;
  /** CloudWatch CONTROL_MESSAGE: a destination heartbeat, never stored as a log event. */
  control?: boolean;
  events: RawEvent[];
}

export type FieldValue = string | number | boolean;
export type Fields = Record<string, FieldValue>;

/** An event after analysis: what the stores keep and the API returns. */
export interface AnalyzedEvent {
  id: string;
  group: string;
  stream: string;
  timestamp: number;
  severity: Severity;
  /** The message after redaction. */
  message: string;
  fields: Fields;
  patternId?: string;
  template?: string;
  /** Request or trace id shared with other events, when one was found. */
  correlationId?: string;
  /** Id of the batch the event arrived in (the raw payload is archived under it). */
  batchId: string;
  /** True when the stored message was cut to the configured size; the archive has it whole. */
  truncated?: boolean;
  /** When the stores may drop the event, epoch ms: event time plus the retention of its severity. */
  expiresAt?: number;
}
