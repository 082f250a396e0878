import { describe, expect, it } from 'vitest';
import type { Severity } from '../types.js';
import { WindowAggregator } from './WindowAggregator.js';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const ev = (severity: Severity, timestamp = T0, fields = {}) => ({ group: 'g', timestamp, severity, fields });

describe('WindowAggregator counters', () => {
  it('creates counters in the order events first count them', () => {
    // Prepare
    const agg = new WindowAggregator();
    // Act
    agg.add(ev('INFO', T0, { 'http.status': 200 }));
    agg.add(ev('ERROR', T0 + 1, { 'http.status': 503 }));
    agg.add(ev('INFO', T0 + 2));
    const [delta] = agg.deltas();
    // Assess
    expect(Object.entries(delta!.counters)).toEqual([
      ['total', 3],
      ['sev.INFO', 2],
      ['http.2xx', 1],
      ['sev.ERROR', 1],
      ['http.5xx', 1],
    ]);
  });

  it('adds events counted after a deltas() call to the next call', () => {
    // Prepare
    const agg = new WindowAggregator();
    agg.add(ev('WARNING'));
    const first = agg.deltas()[0]!.counters;
    const firstCounts = { ...first };
    // Act
    agg.add(ev('WARNING', T0 + 5));
    agg.add(ev('DEBUG', T0 + 6));
    const second = agg.deltas()[0]!.counters;
    // Assess
    expect(firstCounts).toEqual({ total: 1, 'sev.WARNING': 1 });
    expect(second).toEqual({ total: 3, 'sev.WARNING': 2, 'sev.DEBUG': 1 });
  });

  it('keeps windows apart when events go back and forth between them', () => {
    const agg = new WindowAggregator(60_000);
    for (const t of [T0, T0 + 60_000, T0 + 1, T0 + 60_001, T0 + 2]) agg.add(ev('ERROR', t));
    expect(agg.deltas().map((d) => [d.start, d.counters.total, d.counters['sev.ERROR']])).toEqual([
      [T0, 3, 3],
      [T0 + 60_000, 2, 2],
    ]);
  });
});
