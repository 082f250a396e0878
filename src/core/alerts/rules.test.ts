import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../config.js';

const problemsOf = (rules: unknown): string[] => {
  try {
    parseConfig({ alerts: { rules } });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('alert rule configuration', () => {
  it('keeps the default rules', () => {
    expect(parseConfig({}).alerts.rules.map((r) => r.id)).toEqual(['error-burst', 'critical']);
  });

  it('fills the anomaly rules’ defaults', () => {
    const [np, spike, flat] = parseConfig({
      alerts: {
        rules: [
          { id: 'n', type: 'new_pattern' },
          { id: 's', type: 'spike' },
          { id: 'f', type: 'flatline' },
        ],
      },
    }).alerts.rules;
    expect(np).toMatchObject({ severity: 'WARNING', learningEvents: 1000, groups: [], cooldown: 0 });
    expect(spike).toMatchObject({
      on: 'pattern',
      severity: 'ERROR',
      baselineWindows: 12,
      minBaselineWindows: 3,
      ratio: 3,
      minCount: 10,
      direction: 'up',
    });
    expect(flat).toMatchObject({ after: 900_000 });
  });

  it('names each bad field', () => {
    expect(problemsOf([{ id: 's', type: 'spike', ratio: 1 }])).toEqual([
      'alerts.rules[0].ratio: Too small: expected number to be >1',
    ]);
    expect(problemsOf([{ id: 's', type: 'spike', direction: 'sideways' }])[0]).toMatch(
      /^alerts\.rules\[0\]\.direction: /,
    );
    expect(problemsOf([{ id: 's', type: 'spike', baselineWindows: 2 }])).toEqual([
      'alerts.rules[0].minBaselineWindows: must be at most baselineWindows (2)',
    ]);
    expect(problemsOf([{ id: 'f', type: 'flatline', after: '10s' }])).toEqual([
      'alerts.rules[0].after: must be at least 1m',
    ]);
    expect(problemsOf([{ id: 'f', type: 'flatline', after: 'soon' }])[0]).toMatch(
      /^alerts\.rules\[0\]\.after: not a duration/,
    );
    expect(problemsOf([{ id: 'n', type: 'new_pattern', learningEvents: -1 }])[0]).toMatch(
      /^alerts\.rules\[0\]\.learningEvents: /,
    );
    expect(problemsOf([{ id: 'n', type: 'new_pattern', count: 3 }])[0]).toMatch(/^alerts\.rules\[0\]: /);
  });
});
