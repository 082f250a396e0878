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

const DURATION =
  /(?<![\w.:-])(?:(\d{1,4})h(?=\d))?(?:(\d{1,4})m(?=\d))?(\d+(?:\.\d+)?) ?(ns|nanoseconds?|[uµμ]s|microseconds?|ms|msecs?|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?)(?![\w/%])/;
const DURATION_ONLY =
  /^(?:(\d{1,4})h(?=\d))?(?:(\d{1,4})m(?=\d))?(\d+(?:\.\d+)?) ?(ns|nanoseconds?|[uµμ]s|microseconds?|ms|msecs?|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?)$/;

/** Rounds to microseconds so `2.3 s` is 2300, not 2299.9999999999995. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function toMs(m: RegExpExecArray): number {
  const value = Number(m[3]) * UNIT_MS[m[4]!]!;
  const hours = m[1] === undefined ? 0 : Number(m[1]) * 3_600_000;
  const minutes = m[2] === undefined ? 0 : Number(m[2]) * 60_000;
  return roundMs(hours + minutes + value);
}

/** The first duration in `s`, in milliseconds. */
export function findDuration(s: string): number | undefined {
  const m = DURATION.exec(s);
  return m === null ? undefined : toMs(m);
}

/** A value that is exactly one duration with a unit (`"45ms"`, `"1.5 s"`), in milliseconds. */
export function parseDurationText(s: string): number | undefined {
  const m = DURATION_ONLY.exec(s.trim());
  return m === null ? undefined : toMs(m);
}
