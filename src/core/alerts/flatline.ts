/**
 * `flatline` rules: a log group that produced events has gone quiet for `after`. Nothing arrives
 * to trigger them, so a scheduler evaluates them (the local server's timer, the AWS schedule
 * Lambda): it reads each group's last event time from the MetricStore windows and calls
 * `evaluateFlatline`, or simply calls `Pipeline.evaluateScheduledRules()`, which does both and records and
 * delivers the firings.
 *
 * One firing per silence: its window is the one in which the silence reached `after`, so every
 * scheduler run (and every racing container) during the same silence computes the same id, and a
 * group that resumes and goes quiet again fires anew.
 *
 * @example
 * const { from, to } = flatlineRange(config.alerts.rules, now, windowMs);
 * const lastSeen = lastSeenByGroup(await ports.metrics.queryWindows({ from, to }));
 * const firings = evaluateFlatline(config.alerts.rules, lastSeen, now, windowMs);
 */
import type { AlertRule, FlatlineRule } from '../config.js';
import { formatDuration } from '../duration.js';
import { globMatcher } from '../glob.js';
import { type WindowDelta, windowStart } from '../metrics/window.js';
import { buildFiring } from './firing.js';
import type { AlertFiring } from './types.js';

/**
 * The window maximum that holds the time of the window's last event, epoch ms. The Analyzer
 * raises it with every batch; windows without it (written before it existed) count as lasting
 * to their end.
 */
export const LAST_EVENT_MAX = 'time.last';

/** Each group's last event time, from metric windows (any order, any groups). */
export function lastSeenByGroup(windows: Iterable<WindowDelta>): Map<string, number> {
  const last = new Map<string, number>();
  for (const w of windows) {
    if ((w.counters.total ?? 0) <= 0) continue;
    const at = w.maxima[LAST_EVENT_MAX] ?? w.end - 1;
    const seen = last.get(w.group);
    if (seen === undefined || at > seen) last.set(w.group, at);
  }
  return last;
}

/**
 * The MetricStore range a flatline check reads: back far enough to see every group whose silence
 * could still be reaching the longest `after` (twice it, plus a window). A group quiet for longer
 * than that has had its firing already and drops out of view. Undefined when no flatline rule exists.
 */
export function flatlineRange(
  rules: readonly AlertRule[],
  now: number,
  windowMs = 300_000,
): { from: number; to: number } | undefined {
  let longest = -1;
  for (const rule of rules) if (rule.type === 'flatline' && rule.after > longest) longest = rule.after;
  if (longest < 0) return undefined;
  return { from: windowStart(now - 2 * longest - windowMs, windowMs), to: now + windowMs };
}

/**
 * Firings of the flatline rules: every group in `lastSeen` that a rule watches and that has been
 * quiet for at least the rule's `after` at `now`. Key `*`.
 */
export function evaluateFlatline(
  rules: readonly AlertRule[],
  lastSeen: ReadonlyMap<string, number>,
  now: number,
  windowMs = 300_000,
): AlertFiring[] {
  const firings: AlertFiring[] = [];
  for (const rule of rules) {
    if (rule.type !== 'flatline') continue;
    const appliesTo = rule.groups.length === 0 ? () => true : globMatcher(rule.groups);
    for (const [group, at] of lastSeen) {
      if (!appliesTo(group) || now - at < rule.after) continue;
      firings.push(flatlineFiring(rule, group, at, now, windowMs));
    }
  }
  return firings;
}

function flatlineFiring(
  rule: FlatlineRule,
  group: string,
  at: number,
  now: number,
  windowMs: number,
): AlertFiring {
  const quiet = Math.floor((now - at) / 60_000) * 60_000;
  return buildFiring(rule, group, '*', windowStart(at + rule.after, windowMs), windowMs, now, {
    severity: rule.alertSeverity ?? 'WARNING',
    summary: `No events from ${group} for ${formatDuration(Math.max(quiet, 60_000))} (last at ${new Date(at).toISOString()}; rule ${rule.id}: quiet for ${formatDuration(rule.after)})`,
    counts: { total: 0, CRITICAL: 0, ERROR: 0, WARNING: 0, INFO: 0, DEBUG: 0 },
    examples: [],
    value: 0,
  });
}
