/**
 * Folds analyzed events into per-(group, window) deltas. One aggregator per batch: the deltas it
 * returns are what the MetricStore applies exactly once for that batch.
 */
import type { Fields, Severity } from '../types.js';
import { bucketOf } from './LatencySketch.js';
import {
  addCounter,
  DEFAULT_WINDOW_MS,
  emptyWindow,
  raiseMax,
  type WindowDelta,
  windowKey,
  windowStart,
} from './window.js';

/** Counter names precomputed once: the hot path only looks them up. */
const SEVERITY_COUNTER: Readonly<Record<Severity, string>> = {
  CRITICAL: 'sev.CRITICAL',
  ERROR: 'sev.ERROR',
  WARNING: 'sev.WARNING',
  INFO: 'sev.INFO',
  DEBUG: 'sev.DEBUG',
};
const HTTP_CLASS = ['http.1xx', 'http.2xx', 'http.3xx', 'http.4xx', 'http.5xx'];
const SEVERITY_INDEX: Readonly<Record<Severity, number>> = {
  CRITICAL: 0,
  ERROR: 1,
  WARNING: 2,
  INFO: 3,
  DEBUG: 4,
};
const SEVERITY_NAMES = ['sev.CRITICAL', 'sev.ERROR', 'sev.WARNING', 'sev.INFO', 'sev.DEBUG'];

/**
 * A window and the `total`/`sev.*` counts not yet folded into its counters. Counters are
 * string-keyed maps (often in dictionary mode), and two keyed updates per event cost more than
 * the rest of add(); plain numbers here cost nothing. Each key is still created in the counters
 * when it is first counted, so the counters' key order is the one direct updates would give.
 */
interface Tally {
  delta: WindowDelta;
  total: number;
  severity: [number, number, number, number, number];
  /** Bit i: SEVERITY_NAMES[i] is a key of the counters already. */
  seen: number;
}

export interface AggregatedEvent {
  group: string;
  timestamp: number;
  severity: Severity;
  fields: Fields;
  patternId?: string;
}

export class WindowAggregator {
  private readonly windows = new Map<string, Tally>();
  private lastGroup = '';
  private lastStart = Number.NaN;
  private lastEnd = Number.NaN;
  private last: Tally | undefined;

  /** @param windowMs window length in ms. The default value is 300000 (5 minutes). */
  constructor(private readonly windowMs = DEFAULT_WINDOW_MS) {}

  add(event: AggregatedEvent): void {
    const t = this.windowFor(event.group, event.timestamp);
    const w = t.delta;
    t.total++;
    const k = SEVERITY_INDEX[event.severity];
    if (typeof k !== 'number') {
      const sev = SEVERITY_COUNTER[event.severity];
      addCounter(w, sev);
    } else {
      if ((t.seen & (1 << k)) === 0) {
        t.seen |= 1 << k;
        w.counters[SEVERITY_NAMES[k]!] ??= 0;
      }
      t.severity[k] = t.severity[k]! + 1;
    }
    if (event.patternId !== undefined) addCounter(w, `pat.${event.patternId}`);
    const f = event.fields;
    const status = f['http.status'];
    if (typeof status === 'number' && status >= 100 && status < 600) {
      addCounter(w, HTTP_CLASS[Math.floor(status / 100) - 1]!);
    }
    const latency = f.duration_ms;
    if (typeof latency === 'number' && latency >= 0 && Number.isFinite(latency)) {
      addCounter(w, 'lat.count');
      addCounter(w, 'lat.sum', latency);
      addCounter(w, `lat.b.${bucketOf(latency)}`);
      raiseMax(w, 'lat.max', latency);
    }
    const lambdaDuration = f['lambda.duration_ms'];
    if (typeof lambdaDuration === 'number') this.addLambdaReport(w, f, lambdaDuration);
  }

  private addLambdaReport(w: WindowDelta, f: Fields, duration: number): void {
    addCounter(w, 'lambda.invocations');
    addCounter(w, 'lambda.duration_sum', duration);
    raiseMax(w, 'lambda.duration_max', duration);
    const billed = f['lambda.billed_ms'];
    if (typeof billed === 'number') addCounter(w, 'lambda.billed_sum', billed);
    const init = f['lambda.init_ms'];
    if (typeof init === 'number') {
      addCounter(w, 'lambda.init_count');
      addCounter(w, 'lambda.init_sum', init);
    }
    const used = f['lambda.max_memory_mb'];
    if (typeof used === 'number') raiseMax(w, 'lambda.max_memory_mb', used);
    const size = f['lambda.memory_mb'];
    if (typeof size === 'number') raiseMax(w, 'lambda.memory_mb', size);
    const status = f['lambda.status'];
    if (status === 'timeout') addCounter(w, 'lambda.timeouts');
    else if (status === 'error') addCounter(w, 'lambda.errors');
  }

  private windowFor(group: string, timestamp: number): Tally {
    // Inside the last window: its start is the aligned start of this timestamp, no modulo needed.
    if (this.last && timestamp >= this.lastStart && timestamp < this.lastEnd && group === this.lastGroup)
      return this.last;
    const start = windowStart(timestamp, this.windowMs);
    if (this.last && start === this.lastStart && group === this.lastGroup) return this.last;
    const key = windowKey(group, start);
    let w = this.windows.get(key);
    if (!w) {
      const delta = emptyWindow(group, start, this.windowMs);
      // Created by the event being added, so `total` is its first counter.
      delta.counters.total = 0;
      w = { delta, total: 0, severity: [0, 0, 0, 0, 0], seen: 0 };
      this.windows.set(key, w);
    }
    this.last = w;
    this.lastGroup = group;
    this.lastStart = start;
    this.lastEnd = start + this.windowMs;
    return w;
  }

  /** The deltas so far, ordered by window start. Events added later show in the next call's deltas. */
  deltas(): WindowDelta[] {
    const out: WindowDelta[] = [];
    for (const t of this.windows.values()) out.push(fold(t));
    return out.sort((a, b) => a.start - b.start);
  }
}

/** Moves a tally's pending counts into its window's counters. */
function fold(t: Tally): WindowDelta {
  const c = t.delta.counters;
  if (t.total > 0) c.total = (c.total ?? 0) + t.total;
  t.total = 0;
  for (let k = 0; k < 5; k++) {
    const n = t.severity[k]!;
    if (n > 0) {
      const name = SEVERITY_NAMES[k]!;
      c[name] = (c[name] ?? 0) + n;
      t.severity[k] = 0;
    }
  }
  return t.delta;
}
