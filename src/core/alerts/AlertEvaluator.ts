/**
 * Evaluates alert rules. Rules are data (config); firings are deduplicated per rule, key and
 * window by their deterministic id, so evaluating the same window twice (a retried batch, two
 * containers racing) yields the same firing, which the AlertStore records once.
 *
 * - `threshold` rules run on window totals after a batch is applied: the count of events at or
 *   above a severity in the window reaches N.
 * - `match` rules run on each event as it is analyzed: the event is at or above a severity and
 *   its message (or a field) matches.
 * `new_pattern` and `spike` rules are the AnomalyEvaluator's (./anomaly.ts), `flatline` rules the
 * scheduler's (./flatline.ts).
 */
import type { AlertRule, MatchRule, ThresholdRule } from '../config.js';
import { formatDuration } from '../duration.js';
import { globMatcher } from '../glob.js';
import { countAtLeast, severityCounts, type WindowDelta, windowStart } from '../metrics/window.js';
import { type AnalyzedEvent, atLeast, type Severity } from '../types.js';
import { buildFiring, dedupKeyOf, firingId, toExample, worst } from './firing.js';
import type { AlertExample, AlertFiring } from './types.js';

export { dedupKeyOf, firingId };

interface CompiledMatch {
  rule: MatchRule;
  appliesTo: (group: string) => boolean;
  test: (event: AnalyzedEvent) => boolean;
}

interface CompiledThreshold {
  rule: ThresholdRule;
  appliesTo: (group: string) => boolean;
}

/** Events matched by `match` rules in one batch, per rule, group and window. */
export interface MatchHits {
  rule: MatchRule;
  group: string;
  start: number;
  count: number;
  examples: AnalyzedEvent[];
}

export class AlertEvaluator {
  private readonly thresholds: CompiledThreshold[] = [];
  private readonly matches: CompiledMatch[] = [];

  /**
   * @param rules the configured rules
   * @param windowMs window length. The default value is 300000.
   * @param maxExamples example events per firing. The default value is 5.
   */
  constructor(
    rules: readonly AlertRule[],
    private readonly windowMs = 300_000,
    private readonly maxExamples = 5,
  ) {
    for (const rule of rules) {
      const appliesTo = rule.groups.length === 0 ? () => true : globMatcher(rule.groups);
      if (rule.type === 'threshold') this.thresholds.push({ rule, appliesTo });
      else if (rule.type === 'match') this.matches.push({ rule, appliesTo, test: compileMatch(rule) });
    }
  }

  get hasMatchRules(): boolean {
    return this.matches.length > 0;
  }

  /** Runs `match` rules over a batch's events. */
  matchEvents(events: readonly AnalyzedEvent[]): MatchHits[] {
    if (this.matches.length === 0) return [];
    const hits = new Map<string, MatchHits>();
    for (const m of this.matches) {
      for (const event of events) {
        if (!m.appliesTo(event.group) || !m.test(event)) continue;
        const start = windowStart(event.timestamp, this.windowMs);
        const k = dedupKeyOf(m.rule.id, event.group, '*', start);
        let hit = hits.get(k);
        if (!hit) {
          hit = { rule: m.rule, group: event.group, start, count: 0, examples: [] };
          hits.set(k, hit);
        }
        hit.count++;
        if (hit.examples.length < this.maxExamples) hit.examples.push(event);
      }
    }
    return [...hits.values()];
  }

  /**
   * Firings for a batch: threshold rules over the windows' current totals, plus the batch's
   * match hits. `events` supplies examples.
   */
  evaluate(
    windows: readonly WindowDelta[],
    events: readonly AnalyzedEvent[],
    hits: readonly MatchHits[],
    now: number,
  ): AlertFiring[] {
    const firings: AlertFiring[] = [];
    for (const { rule, appliesTo } of this.thresholds) {
      for (const w of windows) {
        if (!appliesTo(w.group)) continue;
        const n = countAtLeast(w, rule.severity);
        if (n < rule.count) continue;
        const examples = this.examplesFor(events, w, rule.severity);
        const label =
          rule.count === 1 && rule.severity === 'CRITICAL' ? 'CRITICAL' : `at ${rule.severity} or above`;
        firings.push(
          this.firing(rule, w.group, '*', w, now, {
            severity: rule.alertSeverity ?? rule.severity,
            summary: `${n} event${n === 1 ? '' : 's'} ${label} in ${w.group} within ${formatDuration(this.windowMs)} (rule ${rule.id}: ${rule.count} or more)`,
            examples,
          }),
        );
      }
    }
    for (const hit of hits) {
      const w = windows.find((x) => x.group === hit.group && x.start === hit.start);
      const rule = hit.rule;
      const what = rule.pattern ? `matching /${rule.pattern}/` : `at ${rule.severity} or above`;
      firings.push(
        this.firing(
          rule,
          hit.group,
          '*',
          w ?? {
            group: hit.group,
            start: hit.start,
            end: hit.start + this.windowMs,
            counters: {},
            maxima: {},
          },
          now,
          {
            severity: rule.alertSeverity ?? worst(hit.examples.map((e) => e.severity)) ?? rule.severity,
            summary: `${hit.count} event${hit.count === 1 ? '' : 's'} ${what} in ${hit.group} (rule ${rule.id})`,
            examples: hit.examples.map(toExample),
          },
        ),
      );
    }
    return firings;
  }

  private examplesFor(events: readonly AnalyzedEvent[], w: WindowDelta, severity: Severity): AlertExample[] {
    const out: AlertExample[] = [];
    for (const e of events) {
      if (out.length >= this.maxExamples) break;
      if (
        e.group === w.group &&
        e.timestamp >= w.start &&
        e.timestamp < w.end &&
        atLeast(e.severity, severity)
      )
        out.push(toExample(e));
    }
    return out;
  }

  private firing(
    rule: AlertRule,
    group: string,
    key: string,
    w: WindowDelta,
    now: number,
    detail: { severity: Severity; summary: string; examples: AlertExample[] },
  ): AlertFiring {
    return buildFiring(rule, group, key, w.start, this.windowMs, now, {
      ...detail,
      counts: severityCounts(w),
    });
  }
}

function compileMatch(rule: MatchRule): (event: AnalyzedEvent) => boolean {
  const re =
    rule.pattern !== undefined
      ? new RegExp(rule.pattern, (rule.flags ?? '').replace(/[gy]/g, ''))
      : undefined;
  const { field, equals, severity } = rule;
  return (event) => {
    if (!atLeast(event.severity, severity)) return false;
    const subject = field === undefined ? event.message : event.fields[field];
    if (equals !== undefined && subject !== equals) return false;
    if (re && (subject === undefined || !re.test(String(subject)))) return false;
    return true;
  };
}
