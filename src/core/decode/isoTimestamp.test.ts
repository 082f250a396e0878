import fc from 'fast-check';
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
    ['2026-11-26T12:00:00. dot without digits', NOON],
    ['2026-11-26T12:00:00-request-id', NOON],
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

  it.each([
    '2026-11-26T12:00:00Z and more',
    '2026-11-26T12:00:00.Z',
    '2026-11-26T12:00:00+1',
    '2026-11-26T12:00:00+01:',
    '2026-11-26T12:00:00+01:75',
  ])('rejects %j', (text) => {
    expect(parseIsoTimestamp(text)).toBeUndefined();
  });

  it('reads back what Date#toISOString writes, for any time in years 1000 to 9999', () => {
    const time = fc.integer({ min: Date.UTC(1000, 0, 1) / 1000, max: Date.UTC(9999, 11, 31) / 1000 });
    fc.assert(
      fc.property(time, fc.integer({ min: 0, max: 999 }), (seconds, millis) => {
        const t = seconds * 1000 + millis;
        expect(parseIsoTimestamp(new Date(t).toISOString())).toBe(t);
        expect(parseIsoPrefix(`${new Date(t).toISOString()} message`)).toBe(t);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('agrees with Date.parse on strings with an explicit zone', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const iso = fc
      .tuple(
        fc.integer({ min: 1970, max: 2100 }),
        fc.integer({ min: 1, max: 12 }).map((n) => String(n).padStart(2, '0')),
        fc.integer({ min: 1, max: 28 }).map((n) => String(n).padStart(2, '0')),
        two(23),
        two(59),
        two(59),
        fc.constantFrom('', '.5', '.123', '.1234'),
        fc.constantFrom('Z', '+01:00', '-05:30', '+14:00'),
      )
      .map(([y, mo, d, h, mi, s, f, z]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${f}${z}`);
    fc.assert(
      fc.property(iso, (text) => {
        expect(parseIsoTimestamp(text)).toBe(Date.parse(text));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
