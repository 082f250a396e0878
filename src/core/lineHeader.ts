/**
 * Where a text log line's content starts after the header a logging library wrote: timestamps,
 * pids, node and request ids, the level token, then a `component:` / `prog[pid]:` prefix or a
 * bracketed thread. Found generically, by token shape, within a bounded prefix; no format list.
 * The pattern miner learns from the content only: headers are variable (timestamps, pids) and cost
 * mining time, and a level token in the template would split one event into several patterns.
 *
 * @example
 * const line = '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating';
 * line.slice(contentStart(line)) // 'PacketResponder 1 terminating'
 */

/** The header is looked for in this many leading tokens (BGL writes the level ninth)... */
const MAX_TOKENS = 12;
/** ... and within this many characters. */
const MAX_PREFIX_CHARS = 240;
/** A `component:` prefix longer than this is text, not a logger name. */
const MAX_COMPONENT_CHARS = 80;

/** Level words, lower case, as loggers write them in headers. */
const LEVEL_WORDS = new Set([
  'trace',
  'debug',
  'dbug',
  'fine',
  'finer',
  'finest',
  'verbose',
  'info',
  'notice',
  'warn',
  'warning',
  'error',
  'err',
  'fail',
  'severe',
  'fatal',
  'critical',
  'crit',
  'alert',
  'emerg',
  'panic',
]);

/** logcat's one-letter levels (`D`, `I`, ...) count only when upper case and alone. */
const LEVEL_LETTERS = new Set([86, 68, 73, 87, 69, 70, 65]); // V D I W E F A

const CALENDAR = new Set([
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
]);

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

function tokenEnd(s: string, i: number, limit: number): number {
  while (i < limit && !isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** A level word between `a` and `b`, ignoring trailing `:`/`,` and case. */
function isLevel(s: string, a: number, b: number): boolean {
  while (b > a && (s.charCodeAt(b - 1) === 58 || s.charCodeAt(b - 1) === 44)) b--;
  const n = b - a;
  if (n === 1) return LEVEL_LETTERS.has(s.charCodeAt(a));
  if (n < 3 || n > 8) return false;
  // Every level word starts with a letter: timestamps and pids are rejected without a slice.
  const first = s.charCodeAt(a) | 32;
  if (first < 97 || first > 122) return false;
  return LEVEL_WORDS.has(s.slice(a, b).toLowerCase());
}

/** Dates, times, epoch seconds, pids: a digit first, then only digits and `-/:.,TZ+_`. */
function isTimeLike(s: string, a: number, b: number): boolean {
  if (!isDigit(s.charCodeAt(a))) return false;
  for (let i = a + 1; i < b; i++) {
    const c = s.charCodeAt(i);
    if (
      !(
        isDigit(c) ||
        c === 45 ||
        c === 47 ||
        c === 58 ||
        c === 46 ||
        c === 44 ||
        c === 84 ||
        c === 90 ||
        c === 43 ||
        c === 95
      )
    )
      return false;
  }
  return true;
}

/** Node, host and request ids: has a digit, only letters, digits and `-:._`, and no lower-case word of 4+ letters. */
function isIdLike(s: string, a: number, b: number): boolean {
  let digit = false;
  let run = 0;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      digit = true;
      run = 0;
    } else if (c >= 97 && c <= 122) {
      if (++run >= 4 && !(c <= 102 && isHexRun(s, i - run + 1, i + 1))) return false;
    } else if ((c >= 65 && c <= 90) || c === 45 || c === 58 || c === 46 || c === 95) run = 0;
    else return false;
  }
  return digit && b - a >= 4;
}

function isHexRun(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c < 97 || c > 102) return false;
  }
  return true;
}

/** `RAS`, `KERNEL`: short upper-case words, allowed between header fields. */
function isUpperWord(s: string, a: number, b: number): boolean {
  if (b - a < 2 || b - a > 8) return false;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

function isCalendar(s: string, a: number, b: number): boolean {
  if (b > a && s.charCodeAt(b - 1) === 44) b--;
  return b - a === 3 && CALENDAR.has(s.slice(a, b).toLowerCase());
}

/** `WindowManager:`, `dfs.DataNode$PacketResponder:`, `sshd[24200]:`: a name ending in `:`. */
function isComponent(s: string, a: number, b: number): boolean {
  const n = b - a;
  if (n < 2 || n > MAX_COMPONENT_CHARS || s.charCodeAt(b - 1) !== 58) return false;
  const first = s.charCodeAt(a);
  if (!((first | 32) >= 97 && (first | 32) <= 122)) return false;
  for (let i = a + 1; i < b - 1; i++) {
    const c = s.charCodeAt(i);
    if (c === 61 || c === 34 || c === 39 || c === 44 || c === 58 || c === 47) return false;
  }
  return true;
}

/** End of a `[...]` group starting at `a` (past the `]`), or -1 when it does not close in the prefix. */
function bracketEnd(s: string, a: number, limit: number): number {
  let depth = 0;
  for (let i = a; i < limit; i++) {
    const c = s.charCodeAt(i);
    if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * Index where the content of `line` starts after its header, or 0 when no header is recognised
 * (or nothing would be left).
 */
export function contentStart(line: string): number {
  const limit = Math.min(line.length, MAX_PREFIX_CHARS);
  let i = skipSpaces(line, 0);
  let sawTime = false;
  let level = -1;
  let levelFirst = false;
  for (let tokens = 0; i < limit && tokens < MAX_TOKENS; tokens++) {
    const c = line.charCodeAt(i);
    if (c === 91 || c === 60) {
      // [notice], [Sun Dec 04 04:47:44 2005], <11>: a bracketed field, a level when it holds one
      const end = c === 91 ? bracketEnd(line, i, limit) : line.indexOf('>', i) + 1;
      if (end <= 0 || end > limit) break;
      const lvl = isLevel(line, i + 1, end - 1);
      if (!lvl && !sawTime && tokens > 0) break;
      i = skipSpaces(line, end + (line.charCodeAt(end) === 58 ? 1 : 0));
      sawTime = true;
      if (lvl) {
        level = i;
        levelFirst = tokens === 0;
        break;
      }
      continue;
    }
    const end = tokenEnd(line, i, limit);
    // A line may start with its level (`ERROR boom`), but `Critical system failure` is text.
    if (isLevel(line, i, end) && (sawTime || (tokens === 0 && isUpperWord(line, i, end)))) {
      level = skipSpaces(line, end);
      levelFirst = tokens === 0;
      break;
    }
    if (isTimeLike(line, i, end) || (c === 45 && end === i + 1) || isCalendar(line, i, end)) sawTime = true;
    else if (
      !((sawTime && isIdLike(line, i, end)) || ((sawTime || tokens === 0) && isUpperWord(line, i, end)))
    )
      break;
    i = skipSpaces(line, end);
  }
  if (level >= 0) return orWhole(line, afterLevel(line, level, limit, levelFirst));
  if (!sawTime) return 0;
  // No level: a syslog-style `host prog[pid]:` may follow the time.
  for (let k = 0, j = i; k < 2 && j < limit; k++) {
    const end = tokenEnd(line, j, limit);
    if (isComponent(line, j, end)) return orWhole(line, skipSpaces(line, end));
    j = skipSpaces(line, end);
  }
  return orWhole(line, i);
}

/**
 * After the level: a `component:`, a `[thread] -`, a lone `-`; and when the line started with its
 * level (`[ERROR]\t<time>\t<request id>\t...`, Lambda's Python runtime), the time and id fields.
 */
function afterLevel(line: string, i: number, limit: number, levelFirst: boolean): number {
  for (let tokens = 0; i < limit && tokens < 4; tokens++) {
    const c = line.charCodeAt(i);
    if (c === 91) {
      // [thread] - message (log4j with a dash); `[client 1.2.3.4] message` keeps its bracket
      const end = bracketEnd(line, i, limit);
      if (end < 0) return i;
      const next = skipSpaces(line, end);
      if (line.charCodeAt(next) !== 45 || !isSpace(line.charCodeAt(next + 1))) return i;
      return skipSpaces(line, next + 1);
    }
    const end = tokenEnd(line, i, limit);
    if (c === 45 && end === i + 1) return skipSpaces(line, end);
    if (isComponent(line, i, end)) return skipSpaces(line, end);
    if (!levelFirst || !(isTimeLike(line, i, end) || isIdLike(line, i, end))) return i;
    i = skipSpaces(line, end);
  }
  return i;
}

function orWhole(line: string, at: number): number {
  return at >= line.length ? 0 : at;
}
