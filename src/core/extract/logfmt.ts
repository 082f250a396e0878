/**
 * logfmt (`key=value key2="quoted value"`), as written by Go's logrus/slog, Heroku's router
 * and many shell tools.
 */
import type { Fields } from '../types.js';
import { cutValue } from './valueLimit.js';

const NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d+)?$/;

export interface LogfmtLimits {
  maxPairs: number;
  maxValueLength: number;
}

// Reused between calls: the extractor runs on one thread and never re-enters.
const keys: string[] = [];
const values: (string | number)[] = [];

/**
 * Adds the logfmt pairs of `s` to `fields` when the line holds at least two of them, so prose
 * with one `a=b` is left alone. Unquoted values that are plain decimal numbers (up to 15
 * significant digits, no leading zeros) become numbers; quoted values stay strings, with `\"`
 * and `\\` unescaped. A trailing `,` on an unquoted value is dropped (`a=1, b=2`). Keys already
 * in `fields` are kept. Returns the number of pairs written.
 *
 * @example parseLogfmt('level=info msg="user created" id=7', fields, limits) // 3: level, msg, id
 */
export function parseLogfmt(s: string, fields: Fields, limits: LogfmtLimits): number {
  const first = s.indexOf('=');
  if (first < 0 || s.indexOf('=', first + 1) < 0) return 0;
  keys.length = 0;
  values.length = 0;
  // Walk the `=` signs (a regex for `key=` would be tried at every position of every word).
  let eq = first;
  while (eq >= 0 && keys.length < limits.maxPairs) {
    let k = eq;
    while (k > 0 && isKeyChar(s.charCodeAt(k - 1))) k--;
    const valueStart = eq + 1;
    const valueEnd = valueEndAt(s, valueStart);
    const before = k === 0 ? 32 : s.charCodeAt(k - 1);
    if (k < eq && isKeyStart(s.charCodeAt(k)) && (before === 32 || before === 9 || before === 44)) {
      const key = s.slice(k, eq);
      if (key !== '__proto__') {
        keys.push(key);
        values.push(pairValue(s.slice(valueStart, valueEnd), limits.maxValueLength));
      }
    }
    eq = s.indexOf('=', Math.max(valueEnd, valueStart));
  }
  if (keys.length < 2) return 0;
  let written = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (Object.hasOwn(fields, key)) continue;
    fields[key] = values[i]!;
    written++;
  }
  return written;
}

/** Key characters: letters, digits, `_ . - / @`. */
function isKeyChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 46 ||
    c === 45 ||
    c === 47 ||
    c === 64
  );
}

function isKeyStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 64;
}

/** End of the value starting at `i`: the closing quote of a quoted value, else the next blank or `"`. */
function valueEndAt(s: string, i: number): number {
  const n = s.length;
  if (s.charCodeAt(i) === 34) {
    for (let k = i + 1; k < n; k++) {
      const c = s.charCodeAt(k);
      if (c === 92) k++;
      else if (c === 34) return k + 1;
    }
    // Unclosed quote: an empty value, as logfmt readers do.
    return i;
  }
  let k = i;
  while (k < n) {
    const c = s.charCodeAt(k);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 34) break;
    k++;
  }
  return k;
}

function pairValue(raw: string, max: number): string | number {
  if (raw.charCodeAt(0) === 34 /* " */) {
    const inner = raw.slice(1, -1);
    return cutValue(inner.indexOf('\\') >= 0 ? inner.replace(/\\(.)/g, '$1') : inner, max);
  }
  const v = raw.endsWith(',') ? raw.slice(0, -1) : raw;
  if (v.length > 0 && v.length <= 17 && NUMBER.test(v)) return Number(v);
  return cutValue(v, max);
}
