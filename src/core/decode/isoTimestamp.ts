/**
 * ISO-8601 / RFC 3339 date-times as logs write them: `2026-11-26T10:15:30.123Z`, `2026-11-26 10:15:30,123`,
 * `2026-11-26T10:15:30+01:00`. Without a zone the time is taken as UTC, so results never depend on the
 * machine's time zone. Fractions beyond milliseconds are truncated.
 *
 * Parsed with charCode reads at fixed offsets rather than a regex: no match array and no substrings,
 * which matters when every text line of a batch starts with a date (Lambda runtime output does).
 */

const DASH = 45;
const PLUS = 43;
const COLON = 58;
const DOT = 46;
const COMMA = 44;
const SPACE = 32;
const UPPER_T = 84;
const LOWER_T = 116;
const UPPER_Z = 90;
const LOWER_Z = 122;
const DIGIT_0 = 48;

/**
 * Epoch milliseconds of the ISO date-time that `text` starts with, or `undefined`.
 *
 * @example
 * parseIsoPrefix('2026-11-26T10:15:30.123Z\tabc\tERROR\tboom'); // 1795688130123
 */
export function parseIsoPrefix(text: string): number | undefined {
  return parse(text, false);
}

/**
 * Epoch milliseconds of a string that is exactly an ISO date-time (trailing text is not allowed),
 * or `undefined`.
 *
 * @example
 * parseIsoTimestamp('2026-11-26T10:15:30Z'); // 1795688130000
 */
export function parseIsoTimestamp(text: string): number | undefined {
  return parse(text, true);
}

function parse(text: string, whole: boolean): number | undefined {
  if (text.length < 19 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return undefined;
  const separator = text.charCodeAt(10);
  if (separator !== UPPER_T && separator !== LOWER_T && separator !== SPACE) return undefined;
  if (text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  // digits() returns -1 for a non-digit; Date.UTC maps years 0-99 to 1900-1999, and no log is that old.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return undefined;

  const base = Date.UTC(year, month - 1, day, hour, minute, second);
  // Fraction and zone are optional: a prefix that stops being a date-time ends there (whole strings fail).
  let at = 19;
  let millis = 0;
  const mark = text.charCodeAt(at);
  if (mark === DOT || mark === COMMA) {
    const start = at + 1;
    let end = start;
    while (end < text.length && end - start < 9 && isDigit(text.charCodeAt(end))) end++;
    if (end === start) return whole ? undefined : base;
    for (let i = start; i < start + 3; i++)
      millis = millis * 10 + (i < end ? text.charCodeAt(i) - DIGIT_0 : 0);
    at = end;
  }

  let offsetMinutes = 0;
  const zone = text.charCodeAt(at);
  if (zone === UPPER_Z || zone === LOWER_Z) {
    at++;
  } else if (zone === PLUS || zone === DASH) {
    const offset = zoneOffset(text, at);
    if (offset !== undefined) {
      offsetMinutes = offset.minutes;
      at = offset.end;
    } else if (whole) {
      return undefined;
    }
  }
  if (whole && at !== text.length) return undefined;
  return base + millis - offsetMinutes * 60_000;
}

/** `+hh`, `+hhmm` or `+hh:mm` (or `-`) at `at`: signed minutes east of UTC and where it ends. */
function zoneOffset(text: string, at: number): { minutes: number; end: number } | undefined {
  const hours = digits(text, at + 1, 2);
  if (hours < 0 || hours > 23) return undefined;
  const sign = text.charCodeAt(at) === DASH ? -1 : 1;
  let end = at + 3;
  let minutes = 0;
  const colon = text.charCodeAt(end) === COLON ? 1 : 0;
  const tail = digits(text, end + colon, 2);
  if (tail >= 0) {
    if (tail > 59) return undefined;
    minutes = tail;
    end += colon + 2;
  } else if (colon === 1) {
    return undefined;
  }
  return { minutes: sign * (hours * 60 + minutes), end };
}

/** The number written by `count` ASCII digits at `from`, or -1 when one of them is not a digit. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + (code - DIGIT_0);
  }
  return value;
}

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_0 + 9;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
