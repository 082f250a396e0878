import { describe, expect, it } from 'vitest';
import { parseIsoPrefix, parseIsoTimestamp } from './isoTimestamp.js';

const NOON = Date.UTC(2026, 10, 26, 12, 0, 0);

describe('parseIsoPrefix', () => {
  it.each([
    ['2026-11-26T12:00:00Z rest', NOON],
    ['2026-11-26T12:00:00.123Z\t8f5b\tERROR\tboom', NOON + 123],
    ['2026-11-26 12:00:00,5 INFO started', NOON + 500],
    ['2026-11-26T12:00:00.123456789Z', NOON + 123],
    ['2026-11-26T13:30:00+01:30 x', NOON],
    ['2026-11-26T13:00:00+0100 x', NOON],
    ['2026-11-26T11:00:00-01 x', NOON],
    ['2026-11-26T12:00:00 no zone means UTC', NOON],
    ['2024-02-29T00:00:00Z leap day', Date.UTC(2024, 1, 29)],
  ])('reads %j', (line, expected) => {
    expect(parseIsoPrefix(line)).toBe(expected);
  });

  it.each([
    'INFO 2026-11-26T12:00:00Z',
    '2026-11-26',
    '2026/11/26 12:00:00',
    '2026-13-01T00:00:00Z',
    '2026-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-11-26T24:00:00Z',
    '2026-11-26T12:60:00Z',
    '0099-01-01T00:00:00Z',
    'START RequestId: 8f5b Version: $LATEST',
  ])('ignores %j', (line) => {
    expect(parseIsoPrefix(line)).toBeUndefined();
  });
});

describe('parseIsoTimestamp', () => {
  it('reads a string that is exactly a date-time', () => {
    expect(parseIsoTimestamp('2026-11-26T12:00:00.250Z')).toBe(NOON + 250);
  });

  it('rejects trailing text', () => {
    expect(parseIsoTimestamp('2026-11-26T12:00:00Z and more')).toBeUndefined();
  });
});
