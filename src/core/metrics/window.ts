/**
 * Metric windows: per log group and event-time window, a flat map of additive counters plus a
 * map of maxima. Flat on purpose: every store applies a batch as "add these numbers, raise these
 * maxima", which DynamoDB does with one UpdateItem (ADD / conditional SET) and SQLite with one
 * upsert, and which is associative and commutative, so partial windows from any number of
 * batches merge into the same totals in any order.
 *
 * Counter names:
 * - `total`, `sev.CRITICAL` ... `sev.DEBUG`
 * - `http.1xx` ... `http.5xx`
 * - `lat.count`, `lat.sum` (ms), `lat.b.<bucket>` (LatencySketch buckets)
 * - `lambda.invocations`, `lambda.duration_sum`, `lambda.billed_sum`, `lambda.init_count`, `lambda.init_sum`,
 *   `lambda.timeouts`, `lambda.errors`
 * - `pat.<patternId>`: events per pattern
 * Maxima: `lat.max`, `lambda.duration_max`, `lambda.max_memory_mb`, `lambda.memory_mb`.
 */
import { SEVERITIES, type Severity } from '../types.js';
import { LatencySketch } from './LatencySketch.js';

/** Default window length: 5 minutes, as the seed intended. */
export const DEFAULT_WINDOW_MS = 300_000;

export interface WindowDelta {
  group: string;
  /** Window start, epoch ms, aligned to the window length. */
  start: number;
  /** Window end (exclusive), epoch ms. */
  end: number;
  counters: Record<string, number>;
  maxima: Record<string, number>;
}

/** Start of the window that holds `timestamp`. */
export function windowStart(timestamp: number, windowMs = DEFAULT_WINDOW_MS): number {
  return timestamp - (((timestamp % windowMs) + windowMs) % windowMs);
}

export function windowKey(group: string, start: number): string {
  return `${group}\u0000${start}`;
}

export function emptyWindow(group: string, start: number, windowMs = DEFAULT_WINDOW_MS): WindowDelta {
  return { group, start, end: start + windowMs, counters: {}, maxima: {} };
}

export function addCounter(w: WindowDelta, name: string, by = 1): void {
  w.counters[name] = (w.counters[name] ?? 0) + by;
}

export function raiseMax(w: WindowDelta, name: string, value: number): void {
  const current = w.maxima[name];
  if (current === undefined || value > current) w.maxima[name] = value;
}

/** Merges `from` into `into` (same group and start). Associative and commutative. */
export function mergeWindow(into: WindowDelta, from: WindowDelta): WindowDelta {
  for (const name in from.counters) addCounter(into, name, from.counters[name] ?? 0);
  for (const name in from.maxima) raiseMax(into, name, from.maxima[name] ?? 0);
  return into;
}

/** Merges any list of partial windows into one window per (group, start). */
export function mergeWindows(windows: Iterable<WindowDelta>): WindowDelta[] {
  const byKey = new Map<string, WindowDelta>();
  for (const w of windows) {
    const key = windowKey(w.group, w.start);
    const into = byKey.get(key);
    if (into) mergeWindow(into, w);
    else byKey.set(key, mergeWindow(emptyWindow(w.group, w.start, w.end - w.start), w));
  }
  return [...byKey.values()].sort((a, b) => a.start - b.start || a.group.localeCompare(b.group));
}

/** Number of events at or above `severity` in a window. */
export function countAtLeast(w: WindowDelta, severity: Severity): number {
  let n = 0;
  for (const s of SEVERITIES) {
    n += w.counters[`sev.${s}`] ?? 0;
    if (s === severity) break;
  }
  return n;
}

export interface SeverityCounts extends Record<Severity, number> {
  total: number;
}

/** The window as the HTTP API and the CLI show it. */
export interface WindowView {
  group: string;
  start: number;
  end: number;
  counts: SeverityCounts;
  http: Record<string, number>;
  latency?: { count: number; avg: number; max: number; p50: number; p90: number; p99: number };
  lambda?: {
    invocations: number;
    durationAvg: number;
    durationMax: number;
    billedSum: number;
    maxMemoryUsedMb: number;
    memorySizeMb: number;
    coldStarts: number;
    initAvg: number;
    timeouts: number;
    errors: number;
  };
  patterns: Record<string, number>;
}

export function severityCounts(w: WindowDelta): SeverityCounts {
  const counts = { total: w.counters.total ?? 0 } as SeverityCounts;
  for (const s of SEVERITIES) counts[s] = w.counters[`sev.${s}`] ?? 0;
  return counts;
}

export function windowView(w: WindowDelta): WindowView {
  const c = w.counters;
  const view: WindowView = {
    group: w.group,
    start: w.start,
    end: w.end,
    counts: severityCounts(w),
    http: {},
    patterns: {},
  };
  const sketch = new LatencySketch();
  for (const name in c) {
    const n = c[name] ?? 0;
    if (name.startsWith('http.')) view.http[name.slice(5)] = n;
    else if (name.startsWith('pat.')) view.patterns[name.slice(4)] = n;
    else if (name.startsWith('lat.b.')) sketch.buckets[name.slice(6)] = n;
  }
  const latCount = c['lat.count'] ?? 0;
  if (latCount > 0) {
    view.latency = {
      count: latCount,
      avg: round((c['lat.sum'] ?? 0) / latCount),
      max: round(w.maxima['lat.max'] ?? 0),
      p50: round(sketch.quantile(0.5) ?? 0),
      p90: round(sketch.quantile(0.9) ?? 0),
      p99: round(sketch.quantile(0.99) ?? 0),
    };
  }
  const invocations = c['lambda.invocations'] ?? 0;
  if (invocations > 0) {
    const inits = c['lambda.init_count'] ?? 0;
    view.lambda = {
      invocations,
      durationAvg: round((c['lambda.duration_sum'] ?? 0) / invocations),
      durationMax: round(w.maxima['lambda.duration_max'] ?? 0),
      billedSum: round(c['lambda.billed_sum'] ?? 0),
      maxMemoryUsedMb: w.maxima['lambda.max_memory_mb'] ?? 0,
      memorySizeMb: w.maxima['lambda.memory_mb'] ?? 0,
      coldStarts: inits,
      initAvg: inits > 0 ? round((c['lambda.init_sum'] ?? 0) / inits) : 0,
      timeouts: c['lambda.timeouts'] ?? 0,
      errors: c['lambda.errors'] ?? 0,
    };
  }
  return view;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
