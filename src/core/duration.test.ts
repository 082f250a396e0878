import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';
import { globMatcher, globToRegExp } from './glob.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1.5h', 5_400_000],
    ['7d', 604_800_000],
    ['2w', 1_209_600_000],
    [1234, 1234],
  ] as const)('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', 'm', '5 minutes', '-1s', 'abc'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('rejects negative and non-finite numbers', () => {
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration(Number.NaN)).toBeUndefined();
  });

  it('formats whole units', () => {
    expect(formatDuration(300_000)).toBe('5m');
    expect(formatDuration(86_400_000)).toBe('1d');
    expect(formatDuration(1500)).toBe('1500ms');
  });
});

describe('glob', () => {
  it('matches * across slashes and escapes the rest', () => {
    const m = globMatcher(['/aws/lambda/logsift-*', 'prod.*']);
    expect(m('/aws/lambda/logsift-processor')).toBe(true);
    expect(m('/aws/lambda/other')).toBe(false);
    expect(m('prod.api')).toBe(true);
    expect(m('prodXapi')).toBe(false);
    expect(globToRegExp('a+b(c)').test('a+b(c)')).toBe(true);
  });

  it('an empty list matches nothing', () => {
    expect(globMatcher([])('anything')).toBe(false);
  });
});
