/**
 * The daily report as data: per log group the day's counts by severity and top patterns, plus the
 * alerts of the day. Built from metric windows and stored alerts (pure); `formatDailyReport` in
 * ./format.ts turns it into a message, and the scheduler that sends it lives in the apps.
 */
import { type SeverityCounts, severityCounts, type WindowDelta } from '../metrics/window.js';
import { SEVERITIES } from '../types.js';
import type { StoredAlert } from './types.js';

const DAY_MS = 86_400_000;
const PATTERN_PREFIX = 'pat.';

export interface DailyReportPattern {
  template: string;
  count: number;
  patternId?: string;
}

export interface DailyReportGroup {
  group: string;
  counts: SeverityCounts;
  /** Most frequent patterns of the day, most frequent first. */
  topPatterns: DailyReportPattern[];
}

/** What the report says about one alert. */
export type DailyReportAlert = Pick<
  StoredAlert,
  'id' | 'rule' | 'group' | 'severity' | 'summary' | 'firedAt' | 'state' | 'window'
>;

export interface DailyReport {
  /** The UTC day reported, `YYYY-MM-DD`. */
  day: string;
  /** Groups with events that day, the most troubled first (CRITICAL, then ERROR, then total). */
  groups: DailyReportGroup[];
  /** Alerts whose window starts that day, oldest first. */
  alerts: DailyReportAlert[];
}

export interface DailyReportInput {
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
  /** Metric windows; those starting outside the day are ignored. */
  windows: readonly WindowDelta[];
  /** Stored alerts; those whose window starts outside the day are ignored. */
  alerts: readonly StoredAlert[];
  /** Template of a pattern id, for the top patterns; ids without one are shown as `pattern <id>`. */
  templateOf?: (group: string, patternId: string) => string | undefined;
  /** Top patterns per group. Default 5. */
  topPatterns?: number;
}

/**
 * Builds the report of one UTC day.
 *
 * @example
 * const report = buildDailyReport({ day: '2026-11-25', windows, alerts, templateOf: (g, id) => templates.get(id) });
 */
export function buildDailyReport(input: DailyReportInput): DailyReport {
  const { from, to } = dayRange(input.day);
  const top = input.topPatterns ?? 5;
  const byGroup = new Map<string, { counts: SeverityCounts; patterns: Map<string, number> }>();
  for (const w of input.windows) {
    if (w.start < from || w.start >= to) continue;
    let g = byGroup.get(w.group);
    if (!g) {
      g = { counts: { total: 0, CRITICAL: 0, ERROR: 0, WARNING: 0, INFO: 0, DEBUG: 0 }, patterns: new Map() };
      byGroup.set(w.group, g);
    }
    const c = severityCounts(w);
    g.counts.total += c.total;
    for (const s of SEVERITIES) g.counts[s] += c[s];
    for (const name in w.counters) {
      if (!name.startsWith(PATTERN_PREFIX)) continue;
      const id = name.slice(PATTERN_PREFIX.length);
      g.patterns.set(id, (g.patterns.get(id) ?? 0) + (w.counters[name] ?? 0));
    }
  }
  const groups: DailyReportGroup[] = [...byGroup].map(([group, g]) => ({
    group,
    counts: g.counts,
    topPatterns: [...g.patterns]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, top)
      .map(([patternId, count]) => ({
        patternId,
        count,
        template: input.templateOf?.(group, patternId) ?? `pattern ${patternId}`,
      })),
  }));
  groups.sort(
    (a, b) =>
      b.counts.CRITICAL - a.counts.CRITICAL ||
      b.counts.ERROR - a.counts.ERROR ||
      b.counts.total - a.counts.total ||
      (a.group < b.group ? -1 : 1),
  );
  const alerts = input.alerts
    .filter((a) => a.window.start >= from && a.window.start < to)
    .map(({ id, rule, group, severity, summary, firedAt, state, window }) => ({
      id,
      rule,
      group,
      severity,
      summary,
      firedAt,
      state,
      window: { ...window },
    }))
    .sort((a, b) => a.window.start - b.window.start || a.firedAt - b.firedAt);
  return { day: input.day, groups, alerts };
}

/** The UTC day of an instant, `YYYY-MM-DD`. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Start (inclusive) and end (exclusive) of a UTC day, epoch ms. Throws RangeError for a malformed day. */
export function dayRange(day: string): { from: number; to: number } {
  const from = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(from)) throw new RangeError(`not a day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  return { from, to: from + DAY_MS };
}

/**
 * The next time the report is due after `now`, for `at` = `HH:MM` UTC (config.notify.dailyReport.at),
 * and the day it reports on: the UTC day before the one it is sent on.
 *
 * @example
 * nextDailyReport(Date.parse('2026-11-26T09:00:00Z'), '08:00') // { at: 2026-11-27T08:00Z, day: '2026-11-26' }
 */
export function nextDailyReport(now: number, at: string): { at: number; day: string } {
  const m = /^(\d{2}):(\d{2})$/.exec(at);
  if (!m) throw new RangeError(`not a time of day (HH:MM): ${JSON.stringify(at)}`);
  const offset = Number(m[1]) * 3_600_000 + Number(m[2]) * 60_000;
  const today = now - (((now % DAY_MS) + DAY_MS) % DAY_MS);
  let due = today + offset;
  if (due <= now) due += DAY_MS;
  return { at: due, day: utcDay(due - DAY_MS) };
}
