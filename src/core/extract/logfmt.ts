/**
 * logfmt (`key=value key2="quoted value"`), as written by Go's logrus/slog, Heroku's router
 * and many shell tools.
 */
import type { Fields } from '../types.js';
import { cutValue } from './valueLimit.js';

/** A pair starts at the line start or after a blank; keys like `a.b`, `x-y`, `k/v`, `@t` are allowed. */
const PAIR = /(?:^|(?<=[\s,]))([A-Za-z_@][\w.\-/@]*)=("(?:[^"\\]|\\.)*"|[^\s"]*)/g;
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
  keys.length = 0;
  values.length = 0;
  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(s); m !== null && keys.length < limits.maxPairs; m = PAIR.exec(s)) {
    const key = m[1]!;
    if (key === '__proto__') continue;
    keys.push(key);
    values.push(pairValue(m[2]!, limits.maxValueLength));
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

function pairValue(raw: string, max: number): string | number {
  if (raw.charCodeAt(0) === 34 /* " */) {
    const inner = raw.slice(1, -1);
    return cutValue(inner.indexOf('\\') >= 0 ? inner.replace(/\\(.)/g, '$1') : inner, max);
  }
  const v = raw.endsWith(',') ? raw.slice(0, -1) : raw;
  if (v.length > 0 && v.length <= 17 && NUMBER.test(v)) return Number(v);
  return cutValue(v, max);
}
