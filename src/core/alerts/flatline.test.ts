import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { emptyWindow } from '../metrics/window.js';
import { evaluateFlatline, flatlineRange, LAST_EVENT_MAX, lastSeenByGroup } from './flatline.js';

const W = 300_000;
const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const MIN = 60_000;
const rulesOf = (input: unknown) => parseConfig({ alerts: { rules: input } }).alerts.rules;

function window(group: string, start: number, total: number, last?: number) {
  const w = emptyWindow(group, start, W);
  w.counters.total = total;
  if (last !== undefined) w.maxima[LAST_EVENT_MAX] = last;
  return w;
}

describe('lastSeenByGroup', () => {
  it("takes each group's latest event time, or a window's end when it has no time recorded", () => {
    const seen = lastSeenByGroup([
      window('/a', T0, 5, T0 + 10_000),
      window('/a', T0 + W, 3, T0 + W + 42_000),
      window('/b', T0, 1),
      window('/c', T0, 0),
    ]);
    expect([...seen]).toEqual([
      ['/a', T0 + W + 42_000],
      ['/b', T0 + W - 1],
    ]);
  });
});

describe('evaluateFlatline', () => {
  const rules = rulesOf([{ id: 'quiet', type: 'flatline', after: '15m', groups: ['/aws/lambda/*'] }]);
  const last = T0 + 2 * MIN;

  it('fires for a watched group quiet for `after`, once per silence', () => {
    // Act
    const early = evaluateFlatline(rules, new Map([['/aws/lambda/api', last]]), last + 14 * MIN, W);
    const first = evaluateFlatline(rules, new Map([['/aws/lambda/api', last]]), last + 15 * MIN, W);
    const later = evaluateFlatline(rules, new Map([['/aws/lambda/api', last]]), last + 40 * MIN, W);
    // Assess
    expect(early).toEqual([]);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ rule: 'quiet', type: 'flatline', key: '*', severity: 'WARNING' });
    expect(first[0]!.summary).toBe(
      'No events from /aws/lambda/api for 15m (last at 2026-11-26T12:02:00.000Z; rule quiet: quiet for 15m)',
    );
    expect(later[0]!.id).toBe(first[0]!.id);
    const resumed = evaluateFlatline(
      rules,
      new Map([['/aws/lambda/api', last + 60 * MIN]]),
      last + 80 * MIN,
      W,
    );
    expect(resumed[0]!.id).not.toBe(first[0]!.id);
  });

  it('ignores groups outside its globs, and configs without flatline rules', () => {
    expect(evaluateFlatline(rules, new Map([['/ecs/web', last]]), last + 60 * MIN, W)).toEqual([]);
    expect(evaluateFlatline(parseConfig({}).alerts.rules, new Map([['/aws/lambda/api', 0]]), T0)).toEqual([]);
    expect(flatlineRange(parseConfig({}).alerts.rules, T0)).toBeUndefined();
  });

  it('reads back far enough for the longest `after`', () => {
    const range = flatlineRange(rulesOf([{ id: 'q', type: 'flatline', after: '1h' }]), T0, W)!;
    expect(range.from).toBeLessThanOrEqual(T0 - 2 * 60 * MIN);
    expect(range.to).toBeGreaterThan(T0);
  });
});
