/**
 * ISO-8601 / RFC 3339 date-times as logs write them: `2026-11-26T10:15:30.123Z`, `2026-11-26 10:15:30,123`,
 * `2026-11-26T10:15:30+01:00`. Without a zone the time is taken as UTC, so results never depend on the
 * machine's time zone. Fractions beyond milliseconds are truncated.
 */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?([Zz]|[+-]\d{2}(?::?\d{2})?)?/;

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const DASH = 45;

/**
 * Epoch milliseconds of the ISO date-time that `text` starts with, or `undefined`.
 * A cheap character check runs before the regex, so lines that do not start with a date cost little.
 *
 * @example
 * parseIsoPrefix('2026-11-26T10:15:30.123Z\tabc\tERROR\tboom'); // 1795688130123
 */
export function parseIsoPrefix(text: string): number | undefined {
  if (text.length < 19 || text.charCodeAt(4) !== DASH || !isDigit(text.charCodeAt(0))) return undefined;
  const match = ISO.exec(text);
  return match === null ? undefined : toEpoch(match);
}

/**
 * Epoch milliseconds of a string that is exactly an ISO date-time (trailing text is not allowed),
 * or `undefined`.
 *
 * @example
 * parseIsoTimestamp('2026-11-26T10:15:30Z'); // 1795688130000
 */
export function parseIsoTimestamp(text: string): number | undefined {
  if (text.length < 19 || text.charCodeAt(4) !== DASH || !isDigit(text.charCodeAt(0))) return undefined;
  const match = ISO.exec(text);
  return match === null || match[0].length !== text.length ? undefined : toEpoch(match);
}

function toEpoch(match: RegExpExecArray): number | undefined {
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6]);
  // Date.UTC maps years 0-99 to 1900-1999; no real log line is that old.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const fraction = match[7];
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  let offsetMinutes = 0;
  const zone = match[8];
  if (zone !== undefined && zone.length > 1) {
    const hours = Number(zone.slice(1, 3));
    const minutes = zone.length > 3 ? Number(zone.slice(-2)) : 0;
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = (hours * 60 + minutes) * (zone.charCodeAt(0) === DASH ? -1 : 1);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9;
}
