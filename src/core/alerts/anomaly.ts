/**
 * Anomaly rules over patterns and windows: `new_pattern` and `spike`. Pure: the pipeline hands in
 * the batch's analysis, the windows' current totals and the group's earlier windows (from the
 * MetricStore), and records the firings; ids are deterministic per rule, group, key and window, so
 * a redelivered batch yields the same firings, which the AlertStore records once.
 *
 * - `new_pattern` fires for a pattern born in this batch once the group's miner is past its
 *   learning time (`learningEvents`), when the pattern's events in its first window reach the
 *   rule's severity. Key: the pattern id.
 * - `spike` compares a count in a window (a pattern's, key the pattern id; or the events at or
 *   above a severity, key the severity) with its mean over the previous `baselineWindows` windows
 *   in which the group had events. No baseline (fewer than `minBaselineWindows` such windows), no
 *   firing. Up: count >= minCount and count >= ratio x mean, evaluated on the running totals of
 *   the windows the batch touched. Down: mean >= minCount and count <= mean / ratio, evaluated only
 *   for a window that has ended (by the clock) and before a window the batch touched, so a window
 *   still filling never looks like a drop.
 */
import type { AlertRule, NewPatternRule, SpikeRule } from '../config.js';
import { formatDuration } from '../duration.js';
import { globMatcher } from '../glob.js';
import {
  countAtLeast,
  type SeverityCounts,
  severityCounts,
  type WindowDelta,
  windowStart,
} from '../metrics/window.js';
import { type AnalyzedEvent, atLeast, type Severity } from '../types.js';
import { buildFiring, plural, toExample, worst } from './firing.js';
import type { AlertExample, AlertFiring } from './types.js';

/** A pattern born in a batch, as the Analyzer reports it. */
export interface BornPattern {
  group: string;
  patternId: string;
  template: string;
  /** The event that created the pattern. */
  event: AnalyzedEvent;
  /** Events the group's miner had seen before this one (its learning progress). */
  seenBefore: number;
}

/** What the miner knows about a pattern, for firings whose batch holds none of its events. */
export interface PatternDescription {
  template: string;
  example: string;
}

interface Compiled<R> {
  rule: R;
  appliesTo: (group: string) => boolean;
}

const PATTERN_PREFIX = 'pat.';

export class AnomalyEvaluator {
  private readonly newPatternRules: Compiled<NewPatternRule>[] = [];
  private readonly spikeRules: Compiled<SpikeRule>[] = [];

  /**
   * @param rules the configured rules (other types are ignored)
   * @param windowMs window length. The default value is 300000.
   * @param maxExamples example events per firing. The default value is 5.
   *
   * @example
   * const anomalies = new AnomalyEvaluator(config.alerts.rules, 300_000, 5);
   * const firings = anomalies.newPatternFirings(analysis.newPatterns, analysis.events, applied.windows, now);
   */
  constructor(
    rules: readonly AlertRule[],
    private readonly windowMs = 300_000,
    private readonly maxExamples = 5,
  ) {
    for (const rule of rules) {
      const appliesTo = rule.groups.length === 0 ? () => true : globMatcher(rule.groups);
      if (rule.type === 'new_pattern') this.newPatternRules.push({ rule, appliesTo });
      else if (rule.type === 'spike') this.spikeRules.push({ rule, appliesTo });
    }
  }

  /**
   * Firings for patterns born in a batch. `windows` are the current totals of the windows the batch
   * touched (the pattern's count in its first window comes from there).
   */
  newPatternFirings(
    born: readonly BornPattern[],
    events: readonly AnalyzedEvent[],
    windows: readonly WindowDelta[],
    now: number,
  ): AlertFiring[] {
    if (this.newPatternRules.length === 0 || born.length === 0) return [];
    const candidates = born.filter((b) =>
      this.newPatternRules.some((r) => r.appliesTo(b.group) && b.seenBefore >= r.rule.learningEvents),
    );
    if (candidates.length === 0) return [];
    const byPattern = this.eventsOfPatterns(new Set(candidates.map((b) => b.patternId)), events);
    const firings: AlertFiring[] = [];
    for (const b of candidates) {
      const start = windowStart(b.event.timestamp, this.windowMs);
      const own = (byPattern.get(b.patternId) ?? [b.event]).filter(
        (e) => e.group === b.group && windowStart(e.timestamp, this.windowMs) === start,
      );
      const severity = worst(own.map((e) => e.severity)) ?? b.event.severity;
      const w = windows.find((x) => x.group === b.group && x.start === start);
      const count = w?.counters[PATTERN_PREFIX + b.patternId] ?? own.length;
      const template = own[own.length - 1]?.template ?? b.template;
      const examples = own.slice(0, this.maxExamples).map(toExample);
      for (const { rule, appliesTo } of this.newPatternRules) {
        if (!appliesTo(b.group) || b.seenBefore < rule.learningEvents || !atLeast(severity, rule.severity))
          continue;
        firings.push(
          buildFiring(rule, b.group, b.patternId, start, this.windowMs, now, {
            severity: rule.alertSeverity ?? severity,
            summary: `New pattern in ${b.group}: \`${clip(template, 160)}\` (${severity}, ${plural(count, 'event')}), e.g. ${clip(b.event.message, 160)}`,
            counts: w ? severityCounts(w) : zeroCounts(),
            examples,
            patternId: b.patternId,
            template,
            value: count,
          }),
        );
      }
    }
    return firings;
  }

  /** True when a spike rule watches `group`: only then does the pipeline fetch the baseline. */
  watchesSpikes(group: string): boolean {
    return this.spikeRules.some((r) => r.appliesTo(group));
  }

  /**
   * The windows a spike evaluation of `touched` needs, as a MetricStore query range: the baseline
   * before the earliest touched window's predecessor (drops look one window back), up to the last
   * touched window.
   */
  baselineRange(group: string, touched: readonly WindowDelta[]): { from: number; to: number } {
    let n = 1;
    for (const { rule, appliesTo } of this.spikeRules)
      if (appliesTo(group)) n = Math.max(n, rule.baselineWindows);
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const w of touched) {
      if (w.start < min) min = w.start;
      if (w.start > max) max = w.start;
    }
    return { from: min - (n + 1) * this.windowMs, to: max + this.windowMs };
  }

  /**
   * Spike firings of one group. `touched`: the current totals of the windows the batch touched;
   * `history`: the group's windows over `baselineRange` (from the MetricStore, touched ones
   * included or not); `events`: the batch, for examples; `describe`: the miner's view of a
   * pattern, for drops (their window may hold none of the pattern's events).
   */
  spikeFirings(
    group: string,
    touched: readonly WindowDelta[],
    history: readonly WindowDelta[],
    events: readonly AnalyzedEvent[],
    now: number,
    describe: (patternId: string) => PatternDescription | undefined = () => undefined,
  ): AlertFiring[] {
    const rules = this.spikeRules.filter((r) => r.appliesTo(group)).map((r) => r.rule);
    const own = touched.filter((w) => w.group === group);
    if (rules.length === 0 || own.length === 0) return [];
    const byStart = new Map<number, WindowDelta>();
    for (const w of history) if (w.group === group) byStart.set(w.start, w);
    for (const w of own) byStart.set(w.start, w);
    // Drops are judged on the window before each touched one, once it has ended.
    const ended = new Set<number>();
    for (const w of own) {
      const prev = w.start - this.windowMs;
      if (prev + this.windowMs <= now) ended.add(prev);
    }
    const firings: AlertFiring[] = [];
    for (const rule of rules) {
      if (rule.direction !== 'down')
        for (const w of own) this.judge(rule, group, w.start, 'up', byStart, events, now, describe, firings);
      if (rule.direction !== 'up')
        for (const start of ended)
          this.judge(rule, group, start, 'down', byStart, events, now, describe, firings);
    }
    return firings;
  }

  private judge(
    rule: SpikeRule,
    group: string,
    start: number,
    direction: 'up' | 'down',
    byStart: ReadonlyMap<number, WindowDelta>,
    events: readonly AnalyzedEvent[],
    now: number,
    describe: (patternId: string) => PatternDescription | undefined,
    out: AlertFiring[],
  ): void {
    const baseline: WindowDelta[] = [];
    for (let k = 1; k <= rule.baselineWindows; k++) {
      const w = byStart.get(start - k * this.windowMs);
      if (w && (w.counters.total ?? 0) > 0) baseline.push(w);
    }
    if (baseline.length < rule.minBaselineWindows) return;
    const current = byStart.get(start);
    const keys = new Set<string>();
    if (rule.on === 'severity') keys.add(rule.severity);
    else if (direction === 'up') {
      if (current)
        for (const name in current.counters) if (name.startsWith(PATTERN_PREFIX)) keys.add(name.slice(4));
    } else {
      for (const w of baseline)
        for (const name in w.counters) if (name.startsWith(PATTERN_PREFIX)) keys.add(name.slice(4));
    }
    for (const key of keys) {
      const countIn = (w: WindowDelta | undefined) =>
        w === undefined
          ? 0
          : rule.on === 'severity'
            ? countAtLeast(w, rule.severity)
            : (w.counters[PATTERN_PREFIX + key] ?? 0);
      const value = countIn(current);
      let sum = 0;
      for (const w of baseline) sum += countIn(w);
      const mean = sum / baseline.length;
      const fires =
        direction === 'up'
          ? value >= rule.minCount && value >= rule.ratio * mean
          : mean >= rule.minCount && value <= mean / rule.ratio;
      if (!fires) continue;
      out.push(
        this.spikeFiring(rule, group, key, start, direction, value, mean, current, events, now, describe),
      );
    }
  }

  private spikeFiring(
    rule: SpikeRule,
    group: string,
    key: string,
    start: number,
    direction: 'up' | 'down',
    value: number,
    mean: number,
    current: WindowDelta | undefined,
    events: readonly AnalyzedEvent[],
    now: number,
    describe: (patternId: string) => PatternDescription | undefined,
  ): AlertFiring {
    const end = start + this.windowMs;
    const examples: AlertExample[] = [];
    let template: string | undefined;
    for (const e of events) {
      if (examples.length >= this.maxExamples) break;
      if (e.group !== group || e.timestamp < start || e.timestamp >= end) continue;
      if (rule.on === 'severity' ? !atLeast(e.severity, rule.severity) : e.patternId !== key) continue;
      examples.push(toExample(e));
      if (e.template !== undefined) template = e.template;
    }
    const pattern = rule.on === 'pattern';
    const known = pattern && template === undefined ? describe(key) : undefined;
    if (known) template = known.template;
    const what = pattern
      ? `pattern \`${clip(template ?? key, 160)}\``
      : `events at ${rule.severity} or above:`;
    const change =
      direction === 'up'
        ? mean > 0
          ? `${round(value / mean)}x`
          : 'none before'
        : `${Math.round((value / mean) * 100)}% of usual`;
    const eg = examples[0]?.message ?? known?.example;
    const summary =
      `${direction === 'up' ? 'Spike' : 'Drop'} in ${group}: ${what} ${plural(value, 'event')} in ` +
      `${formatDuration(this.windowMs)} vs ${round(mean)} per window before (${change})` +
      (eg !== undefined ? `, e.g. ${clip(eg, 160)}` : '');
    const severity: Severity =
      rule.alertSeverity ?? (pattern ? (worst(examples.map((e) => e.severity)) ?? 'WARNING') : rule.severity);
    const detail = {
      severity,
      summary,
      counts: current ? severityCounts(current) : zeroCounts(),
      examples,
      value,
      baseline: round(mean),
      ...(pattern ? { patternId: key } : {}),
      ...(template !== undefined ? { template } : {}),
    };
    return buildFiring(rule, group, key, start, this.windowMs, now, detail);
  }

  private eventsOfPatterns(ids: ReadonlySet<string>, events: readonly AnalyzedEvent[]) {
    const byPattern = new Map<string, AnalyzedEvent[]>();
    for (const e of events) {
      if (e.patternId === undefined || !ids.has(e.patternId)) continue;
      const list = byPattern.get(e.patternId);
      if (list) list.push(e);
      else byPattern.set(e.patternId, [e]);
    }
    return byPattern;
  }
}

function zeroCounts(): SeverityCounts {
  return { total: 0, CRITICAL: 0, ERROR: 0, WARNING: 0, INFO: 0, DEBUG: 0 };
}

function round(n: number): number {
  return n >= 10 ? Math.round(n) : Math.round(n * 10) / 10;
}

function clip(text: string, n: number): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}
