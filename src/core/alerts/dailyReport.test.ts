import { describe, expect, it } from 'vitest';
import { storedAlert } from '../../../test/fixtures/alerts.js';
import type { WindowDelta } from '../metrics/window.js';
import { buildDailyReport, dayRange, nextDailyReport, utcDay } from './dailyReport.js';

const DAY = '2026-11-25';
const D0 = Date.UTC(2026, 10, 25);

function win(group: string, start: number, counters: Record<string, number>): WindowDelta {
  return { group, start, end: start + 300_000, counters, maxima: {} };
}

describe('buildDailyReport', () => {
  it('sums the day per group, ranks top patterns and keeps the day only', () => {
    // Prepare
    const windows = [
      win('a', D0, { total: 10, 'sev.ERROR': 2, 'sev.INFO': 8, 'pat.p1': 7, 'pat.p2': 3 }),
      win('a', D0 + 300_000, { total: 5, 'sev.INFO': 5, 'pat.p2': 5 }),
      win('b', D0, { total: 1, 'sev.CRITICAL': 1, 'pat.p9': 1 }),
      win('a', D0 - 300_000, { total: 100, 'sev.ERROR': 100 }),
      win('a', D0 + 86_400_000, { total: 100, 'sev.ERROR': 100 }),
    ];
    const alerts = [
      storedAlert({ id: 'late', window: { start: D0 + 7200_000, end: D0 + 7500_000 } }),
      storedAlert({ id: 'early', window: { start: D0 + 60_000, end: D0 + 360_000 } }),
      storedAlert({ id: 'other-day', window: { start: D0 - 300_000, end: D0 } }),
    ];

    // Act
    const report = buildDailyReport({
      day: DAY,
      windows,
      alerts,
      templateOf: (_g, id) => (id === 'p1' ? 'User <*> logged in' : undefined),
      topPatterns: 1,
    });

    // Assess
    expect(report.groups.map((g) => g.group)).toEqual(['b', 'a']);
    expect(report.groups[1]).toEqual({
      group: 'a',
      counts: { total: 15, CRITICAL: 0, ERROR: 2, WARNING: 0, INFO: 13, DEBUG: 0 },
      topPatterns: [{ patternId: 'p2', count: 8, template: 'pattern p2' }],
    });
    expect(report.alerts.map((a) => a.id)).toEqual(['early', 'late']);
    expect(report.alerts[0]).not.toHaveProperty('examples');
  });
});

describe('days and schedule', () => {
  it('dayRange and utcDay agree', () => {
    expect(dayRange(DAY)).toEqual({ from: D0, to: D0 + 86_400_000 });
    expect(utcDay(D0 + 86_399_999)).toBe(DAY);
    expect(() => dayRange('25/11/2026')).toThrow(RangeError);
  });

  it('nextDailyReport is the next HH:MM UTC after now, reporting the day before it', () => {
    expect(nextDailyReport(Date.UTC(2026, 10, 26, 7, 59), '08:00')).toEqual({
      at: Date.UTC(2026, 10, 26, 8, 0),
      day: '2026-11-25',
    });
    expect(nextDailyReport(Date.UTC(2026, 10, 26, 8, 0), '08:00')).toEqual({
      at: Date.UTC(2026, 10, 27, 8, 0),
      day: '2026-11-26',
    });
    expect(() => nextDailyReport(0, '8am')).toThrow(RangeError);
  });
});
