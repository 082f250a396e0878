import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { WindowAggregator } from '../metrics/WindowAggregator.js';
import type { AnalyzedEvent, Severity } from '../types.js';
import { AlertEvaluator, firingId } from './AlertEvaluator.js';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const NOW = T0 + 60_000;
let n = 0;
function event(
  severity: Severity,
  message = 'x',
  timestamp = T0,
  group = '/aws/lambda/test-app',
): AnalyzedEvent {
  n++;
  return { id: `e${n}`, group, stream: 's', timestamp, severity, message, fields: {}, batchId: 'b' };
}
function windowsOf(events: AnalyzedEvent[]) {
  const agg = new WindowAggregator();
  for (const e of events) agg.add(e);
  return agg.deltas();
}
const rules = (input: unknown) => parseConfig({ alerts: { rules: input } }).alerts.rules;

describe('AlertEvaluator: default rules (the seed intent, per window)', () => {
  const evaluator = new AlertEvaluator(parseConfig({}).alerts.rules);

  it('fires error-burst at 11 errors in a window, not at 10', () => {
    const ten = Array.from({ length: 10 }, () => event('ERROR'));
    expect(evaluator.evaluate(windowsOf(ten), ten, [], NOW)).toEqual([]);
    const eleven = [...ten, event('ERROR')];
    const firings = evaluator.evaluate(windowsOf(eleven), eleven, [], NOW);
    expect(firings.map((f) => f.rule)).toEqual(['error-burst']);
    expect(firings[0]).toMatchObject({
      group: '/aws/lambda/test-app',
      key: '*',
      window: { start: T0, end: T0 + 300_000 },
      severity: 'ERROR',
      counts: { total: 11, ERROR: 11 },
    });
    expect(firings[0]!.summary).toContain('11 events at ERROR or above in /aws/lambda/test-app within 5m');
    expect(firings[0]!.examples).toHaveLength(5);
  });

  it('fires critical for one CRITICAL event, and counts it toward error-burst', () => {
    const events = [
      ...Array.from({ length: 10 }, () => event('ERROR')),
      event('CRITICAL', 'Critical system failure'),
    ];
    const firings = evaluator.evaluate(windowsOf(events), events, [], NOW);
    expect(firings.map((f) => f.rule).sort()).toEqual(['critical', 'error-burst']);
    const critical = firings.find((f) => f.rule === 'critical')!;
    expect(critical.severity).toBe('CRITICAL');
    expect(critical.examples.map((e) => e.message)).toEqual(['Critical system failure']);
  });

  it('gives the same firing the same id and dedup key, per rule, group and window', () => {
    const a = [event('CRITICAL')];
    const b = [event('CRITICAL', 'other', T0 + 1000)];
    const first = evaluator.evaluate(windowsOf(a), a, [], NOW)[0]!;
    const second = evaluator.evaluate(windowsOf(b), b, [], NOW + 5000)[0]!;
    expect(second.id).toBe(first.id);
    expect(first.dedupKey).toBe(`critical|/aws/lambda/test-app|*|${T0}`);
    expect(first.id).toBe(firingId(first.dedupKey));
    const next = [event('CRITICAL', 'x', T0 + 300_000)];
    expect(evaluator.evaluate(windowsOf(next), next, [], NOW)[0]!.id).not.toBe(first.id);
  });

  it('evaluates windows separately: 6 + 6 errors in two windows do not fire', () => {
    const events = [
      ...Array.from({ length: 6 }, () => event('ERROR', 'x', T0 + 299_000)),
      ...Array.from({ length: 6 }, () => event('ERROR', 'x', T0 + 300_000)),
    ];
    expect(evaluator.evaluate(windowsOf(events), events, [], NOW)).toEqual([]);
  });
});

describe('AlertEvaluator: configured rules', () => {
  it('match rules fire once per window with the matching events as examples', () => {
    const evaluator = new AlertEvaluator(
      rules([{ id: 'oom', type: 'match', pattern: 'out of memory', flags: 'i', severity: 'WARNING' }]),
    );
    const events = [
      event('ERROR', 'Out of memory: killed'),
      event('INFO', 'out of memory (info, below severity)'),
      event('ERROR', 'fine'),
    ];
    const hits = evaluator.matchEvents(events);
    expect(hits).toHaveLength(1);
    const firings = evaluator.evaluate(windowsOf(events), events, hits, NOW);
    expect(firings).toHaveLength(1);
    expect(firings[0]).toMatchObject({ rule: 'oom', type: 'match', severity: 'ERROR' });
    expect(firings[0]!.examples.map((e) => e.message)).toEqual(['Out of memory: killed']);
  });

  it('match rules can test a field value', () => {
    const evaluator = new AlertEvaluator(
      rules([{ id: 'status', type: 'match', field: 'http.status', equals: 503 }]),
    );
    const hit = { ...event('ERROR'), fields: { 'http.status': 503 } };
    const miss = { ...event('ERROR'), fields: { 'http.status': 500 } };
    expect(evaluator.matchEvents([hit, miss])[0]!.count).toBe(1);
  });

  it('rules apply only to their groups', () => {
    const evaluator = new AlertEvaluator(
      rules([{ id: 'prod', type: 'threshold', severity: 'ERROR', count: 1, groups: ['/prod/*'] }]),
    );
    const events = [event('ERROR', 'x', T0, '/dev/api'), event('ERROR', 'x', T0, '/prod/api')];
    expect(evaluator.evaluate(windowsOf(events), events, [], NOW).map((f) => f.group)).toEqual(['/prod/api']);
  });

  it('carries the rule channels and alert severity', () => {
    const evaluator = new AlertEvaluator(
      rules([
        {
          id: 'w',
          type: 'threshold',
          severity: 'WARNING',
          count: 2,
          channels: ['slack'],
          alertSeverity: 'ERROR',
        },
      ]),
    );
    const events = [event('WARNING'), event('ERROR')];
    const [firing] = evaluator.evaluate(windowsOf(events), events, [], NOW);
    expect(firing).toMatchObject({ channels: ['slack'], severity: 'ERROR' });
  });
});
