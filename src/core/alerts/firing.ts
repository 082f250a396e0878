/**
 * Building firings, shared by every rule type: the deterministic id, the dedup key and the
 * example events a person reads without running a query.
 */
import { createHash } from 'node:crypto';
import type { AlertRule } from '../config.js';
import type { SeverityCounts } from '../metrics/window.js';
import { type AnalyzedEvent, atLeast, type Severity } from '../types.js';
import type { AlertExample, AlertFiring } from './types.js';

/** Firing id: 24 hex chars of sha256 over the dedup key. */
export function firingId(dedupKey: string): string {
  return createHash('sha256').update(dedupKey).digest('hex').slice(0, 24);
}

/** `rule|group|key|windowStart`: one firing per rule, key and window. */
export function dedupKeyOf(rule: string, group: string, key: string, start: number): string {
  return `${rule}|${group}|${key}|${start}`;
}

export interface FiringDetail {
  severity: Severity;
  summary: string;
  counts: SeverityCounts;
  examples: AlertExample[];
  patternId?: string;
  template?: string;
  value?: number;
  baseline?: number;
}

/**
 * A firing of `rule` for `key` in the window starting at `start`.
 *
 * @example
 * buildFiring(rule, '/aws/lambda/api', 'ERROR', start, 300_000, Date.now(), detail).id // same id for the same rule, group, key, window
 */
export function buildFiring(
  rule: AlertRule,
  group: string,
  key: string,
  start: number,
  windowMs: number,
  now: number,
  detail: FiringDetail,
): AlertFiring {
  const dedupKey = dedupKeyOf(rule.id, group, key, start);
  const firing: AlertFiring = {
    id: firingId(dedupKey),
    dedupKey,
    rule: rule.id,
    type: rule.type,
    group,
    key,
    window: { start, end: start + windowMs },
    severity: detail.severity,
    summary: detail.summary,
    counts: detail.counts,
    examples: detail.examples,
    firedAt: now,
  };
  if (detail.patternId !== undefined) firing.patternId = detail.patternId;
  if (detail.template !== undefined) firing.template = detail.template;
  if (detail.value !== undefined) firing.value = detail.value;
  if (detail.baseline !== undefined) firing.baseline = detail.baseline;
  if (rule.channels) firing.channels = rule.channels;
  return firing;
}

/** An event as an alert carries it; long messages are cut to 1000 characters. */
export function toExample(e: AnalyzedEvent): AlertExample {
  const example: AlertExample = {
    id: e.id,
    timestamp: e.timestamp,
    severity: e.severity,
    message: e.message.length > 1000 ? `${e.message.slice(0, 1000)}…` : e.message,
  };
  if (e.patternId) example.patternId = e.patternId;
  return example;
}

/** The most severe of `severities`, undefined for none. */
export function worst(severities: Iterable<Severity>): Severity | undefined {
  let best: Severity | undefined;
  for (const s of severities) if (best === undefined || atLeast(s, best)) best = s;
  return best;
}

/** `1 event`, `14 events`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
