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

export interface AggregatedEvent {
  group: string;
  timestamp: number;
  severity: Severity;
  fields: Fields;
  patternId?: string;
}

export class WindowAggregator {
  private readonly windows = new Map<string, WindowDelta>();
  private lastGroup = '';
  private lastStart = Number.NaN;
  private last: WindowDelta | undefined;

  /** @param windowMs window length in ms. The default value is 300000 (5 minutes). */
  constructor(private readonly windowMs = DEFAULT_WINDOW_MS) {}

  add(event: AggregatedEvent): void {
    const w = this.windowFor(event.group, event.timestamp);
    const c = w.counters;
    c.total = (c.total ?? 0) + 1;
    const sev = SEVERITY_COUNTER[event.severity];
    c[sev] = (c[sev] ?? 0) + 1;
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

  private windowFor(group: string, timestamp: number): WindowDelta {
    const start = windowStart(timestamp, this.windowMs);
    if (this.last && start === this.lastStart && group === this.lastGroup) return this.last;
    const key = windowKey(group, start);
    let w = this.windows.get(key);
    if (!w) {
      w = emptyWindow(group, start, this.windowMs);
      this.windows.set(key, w);
    }
    this.last = w;
    this.lastGroup = group;
    this.lastStart = start;
    return w;
  }

  /** The deltas so far, ordered by window start. */
  deltas(): WindowDelta[] {
    return [...this.windows.values()].sort((a, b) => a.start - b.start);
  }
}
