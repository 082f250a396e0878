/**
 * Client-side views over `GET /api/metrics` windows: windows of every group merged per time slot,
 * merged again into at most a hundred-odd buckets for long ranges, totals for the KPI cards, and
 * the latency and Lambda series. Counters are additive, so merging is exact; percentiles are not,
 * so latency stays per group.
 */
import { SEVERITIES } from './severity.js';
import type { Severity, WindowView } from './types.js';

export type Counts = Record<Severity, number> & { total: number };

export function emptyCounts(): Counts {
  return { total: 0, CRITICAL: 0, ERROR: 0, WARNING: 0, INFO: 0, DEBUG: 0 };
}

function addCounts(into: Counts, from: Partial<Counts> | undefined): void {
  if (!from) return;
  into.total += from.total ?? 0;
  for (const s of SEVERITIES) into[s] += from[s] ?? 0;
}

/** The window length the server uses (the most common end - start), default 5 minutes. */
export function windowLength(windows: readonly WindowView[]): number {
  const seen = new Map<number, number>();
  for (const w of windows) {
    const len = w.end - w.start;
    if (len > 0) seen.set(len, (seen.get(len) ?? 0) + 1);
  }
  let best = 300_000;
  let bestCount = 0;
  for (const [len, n] of seen)
    if (n > bestCount) {
      best = len;
      bestCount = n;
    }
  return best;
}

export interface Bucket {
  start: number;
  end: number;
  counts: Counts;
  /** Events per pattern id in the bucket. */
  patterns: Map<string, number>;
}

export interface Buckets {
  buckets: Bucket[];
  bucketMs: number;
  windowMs: number;
}

/** Windows in [from, to) merged per time slot, slots merged so there are at most `maxBuckets`. */
export function bucketize(
  windows: readonly WindowView[],
  from: number,
  to: number,
  maxBuckets = 120,
): Buckets {
  const windowMs = windowLength(windows);
  const bucketMs = windowMs * Math.max(1, Math.ceil((to - from) / windowMs / maxBuckets));
  const byStart = new Map<number, Bucket>();
  for (const w of windows) {
    if (w.end <= from || w.start >= to) continue;
    const start = w.start - (((w.start % bucketMs) + bucketMs) % bucketMs);
    let b = byStart.get(start);
    if (!b) {
      b = { start, end: start + bucketMs, counts: emptyCounts(), patterns: new Map() };
      byStart.set(start, b);
    }
    addCounts(b.counts, w.counts);
    for (const id in w.patterns ?? {}) b.patterns.set(id, (b.patterns.get(id) ?? 0) + (w.patterns[id] ?? 0));
  }
  const buckets = [...byStart.values()].sort((a, b) => a.start - b.start);
  return { buckets, bucketMs, windowMs };
}

/** Sum of the counts of the windows that overlap [from, to) (a window that straddles `from` counts). */
export function totals(windows: readonly WindowView[], from: number, to: number): Counts {
  const c = emptyCounts();
  for (const w of windows) if (w.end > from && w.start < to) addCounts(c, w.counts);
  return c;
}

/** The same totals for the period of the same length just before `from`. */
export function previousTotals(windows: readonly WindowView[], from: number, to: number): Counts {
  const span = to - from;
  const c = emptyCounts();
  for (const w of windows) if (w.end <= from && w.end > from - span) addCounts(c, w.counts);
  return c;
}

export interface LatencyPoint {
  t: number;
  end: number;
  count: number;
  avg: number;
  max: number;
  p50: number;
  p90: number;
  p99: number;
}

/** Latency per group, in time order; groups with no latency are absent. */
export function latencyByGroup(
  windows: readonly WindowView[],
  from: number,
  to: number,
): Map<string, LatencyPoint[]> {
  const out = new Map<string, LatencyPoint[]>();
  for (const w of windows) {
    if (!w.latency || w.end <= from || w.start >= to) continue;
    let points = out.get(w.group);
    if (!points) {
      points = [];
      out.set(w.group, points);
    }
    points.push({ t: w.start, end: w.end, ...w.latency });
  }
  for (const points of out.values()) points.sort((a, b) => a.t - b.t);
  return out;
}

export interface LambdaPoint {
  t: number;
  end: number;
  invocations: number;
  coldStarts: number;
  timeouts: number;
  errors: number;
  durationAvg: number;
  durationMax: number;
  maxMemoryUsedMb: number;
  memorySizeMb: number;
  initAvg: number;
}

/** Lambda figures merged over groups per time slot (sums, weighted averages, maxima). */
export function lambdaSeries(windows: readonly WindowView[], from: number, to: number): LambdaPoint[] {
  const bySlot = new Map<number, LambdaPoint & { durSum: number; initSum: number }>();
  for (const w of windows) {
    const l = w.lambda;
    if (!l || w.end <= from || w.start >= to) continue;
    let p = bySlot.get(w.start);
    if (!p) {
      p = {
        t: w.start,
        end: w.end,
        invocations: 0,
        coldStarts: 0,
        timeouts: 0,
        errors: 0,
        durationAvg: 0,
        durationMax: 0,
        maxMemoryUsedMb: 0,
        memorySizeMb: 0,
        initAvg: 0,
        durSum: 0,
        initSum: 0,
      };
      bySlot.set(w.start, p);
    }
    p.invocations += l.invocations;
    p.coldStarts += l.coldStarts;
    p.timeouts += l.timeouts;
    p.errors += l.errors;
    p.durSum += l.durationAvg * l.invocations;
    p.initSum += l.initAvg * l.coldStarts;
    p.durationMax = Math.max(p.durationMax, l.durationMax);
    p.maxMemoryUsedMb = Math.max(p.maxMemoryUsedMb, l.maxMemoryUsedMb);
    p.memorySizeMb = Math.max(p.memorySizeMb, l.memorySizeMb);
  }
  return [...bySlot.values()]
    .sort((a, b) => a.t - b.t)
    .map(({ durSum, initSum, ...p }) => ({
      ...p,
      durationAvg: p.invocations > 0 ? durSum / p.invocations : 0,
      initAvg: p.coldStarts > 0 ? initSum / p.coldStarts : 0,
    }));
}
