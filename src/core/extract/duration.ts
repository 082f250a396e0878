/**
 * Durations in free text, normalized to milliseconds.
 *
 * Accepted: `123ms`, `1.5s`, `2.3 seconds`, `150 µs`/`us`, `40ns`, `2m`/`5 min`, `1h`, Go's
 * `1h2m3.5s` / `2m30s`, also after `latency=`, `took`, `elapsed:`. Units are case-sensitive, so
 * `128 MB` is not a duration. Bare numbers are never durations here (a unit is required);
 * structured keys with a known unit (`response_time=0.123`) are handled in structuredFields.ts.
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  nanosecond: 1e-6,
  nanoseconds: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  microsecond: 1e-3,
  microseconds: 1e-3,
  ms: 1,
  msec: 1,
  msecs: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
};

// A trie rather than a flat list: irregexp tries fewer branches per digit.
const UNITS =
  'm(?:s|secs?|illiseconds?|icroseconds?|ins?|inutes?)?|s(?:ecs?|econds?)?|[uµμ]s|n(?:s|anoseconds?)|h(?:ours?)?';
// Anchored on the last digit before the unit (`12[3ms]`, `1[.5s]`, `2[.3 seconds]`): one attempt per
// digit, no backtracking over long digit runs. The number's start is found by walking back.
const DURATION_TAIL = new RegExp(`\\d(\\.\\d+)? ?(${UNITS})(?![\\w/%])`, 'g');
/**
 * Where a duration could begin: a digit right before a unit's first letter (or a space and one).
 * Most lines hold none, and this regex costs about half of DURATION_TAIL over digit-heavy text.
 */
export const DURATION_HINT = /\d ?[hmnsu\u00b5\u03bc]/;
const DURATION_ONLY = new RegExp(
  `^(?:(\\d{1,4})h(?=\\d))?(?:(\\d{1,4})m(?=\\d))?(\\d+(?:\\.\\d+)?) ?(${UNITS})$`,
);
/** Go's compound prefix (`1h2m` before `3s`). */
const GO_PREFIX = /(?:(\d{1,4})h)?(\d{1,4})m$|(\d{1,4})h$/;

/** Rounds to nanoseconds so `2.3 s` is 2300, not 2299.9999999999995, and `40ns` is still 0.00004. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1e6) / 1e6;
}

function toMs(m: RegExpExecArray): number {
  const value = Number(m[3]) * UNIT_MS[m[4]!]!;
  const hours = m[1] === undefined ? 0 : Number(m[1]) * 3_600_000;
  const minutes = m[2] === undefined ? 0 : Number(m[2]) * 60_000;
  return roundMs(hours + minutes + value);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isDigitOrDot(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46;
}

/** A number glued to a word, a dot, a colon or a dash (`v1.5s`, `12:30s`, `-1ms`) is not a duration. */
function isBoundary(c: number): boolean {
  return !(
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 95 ||
    c === 46 ||
    c === 58 ||
    c === 45
  );
}

/** The first duration in `s`, in milliseconds. */
export function findDuration(s: string): number | undefined {
  const hint = s.search(DURATION_HINT);
  if (hint < 0) return undefined;
  // No match of DURATION_TAIL can start before the run of digits and dots that ends at the hint.
  let from = hint;
  while (from > 0 && isDigitOrDot(s.charCodeAt(from - 1))) from--;
  DURATION_TAIL.lastIndex = from;
  for (let m = DURATION_TAIL.exec(s); m !== null; m = DURATION_TAIL.exec(s)) {
    let numberStart = m.index;
    while (numberStart > 0 && isDigit(s.charCodeAt(numberStart - 1))) numberStart--;
    const value = Number(s.slice(numberStart, m.index + 1) + (m[1] ?? '')) * UNIT_MS[m[2]!]!;
    let start = numberStart;
    let prefixMs = 0;
    const before = s.charCodeAt(start - 1);
    if (before === 104 || before === 109 /* h, m */) {
      const g = GO_PREFIX.exec(s.slice(Math.max(0, start - 12), start));
      if (g !== null) {
        prefixMs = (Number(g[1] ?? g[3] ?? 0) * 60 + Number(g[2] ?? 0)) * 60_000;
        start -= g[0].length;
      }
    }
    if (start > 0 && !isBoundary(s.charCodeAt(start - 1))) continue;
    return roundMs(prefixMs + value);
  }
  return undefined;
}

/** A value that is exactly one duration with a unit (`"45ms"`, `"1.5 s"`), in milliseconds. */
export function parseDurationText(s: string): number | undefined {
  const m = DURATION_ONLY.exec(s.trim());
  return m === null ? undefined : toMs(m);
}
