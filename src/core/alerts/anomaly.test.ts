import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { WindowAggregator } from '../metrics/WindowAggregator.js';
import type { WindowDelta } from '../metrics/window.js';
import type { AnalyzedEvent, Severity } from '../types.js';
import { AnomalyEvaluator, type BornPattern } from './anomaly.js';
import { dedupKeyOf, firingId } from './firing.js';

const W = 300_000;
const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const GROUP = '/aws/lambda/api';
let n = 0;

function event(
  patternId: string,
  severity: Severity,
  timestamp: number,
  template = `tpl ${patternId}`,
): AnalyzedEvent {
  n++;
  return {
    id: `e${n}`,
    group: GROUP,
    stream: 's',
    timestamp,
    severity,
    message: `${template} #${n}`,
    fields: {},
    batchId: 'b',
    patternId,
    template,
  };
}

/** `counts[k]` events of pattern `id` in window k (T0 + k*W), at `severity`. */
function series(id: string, counts: number[], severity: Severity = 'INFO'): AnalyzedEvent[] {
  return counts.flatMap((c, k) => Array.from({ length: c }, (_, i) => event(id, severity, T0 + k * W + i)));
}

function windowsOf(events: readonly AnalyzedEvent[]): WindowDelta[] {
  const agg = new WindowAggregator(W);
  for (const e of events) agg.add(e);
  return agg.deltas();
}

const rulesOf = (input: unknown) => parseConfig({ alerts: { rules: input } }).alerts.rules;

describe('AnomalyEvaluator: new_pattern', () => {
  const evaluator = new AnomalyEvaluator(
    rulesOf([{ id: 'new', type: 'new_pattern', learningEvents: 100 }]),
    W,
    3,
  );
  const born = (e: AnalyzedEvent, seenBefore: number): BornPattern => ({
    group: GROUP,
    patternId: e.patternId!,
    template: e.template!,
    event: e,
    seenBefore,
  });

  it('fires for a WARNING-or-worse pattern after the learning time, naming it with counts and an example', () => {
    // Prepare
    const events = series('p1', [14], 'ERROR').map((e) => ({ ...e, template: 'Connection to <*> refused' }));
    // Act
    const firings = evaluator.newPatternFirings(
      [born(events[0]!, 500)],
      events,
      windowsOf(events),
      T0 + 60_000,
    );
    // Assess
    expect(firings).toHaveLength(1);
    expect(firings[0]).toMatchObject({
      rule: 'new',
      type: 'new_pattern',
      key: 'p1',
      patternId: 'p1',
      template: 'Connection to <*> refused',
      severity: 'ERROR',
      value: 14,
      window: { start: T0, end: T0 + W },
      id: firingId(dedupKeyOf('new', GROUP, 'p1', T0)),
    });
    expect(firings[0]!.summary).toMatch(
      /^New pattern in \/aws\/lambda\/api: `Connection to <\*> refused` \(ERROR, 14 events\), e\.g\. /,
    );
    expect(firings[0]!.examples).toHaveLength(3);
  });

  it('stays quiet while the group is learning', () => {
    const events = series('p1', [2], 'ERROR');
    expect(evaluator.newPatternFirings([born(events[0]!, 99)], events, windowsOf(events), T0)).toEqual([]);
  });

  it('stays quiet for patterns below the severity', () => {
    const events = series('p1', [3], 'INFO');
    expect(evaluator.newPatternFirings([born(events[0]!, 5000)], events, windowsOf(events), T0)).toEqual([]);
  });

  it('respects group globs', () => {
    const scoped = new AnomalyEvaluator(
      rulesOf([{ id: 'new', type: 'new_pattern', learningEvents: 0, groups: ['/prod/*'] }]),
      W,
    );
    const events = series('p1', [1], 'ERROR');
    expect(scoped.newPatternFirings([born(events[0]!, 0)], events, windowsOf(events), T0)).toEqual([]);
  });
});

describe('AnomalyEvaluator: spike up', () => {
  const evaluator = new AnomalyEvaluator(
    rulesOf([{ id: 'spike', type: 'spike', baselineWindows: 6, ratio: 3, minCount: 10 }]),
    W,
  );
  const now = T0 + 100 * W;

  it('fires when a pattern reaches ratio x its baseline mean, with the counts in the summary', () => {
    // Prepare: 12 per window for 6 windows, then 240
    const history = series('p1', [12, 12, 12, 12, 12, 12]);
    const batch = series('p1', [0, 0, 0, 0, 0, 0, 240]);
    const touched = windowsOf(batch);
    // Act
    const firings = evaluator.spikeFirings(GROUP, touched, windowsOf(history), batch, now);
    // Assess
    expect(firings).toHaveLength(1);
    expect(firings[0]).toMatchObject({ key: 'p1', patternId: 'p1', value: 240, baseline: 12, type: 'spike' });
    expect(firings[0]!.window.start).toBe(T0 + 6 * W);
    expect(firings[0]!.summary).toContain(
      'Spike in /aws/lambda/api: pattern `tpl p1` 240 events in 5m vs 12 per window before (20x)',
    );
  });

  it('does not fire below minCount even at a high ratio', () => {
    const history = series('p1', [1, 1, 1, 1, 1, 1]);
    const batch = series('p1', [0, 0, 0, 0, 0, 0, 9]);
    expect(evaluator.spikeFirings(GROUP, windowsOf(batch), windowsOf(history), batch, now)).toEqual([]);
  });

  it('does not fire below the ratio', () => {
    const history = series('p1', [12, 12, 12, 12, 12, 12]);
    const batch = series('p1', [0, 0, 0, 0, 0, 0, 35]);
    expect(evaluator.spikeFirings(GROUP, windowsOf(batch), windowsOf(history), batch, now)).toEqual([]);
  });

  it('needs a baseline: fewer than 3 windows with events of the group, no firing', () => {
    const history = series('p1', [0, 0, 0, 0, 12, 12]);
    const batch = series('p1', [0, 0, 0, 0, 0, 0, 500]);
    expect(evaluator.spikeFirings(GROUP, windowsOf(batch), windowsOf(history), batch, now)).toEqual([]);
    const longer = series('p1', [0, 0, 0, 12, 12, 12]);
    expect(evaluator.spikeFirings(GROUP, windowsOf(batch), windowsOf(longer), batch, now)).toHaveLength(1);
  });

  it('counts events at or above a severity with on: severity, keyed by the severity', () => {
    const bySeverity = new AnomalyEvaluator(
      rulesOf([{ id: 'errors', type: 'spike', on: 'severity', baselineWindows: 4, minBaselineWindows: 4 }]),
      W,
    );
    const history = [...series('a', [5, 5, 5, 5], 'ERROR'), ...series('b', [50, 50, 50, 50], 'INFO')];
    const batch = [...series('a', [0, 0, 0, 0, 10], 'ERROR'), ...series('c', [0, 0, 0, 0, 10], 'CRITICAL')];
    const firings = bySeverity.spikeFirings(GROUP, windowsOf(batch), windowsOf(history), batch, now);
    expect(firings.map((f) => [f.key, f.value, f.baseline, f.severity])).toEqual([['ERROR', 20, 5, 'ERROR']]);
    expect(firings[0]!.summary).toContain(
      'events at ERROR or above: 20 events in 5m vs 5 per window before (4x)',
    );
  });
});

describe('AnomalyEvaluator: spike down', () => {
  const evaluator = new AnomalyEvaluator(
    rulesOf([{ id: 'drop', type: 'spike', direction: 'down', baselineWindows: 6, ratio: 4, minCount: 10 }]),
    W,
  );
  // 40 per window for windows 0..5, then 2 in window 6; the batch arrives in window 7.
  const history = windowsOf(series('p1', [40, 40, 40, 40, 40, 40, 2]));
  const batch = series('p2', [0, 0, 0, 0, 0, 0, 0, 1]);
  const touched = windowsOf(batch);

  it('fires for a window that has ended, before the window the batch arrived in', () => {
    const firings = evaluator.spikeFirings(GROUP, touched, history, batch, T0 + 8 * W, (id) =>
      id === 'p1' ? { template: 'heartbeat <*> ok', example: 'heartbeat 7 ok' } : undefined,
    );
    expect(firings).toHaveLength(1);
    expect(firings[0]).toMatchObject({ key: 'p1', value: 2, baseline: 40, template: 'heartbeat <*> ok' });
    expect(firings[0]!.window.start).toBe(T0 + 6 * W);
    expect(firings[0]!.summary).toBe(
      'Drop in /aws/lambda/api: pattern `heartbeat <*> ok` 2 events in 5m vs 40 per window before (5% of usual), e.g. heartbeat 7 ok',
    );
  });

  it('never judges the window in progress: a window still filling is not a drop', () => {
    // Only window 6 touched and it has not ended: nothing is judged (window 5 was normal anyway).
    const filling = windowsOf(series('p1', [0, 0, 0, 0, 0, 0, 2]));
    expect(evaluator.spikeFirings(GROUP, filling, history, [], T0 + 6 * W + 1000)).toEqual([]);
    // Window 6 judged only once the clock is past its end.
    expect(evaluator.spikeFirings(GROUP, touched, history, batch, T0 + 7 * W - 1)).toEqual([]);
  });

  it('does not fire when the baseline mean is below minCount', () => {
    const quiet = windowsOf(series('p1', [8, 8, 8, 8, 8, 8, 0]));
    expect(evaluator.spikeFirings(GROUP, touched, quiet, batch, T0 + 8 * W)).toEqual([]);
  });
});
