import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fields, Severity } from '../types.js';
import { WindowAggregator } from './WindowAggregator.js';
import { countAtLeast, mergeWindows, type WindowDelta, windowStart, windowView } from './window.js';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const ev = (severity: Severity, timestamp = T0, fields: Fields = {}, group = 'g') => ({
  group,
  timestamp,
  severity,
  fields,
});

describe('windowStart', () => {
  it('aligns to the window length, also before 1970', () => {
    expect(windowStart(T0 + 299_999)).toBe(T0);
    expect(windowStart(T0 + 300_000)).toBe(T0 + 300_000);
    expect(windowStart(-1, 300_000)).toBe(-300_000);
    expect(windowStart(T0 + 61_000, 60_000)).toBe(T0 + 60_000);
  });
});

describe('WindowAggregator', () => {
  it('counts severities, HTTP classes, latency and Lambda reports per group and window', () => {
    // Prepare
    const agg = new WindowAggregator();
    // Act
    agg.add(ev('ERROR', T0, { 'http.status': 503, duration_ms: 120 }));
    agg.add(ev('INFO', T0 + 1000, { 'http.status': 200, duration_ms: 30 }));
    agg.add(ev('WARNING', T0 + 2000, { 'http.status': 404 }));
    agg.add(
      ev('ERROR', T0 + 3000, {
        'lambda.duration_ms': 3000,
        'lambda.billed_ms': 3000,
        'lambda.memory_mb': 512,
        'lambda.max_memory_mb': 211,
        'lambda.status': 'timeout',
      }),
    );
    agg.add(
      ev('INFO', T0 + 4000, {
        'lambda.duration_ms': 100,
        'lambda.billed_ms': 101,
        'lambda.init_ms': 250,
        'lambda.max_memory_mb': 90,
      }),
    );
    agg.add(ev('CRITICAL', T0 + 300_000));
    agg.add(ev('DEBUG', T0, {}, 'other'));
    const deltas = agg.deltas();
    // Assess
    expect(deltas).toHaveLength(3);
    const first = windowView(deltas.find((d) => d.group === 'g' && d.start === T0)!);
    expect(first.counts).toEqual({ total: 5, CRITICAL: 0, ERROR: 2, WARNING: 1, INFO: 2, DEBUG: 0 });
    expect(first.http).toEqual({ '5xx': 1, '2xx': 1, '4xx': 1 });
    expect(first.latency).toMatchObject({ count: 2, avg: 75, max: 120 });
    expect(first.lambda).toMatchObject({
      invocations: 2,
      durationMax: 3000,
      durationAvg: 1550,
      billedSum: 3101,
      coldStarts: 1,
      initAvg: 250,
      maxMemoryUsedMb: 211,
      memorySizeMb: 512,
      timeouts: 1,
      errors: 0,
    });
    expect(countAtLeast(deltas.find((d) => d.start === T0 + 300_000)!, 'ERROR')).toBe(1);
  });

  it('counts events per pattern', () => {
    const agg = new WindowAggregator();
    agg.add({ ...ev('INFO'), patternId: 'p1' });
    agg.add({ ...ev('INFO'), patternId: 'p1' });
    agg.add({ ...ev('INFO'), patternId: 'p2' });
    expect(windowView(agg.deltas()[0]!).patterns).toEqual({ p1: 2, p2: 1 });
  });
});

describe('mergeWindows', () => {
  const severities: Severity[] = ['CRITICAL', 'ERROR', 'WARNING', 'INFO', 'DEBUG'];
  const eventArb = fc.record({
    severity: fc.constantFrom(...severities),
    offset: fc.integer({ min: 0, max: 900_000 }),
    latency: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
    group: fc.constantFrom('a', 'b'),
  });

  it('partial windows from any split of the events merge into the totals of one pass', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 60 }),
        fc.array(fc.nat(60), { maxLength: 4 }),
        (events, cuts) => {
          const toEvent = (e: (typeof events)[number]) =>
            ev(e.severity, T0 + e.offset, e.latency === undefined ? {} : { duration_ms: e.latency }, e.group);
          const whole = new WindowAggregator();
          for (const e of events) whole.add(toEvent(e));
          // Split into batches at the cut points, aggregate each, merge in reverse order.
          const points = [...new Set(cuts.map((c) => Math.min(c, events.length)))].sort((a, b) => a - b);
          const parts: WindowDelta[] = [];
          let from = 0;
          for (const to of [...points, events.length]) {
            const agg = new WindowAggregator();
            for (const e of events.slice(from, to)) agg.add(toEvent(e));
            parts.push(...agg.deltas());
            from = to;
          }
          const merged = mergeWindows(parts.reverse());
          expect(merged).toEqual(mergeWindows(whole.deltas()));
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });
});
