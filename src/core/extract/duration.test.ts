import { describe, expect, it } from 'vitest';
import { findDuration, parseDurationText } from './duration.js';

describe('findDuration', () => {
  it.each<[string, number | undefined]>([
    ['took 123 ms', 123],
    ['done in 123ms', 123],
    ['1.5s', 1500],
    ['waited 2.3 seconds', 2300],
    ['150 µs', 0.15],
    ['150 μs (Greek mu)', 0.15],
    ['150us', 0.15],
    ['40ns', 0.00004],
    ['2m', 120_000],
    ['in 10 min', 600_000],
    ['1h2m3.5s', 3_723_500],
    ['2m30s', 150_000],
    ['latency=45ms', 45],
    ['elapsed: 0.5s', 500],
    ['Memory Size: 128 MB', undefined],
    ['v1.5s', undefined],
    ['12:30s', undefined],
    ['-1ms', undefined],
    ['abc123ms', undefined],
    ['3 messages sent', undefined],
    ['50%', undefined],
    ['10s/op', undefined],
  ])('%s', (text, expected) => {
    expect(findDuration(text)).toBe(expected);
  });
});

describe('parseDurationText', () => {
  it.each<[string, number | undefined]>([
    ['45ms', 45],
    [' 1.5 s ', 1500],
    ['1m30s', 90_000],
    ['45', undefined],
    ['fast', undefined],
  ])('%j', (text, expected) => {
    expect(parseDurationText(text)).toBe(expected);
  });
});
