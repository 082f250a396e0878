import { describe, expect, it } from 'vitest';
import { BadRequestError } from './errors.js';
import { alertsQuery, eventsQuery, ingestQuery, parseQuery, parseTime } from './params.js';

const query = (s: string) => new URLSearchParams(s);

describe('parseTime', () => {
  it.each([
    ['1795694400000', Date.UTC(2026, 10, 26, 12)],
    ['0', 0],
    ['2026-11-26T12:00:00Z', Date.UTC(2026, 10, 26, 12)],
    ['2026-11-26T12:00:00.250Z', Date.UTC(2026, 10, 26, 12, 0, 0, 250)],
    ['2026-11-26T13:00:00+01:00', Date.UTC(2026, 10, 26, 12)],
    ['2026-11-26', Date.UTC(2026, 10, 26)],
  ])('reads %s', (text, expected) => {
    expect(parseTime(text)).toBe(expected);
  });

  it.each(['', 'yesterday', '-5', '1.5', '2026-13-40T00:00:00Z', '99999999999999999', 'November 26, 2026'])(
    'rejects %j',
    (text) => {
      expect(parseTime(text)).toBeUndefined();
    },
  );
});

describe('parseQuery', () => {
  it('converts times, limits and severities', () => {
    const q = parseQuery(
      query('group=/aws/lambda/x&severity=error&from=2026-11-26T12:00:00Z&to=1795698000000&limit=250'),
      eventsQuery,
    );
    expect(q).toEqual({
      group: '/aws/lambda/x',
      severity: 'ERROR',
      from: Date.UTC(2026, 10, 26, 12),
      to: 1795698000000,
      limit: 250,
    });
  });

  it.each([
    ['severity=LOUD', /"severity": must be one of CRITICAL, ERROR, WARNING, INFO, DEBUG, got "LOUD"/],
    ['from=soon', /"from": must be epoch milliseconds or an ISO 8601/],
    ['to=2026-11-26T25:00:00Z', /"to": must be epoch milliseconds or an ISO 8601/],
    ['limit=0', /"limit": must be an integer from 1 to 1000, got "0"/],
    ['limit=1001', /"limit": must be an integer from 1 to 1000/],
    ['limit=ten', /"limit": must be an integer/],
    ['cursor=%20%20', /"cursor": must be the nextCursor of a previous page/],
    ['group=', /"group": must be 1 to 512 characters/],
    ['sevrity=ERROR', /unknown query parameter "sevrity" \(known: group, severity/],
    ['limit=5&limit=6', /"limit" is given more than once/],
    ['from=2000&to=1000', /"from" and "to": from .* is after to/],
  ])('rejects %s, naming the parameter', (text, message) => {
    expect(() => parseQuery(query(text), eventsQuery)).toThrow(BadRequestError);
    expect(() => parseQuery(query(text), eventsQuery)).toThrow(message);
  });

  it('validates batch ids and formats for ingest, and alert limits', () => {
    expect(parseQuery(query('group=g&batch=run-1:0&format=ndjson'), ingestQuery)).toEqual({
      group: 'g',
      batch: 'run-1:0',
      format: 'ndjson',
    });
    expect(() => parseQuery(query('group=g&batch=a b'), ingestQuery)).toThrow(/"batch": must be 1 to 128/);
    expect(() => parseQuery(query('group=g&format=xml'), ingestQuery)).toThrow(/"format": must be one of/);
    expect(() => parseQuery(query('limit=-1'), alertsQuery)).toThrow(/"limit"/);
  });
});
