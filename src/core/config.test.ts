import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_ALERT_RULES, defaultConfig, parseConfig, parseConfigText } from './config.js';

describe('config', () => {
  it('fills every default', () => {
    const config = defaultConfig();
    expect(config.windowMinutes).toBe(5);
    expect(config.decode.maxDecompressedBytes).toBe(64 * 1024 * 1024);
    expect(config.classify.httpStatus).toEqual({ '5xx': 'ERROR', '4xx': 'WARNING' });
    expect(config.redact.enabled).toBe(true);
    expect(config.store.retention.INFO).toBe(7 * 86_400_000);
    expect(config.alerts.rules.map((r) => r.id)).toEqual(DEFAULT_ALERT_RULES.map((r) => r.id));
    expect(config.alerts.rules[0]).toMatchObject({
      type: 'threshold',
      severity: 'ERROR',
      count: 11,
      groups: [],
      cooldown: 0,
    });
  });

  it('parses durations in text and milliseconds', () => {
    const config = parseConfig({
      store: { retention: { DEBUG: '12h', INFO: 60_000 } },
      alerts: { rules: [{ id: 'x', type: 'match', pattern: 'boom', cooldown: '5m' }] },
    });
    expect(config.store.retention.DEBUG).toBe(12 * 3_600_000);
    expect(config.store.retention.INFO).toBe(60_000);
    expect(config.alerts.rules[0]).toMatchObject({ cooldown: 300_000, severity: 'DEBUG' });
  });

  it('names every bad field in one error', () => {
    // Act
    let error: unknown;
    try {
      parseConfig(
        {
          windowMinutes: 0,
          alerts: {
            rules: [
              { id: 'a', type: 'threshold', severity: 'ERR', count: 0 },
              { id: 'a', type: 'match', pattern: '(' },
            ],
          },
          store: { retention: { INFO: '7x' } },
          bogus: true,
        },
        'logsift.json',
      );
    } catch (err) {
      error = err;
    }
    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('logsift.json');
    expect(message).toContain('windowMinutes:');
    expect(message).toContain('alerts.rules[0].severity:');
    expect(message).toContain('alerts.rules[0].count:');
    expect(message).toContain('alerts.rules[1].pattern: not a valid regular expression');
    expect(message).toContain('store.retention.INFO: not a duration: "7x"');
    expect(message).toContain('"bogus"');
  });

  it('rejects duplicate rule ids', () => {
    const rules = [
      { id: 'same', type: 'threshold', severity: 'ERROR', count: 1 },
      { id: 'same', type: 'threshold', severity: 'ERROR', count: 2 },
    ];
    expect(() => parseConfig({ alerts: { rules } })).toThrow(
      /alerts.rules\[1\].id: duplicate rule id "same"/,
    );
  });

  it('reports JSON syntax errors with the origin', () => {
    expect(() => parseConfigText('{"windowMinutes": ', 'LOGSIFT_CONFIG')).toThrow(
      /LOGSIFT_CONFIG:\n\s+not valid JSON/,
    );
  });
});
