/**
 * Level names as logging libraries write them, and the numeric level schemes (pino/bunyan,
 * syslog, OpenTelemetry), mapped to logsift severities. Lookups work on a span of a string so
 * the hot path never allocates a substring to ask "is this a level?".
 */
import type { Severity } from '../types.js';

/** One level spelling and the forms in which it counts as a level. */
export interface LevelName {
  /** Upper-case spelling. */
  readonly name: string;
  readonly severity: Severity;
  /**
   * Counts as a bare (unbracketed, no colon) upper-case token in a line prefix. Spellings that
   * are common English or config words (CONFIG, FINE, FAIL) only count when bracketed, colon
   * delimited, tab delimited or as a key's value.
   */
  readonly bare: boolean;
}

const NAMES: readonly LevelName[] = [
  // DEBUG: log4j/logback/slf4j, java.util.logging, Serilog/zerolog abbreviations, .NET console codes.
  { name: 'TRACE', severity: 'DEBUG', bare: true },
  { name: 'DEBUG', severity: 'DEBUG', bare: true },
  { name: 'VERBOSE', severity: 'DEBUG', bare: true },
  { name: 'FINE', severity: 'DEBUG', bare: false },
  { name: 'FINER', severity: 'DEBUG', bare: false },
  { name: 'FINEST', severity: 'DEBUG', bare: false },
  { name: 'DBG', severity: 'DEBUG', bare: true },
  { name: 'TRC', severity: 'DEBUG', bare: true },
  { name: 'VRB', severity: 'DEBUG', bare: true },
  { name: 'DBUG', severity: 'DEBUG', bare: false },
  { name: 'TRCE', severity: 'DEBUG', bare: false },
  // Apache httpd 2.4 trace levels ([core:trace3]).
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ name: `TRACE${n}`, severity: 'DEBUG' as const, bare: false })),
  // INFO
  { name: 'INFO', severity: 'INFO', bare: true },
  { name: 'INF', severity: 'INFO', bare: true },
  { name: 'INFORMATION', severity: 'INFO', bare: true },
  { name: 'INFORMATIONAL', severity: 'INFO', bare: false },
  { name: 'NOTICE', severity: 'INFO', bare: true },
  { name: 'CONFIG', severity: 'INFO', bare: false },
  // WARNING
  { name: 'WARN', severity: 'WARNING', bare: true },
  { name: 'WARNING', severity: 'WARNING', bare: true },
  { name: 'WRN', severity: 'WARNING', bare: true },
  // ERROR
  { name: 'ERROR', severity: 'ERROR', bare: true },
  { name: 'ERR', severity: 'ERROR', bare: true },
  { name: 'EROR', severity: 'ERROR', bare: true },
  { name: 'SEVERE', severity: 'ERROR', bare: true },
  { name: 'FAIL', severity: 'ERROR', bare: false },
  // CRITICAL
  { name: 'FATAL', severity: 'CRITICAL', bare: true },
  { name: 'FTL', severity: 'CRITICAL', bare: true },
  { name: 'CRITICAL', severity: 'CRITICAL', bare: true },
  { name: 'CRIT', severity: 'CRITICAL', bare: true },
  { name: 'ALERT', severity: 'CRITICAL', bare: false },
  { name: 'EMERG', severity: 'CRITICAL', bare: true },
  { name: 'EMERGENCY', severity: 'CRITICAL', bare: false },
  { name: 'PANIC', severity: 'CRITICAL', bare: true },
  { name: 'PNC', severity: 'CRITICAL', bare: true },
  // logrus' four-letter terminal spellings (`ERRO[0001] msg`).
  { name: 'DEBU', severity: 'DEBUG', bare: false },
  { name: 'TRAC', severity: 'DEBUG', bare: false },
  { name: 'ERRO', severity: 'ERROR', bare: false },
  { name: 'FATA', severity: 'CRITICAL', bare: false },
  { name: 'PANI', severity: 'CRITICAL', bare: false },
];

/** Longest spelling: spans longer than this are never levels (cheap rejection). */
export const MAX_LEVEL_LENGTH = 13;

function hashUpper(s: string, start: number, end: number): number {
  let h = 5381;
  for (let i = start; i < end; i++) {
    let c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    h = (Math.imul(h, 33) + c) | 0;
  }
  return h;
}

/** Bit n set when some spelling starts with the n-th letter: rejects most words on one character. */
let INITIALS = 0;
for (const level of NAMES) INITIALS |= 1 << (level.name.charCodeAt(0) - 65);

const BY_HASH = new Map<number, LevelName>();
for (const level of NAMES) {
  const h = hashUpper(level.name, 0, level.name.length);
  // A collision would make a lookup silently answer for the wrong name: fail at load instead.
  if (BY_HASH.has(h)) throw new Error(`level name hash collision: ${level.name}`);
  BY_HASH.set(h, level);
}

/**
 * The level spelled by `s.slice(start, end)` in any letter case, or undefined.
 *
 * @example lookupLevel('[warn]', 1, 5) // { name: 'WARN', severity: 'WARNING', ... }
 */
export function lookupLevel(s: string, start: number, end: number): LevelName | undefined {
  const len = end - start;
  if (len < 3 || len > MAX_LEVEL_LENGTH) return undefined;
  const first = (s.charCodeAt(start) | 32) - 97;
  if (first < 0 || first > 25 || (INITIALS & (1 << first)) === 0) return undefined;
  const level = BY_HASH.get(hashUpper(s, start, end));
  if (level === undefined || level.name.length !== len) return undefined;
  for (let i = 0; i < len; i++) {
    let c = s.charCodeAt(start + i);
    if (c >= 97 && c <= 122) c -= 32;
    if (c !== level.name.charCodeAt(i)) return undefined;
  }
  return level;
}

/** Letter case of a span: 1 all upper, 2 title case (Info), 0 anything else. */
export function letterCase(s: string, start: number, end: number): 0 | 1 | 2 {
  let upper = 0;
  let lower = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
  }
  if (lower === 0) return 1;
  const first = s.charCodeAt(start);
  return upper === 1 && first >= 65 && first <= 90 ? 2 : 0;
}

/** Syslog severity 0..7 (RFC 5424): 0-2 emerg/alert/crit, 3 err, 4 warning, 5-6 notice/info, 7 debug. */
export function syslogSeverity(n: number): Severity {
  if (n <= 2) return 'CRITICAL';
  if (n === 3) return 'ERROR';
  if (n === 4) return 'WARNING';
  if (n <= 6) return 'INFO';
  return 'DEBUG';
}

/** pino/bunyan numeric levels: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
export function pinoSeverity(n: number): Severity {
  if (n >= 60) return 'CRITICAL';
  if (n >= 50) return 'ERROR';
  if (n >= 40) return 'WARNING';
  if (n >= 30) return 'INFO';
  return 'DEBUG';
}

/** OpenTelemetry SeverityNumber: 1-8 trace/debug, 9-12 info, 13-16 warn, 17-20 error, 21-24 fatal. */
export function otelSeverity(n: number): Severity {
  if (n >= 21) return 'CRITICAL';
  if (n >= 17) return 'ERROR';
  if (n >= 13) return 'WARNING';
  if (n >= 9) return 'INFO';
  return 'DEBUG';
}

/** Single-letter levels of Android logcat (V D I W E F A) and Go glog/klog (I W E F). */
export function letterSeverity(c: number): Severity | undefined {
  switch (c) {
    case 86: // V
    case 68: // D
      return 'DEBUG';
    case 73: // I
      return 'INFO';
    case 87: // W
      return 'WARNING';
    case 69: // E
      return 'ERROR';
    case 70: // F
    case 65: // A (logcat "assert")
      return 'CRITICAL';
    default:
      return undefined;
  }
}
