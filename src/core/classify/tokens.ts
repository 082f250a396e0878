/**
 * Finds the level a logging library wrote in the prefix of a text line: the `ERROR` of log4j,
 * `[error]` of Apache and nginx, `E1126` of glog, the `D` of logcat, `<11>` of syslog. Only a
 * bounded prefix is scanned, and only tokens that look like a line header (timestamps, pids,
 * threads, logger names, bracketed fields) may come before the level: an upper-case `ERROR`
 * deep inside free text is left to the word rules, which handle negations.
 */
import { ALL, TAB_NL } from '../gates/lineGates.js';
import type { Severity } from '../types.js';
import { letterCase, letterSeverity, lookupLevel, syslogSeverity } from './levels.js';
import type { Why } from './reason.js';

/** The level is looked for in this many leading tokens (BGL/RAS lines put it ninth). */
const MAX_TOKENS = 12;
/** ... and within this many characters from the start of the line. */
const MAX_PREFIX_CHARS = 240;
/**
 * Where each token of the header being scanned starts and ends, for the checks that look back
 * (logcat's `1702  2395 D Tag:` needs two pid columns before its one-letter level). Scratch space:
 * prefixLevel runs to completion and never re-enters itself.
 */
const TOKEN_START = new Int32Array(MAX_TOKENS);
const TOKEN_END = new Int32Array(MAX_TOKENS);

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

// Character classes as bit flags, OR-ed over a token in one pass. Punctuation other than the few
// the scanner needs to locate is plain OTHER; everything non-ASCII is OTHER too.
const DIGIT = 1;
const UPPER = 2;
const LOWER = 4;
const OTHER = 8;
const QUOTE = 16 | OTHER;
const COLON = 32 | OTHER;
const EQ = 64 | OTHER;
const OPEN = 128 | OTHER;
const CHAR_CLASS = new Uint16Array(128).fill(OTHER);
for (let c = 48; c <= 57; c++) CHAR_CLASS[c] = DIGIT;
for (let c = 65; c <= 90; c++) CHAR_CLASS[c] = UPPER;
for (let c = 97; c <= 122; c++) CHAR_CLASS[c] = LOWER;
CHAR_CLASS[34] = QUOTE;
CHAR_CLASS[58] = COLON;
CHAR_CLASS[61] = EQ;
CHAR_CLASS[91] = OPEN;
CHAR_CLASS[60] = OPEN;

function isLetterLevelChar(c: number): boolean {
  return letterSeverity(c) !== undefined;
}

/** Month and weekday abbreviations (syslog and Apache timestamps), as lower-case 3-letter codes. */
const CALENDAR = new Set(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
    .concat(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])
    .map((w) => code3(w, 0)),
);

function code3(s: string, start: number): number {
  return (
    ((s.charCodeAt(start) | 32) << 16) |
    ((s.charCodeAt(start + 1) | 32) << 8) |
    (s.charCodeAt(start + 2) | 32)
  );
}

/** Keys whose `key=value` token carries the level in logfmt and key/value headers. */
const LEVEL_KEYS = new Set(['level', 'lvl', 'severity', 'loglevel', 'log_level', 'log.level']);

/** .NET console logger codes, which it writes in lower case at the start of a line (`fail: ...`). */
const DOTNET_CODES = new Set(['INFO', 'WARN', 'FAIL', 'CRIT', 'DBUG', 'TRCE']);

/** The level of a `level=error` / `lvl="WARN"` token, given the index of `=`. */
function keyValueLevel(msg: string, start: number, eq: number, end: number): Severity | undefined {
  const keyLength = eq - start;
  if (keyLength < 3 || keyLength > 9 || !LEVEL_KEYS.has(msg.slice(start, eq).toLowerCase())) return undefined;
  let a = eq + 1;
  let b = end;
  if (msg.charCodeAt(a) === 34 || msg.charCodeAt(a) === 39) a++;
  while (b > a) {
    const c = msg.charCodeAt(b - 1);
    if (c !== 34 && c !== 39 && c !== 44) break;
    b--;
  }
  return lookupLevel(msg, a, b)?.severity;
}

/** `[ERROR]`, `<warn>`, `[core:error]`, `[ERROR]:`; undefined when the bracket does not close here. */
function bracketLevel(msg: string, start: number, end: number): Severity | undefined {
  let b = end;
  while (b > start + 2) {
    const c = msg.charCodeAt(b - 1);
    if (c !== 58 && c !== 44) break;
    b--;
  }
  const close = msg.charCodeAt(b - 1);
  const open = msg.charCodeAt(start);
  if (!((open === 91 && close === 93) || (open === 60 && close === 62))) return undefined;
  let a = start + 1;
  for (let k = b - 2; k > a; k--) {
    if (msg.charCodeAt(k) === 58) {
      a = k + 1;
      break;
    }
  }
  return lookupLevel(msg, a, b - 1)?.severity;
}

/** True when the token after `end` starts like a time of day (`12:00:00.123`), as after glog's `E1126`. */
function timeFollows(msg: string, end: number): boolean {
  let j = end;
  while (j < msg.length && msg.charCodeAt(j) === 32) j++;
  const d0 = msg.charCodeAt(j) - 48;
  const d1 = msg.charCodeAt(j + 1) - 48;
  return d0 >= 0 && d0 <= 9 && d1 >= 0 && d1 <= 9 && msg.charCodeAt(j + 2) === 58;
}

/** Characters of a token examined for its shape: level names, keys and their values are shorter. */
const MAX_SHAPE_CHARS = 32;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

function nextIndex(msg: string, char: string, from: number): number {
  const at = msg.indexOf(char, from);
  return at < 0 ? msg.length : at;
}

/**
 * The level written in the header of a text line starting at `from`, or undefined.
 *
 * Tokens are found with native `indexOf` hops rather than a character loop (the scan runs for
 * every event), and only the first characters of a token are examined: timestamps, pids and
 * node names are recognised by their first two characters and skipped whole.
 *
 * @example prefixLevel('2024-01-01 12:00:00,123 ERROR [main] c.e.Foo - boom', 0, null) // 'ERROR'
 */
export function prefixLevel(msg: string, from: number, why: Why | null, gates = ALL): Severity | undefined {
  const limit = Math.min(msg.length, from + MAX_PREFIX_CHARS);
  let nextSpace = -1;
  // Without a tab or newline in the line (its gate clear), their searches are already answered.
  let nextTab = (gates & TAB_NL) === 0 ? msg.length : -1;
  let nextNewline = nextTab;
  let i = from;
  let wordy = 0;
  let allHaveDigits = true;
  let depth = 0;
  for (let index = 0; index < MAX_TOKENS; index++) {
    while (i < limit && isSpace(msg.charCodeAt(i))) i++;
    if (i >= limit) return undefined;
    const start = i;
    if (nextSpace < start) nextSpace = nextIndex(msg, ' ', start);
    if (nextTab < start) nextTab = nextIndex(msg, '\t', start);
    if (nextNewline < start) nextNewline = nextIndex(msg, '\n', start);
    let end = limit;
    if (nextSpace < end) end = nextSpace;
    if (nextTab < end) end = nextTab;
    if (nextNewline < end) end = nextNewline;
    i = end;
    TOKEN_START[index] = start;
    TOKEN_END[index] = end;
    const length = end - start;
    const first = msg.charCodeAt(start);
    const last = msg.charCodeAt(end - 1);
    const opensHere = first === 91 || first === 60;
    const closesHere = last === 93 || last === 62;

    // Timestamps, pids, line numbers, node names like `R02-M1`: header, and never a level
    // (except glog's `E1126` as the first token).
    const second = length > 1 ? msg.charCodeAt(start + 1) : 0;
    if (isDigit(first) || (isLetter(first) && isDigit(second) && !(index === 0 && length === 5))) {
      if (opensHere !== closesHere) depth += opensHere ? 1 : -1;
      if (depth < 0) depth = 0;
      continue;
    }

    const shapeEnd = length > MAX_SHAPE_CHARS ? start + MAX_SHAPE_CHARS : end;
    let flags = 0;
    let colon = -1;
    let eq = -1;
    let firstBracket = -1;
    for (let k = start; k < shapeEnd; k++) {
      const c = msg.charCodeAt(k);
      const f = c < 128 ? CHAR_CLASS[c]! : OTHER;
      flags |= f;
      if (f >= COLON) {
        if (f === COLON) {
          if (colon < 0) colon = k;
        } else if (f === EQ) {
          if (eq < 0) eq = k;
        } else if (f === OPEN && firstBracket < 0) firstBracket = k;
      }
    }
    let found: Severity | undefined;
    let kind = 'token';
    let shown = end;

    if ((flags & (OTHER | DIGIT)) === 0) {
      // A bare word: upper case anywhere in the header, title case (`Info`) right after a timestamp.
      const level = lookupLevel(msg, start, end);
      if (level?.bare) {
        const letters = letterCase(msg, start, end);
        if (letters === 1 || (letters === 2 && index > 0 && allHaveDigits)) found = level.severity;
      } else if (
        length === 1 &&
        index >= 3 &&
        allHaveDigits &&
        flags === UPPER &&
        isPid(msg, index - 1) &&
        isPid(msg, index - 2)
      ) {
        // logcat threadtime: `03-17 16:13:38.811  1702  2395 D Tag: msg`.
        found = letterSeverity(first);
        kind = 'logcat';
      }
    } else if (opensHere) {
      found = bracketLevel(msg, start, end);
    } else if (depth > 0 && closesHere) {
      // The end of a multi-token bracket: Serilog `[12:00:00 INF]`.
      const level = lookupLevel(msg, start, end - 1);
      if (level && letterCase(msg, start, end - 1) === 1) found = level.severity;
    } else if (colon > start && (firstBracket < 0 || colon < firstBracket)) {
      // `ERROR:root:msg` (Python), `SEVERE:` (java.util.logging), `fail:` (.NET console).
      const level = lookupLevel(msg, start, colon);
      if (level) {
        const letters = letterCase(msg, start, colon);
        if (
          letters === 1 ||
          (index === 0 && colon === end - 1 && letters === 0 && DOTNET_CODES.has(level.name))
        )
          found = level.severity;
        shown = colon + 1;
      }
    } else if (firstBracket > start && letterCase(msg, start, firstBracket) === 1) {
      // logrus on a terminal: `ERRO[0001] msg`.
      const level = lookupLevel(msg, start, firstBracket);
      if (level) found = level.severity;
      shown = firstBracket;
    }

    if (found === undefined && eq > start) {
      found = keyValueLevel(msg, start, eq, end);
      kind = 'logfmt';
    }
    if (found === undefined && second === 47 && length >= 3 && isLetterLevelChar(first)) {
      // logcat `E/Tag( 123): msg` or `W/Tag: msg`.
      const paren = msg.indexOf('(', start);
      if ((index === 0 || allHaveDigits) && ((paren >= 0 && paren < end) || last === 58)) {
        found = letterSeverity(first);
        kind = 'logcat';
      }
    }
    if (found === undefined && index === 0 && length === 5 && allDigits(msg, start + 1, end)) {
      // glog/klog: `E1126 12:00:00.123456 1234 file.go:12] msg`.
      if ((first === 73 || first === 87 || first === 69 || first === 70) && timeFollows(msg, end)) {
        found = letterSeverity(first);
        kind = 'klog';
      }
    }
    if (found !== undefined) {
      if (why) why.reason = `${kind}:${msg.slice(start, shown)}`;
      return found;
    }

    // Not a level: keep scanning only while the line still looks like a header.
    if ((flags & QUOTE) === QUOTE) return undefined;
    const headerLike =
      depth > 0 ||
      (flags & LOWER) === 0 ||
      flags !== (flags & (UPPER | LOWER)) ||
      (length === 3 && CALENDAR.has(code3(msg, start)));
    // One free word is tolerated (a host name, a Python logger name), but not as the first token.
    if (!headerLike && (index === 0 || ++wordy > 1)) return undefined;
    if (opensHere !== closesHere) depth += opensHere ? 1 : -1;
    if (depth < 0) depth = 0;
    allHaveDigits = allHaveDigits && (flags & DIGIT) !== 0;
  }
  return undefined;
}

/** Token `index` of the header being scanned is a pid or thread id column: 1 to 8 digits. */
function isPid(msg: string, index: number): boolean {
  const start = TOKEN_START[index]!;
  const end = TOKEN_END[index]!;
  return end - start <= 8 && allDigits(msg, start, end);
}

function allDigits(msg: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (!isDigit(msg.charCodeAt(k))) return false;
  return end > start;
}

/**
 * A syslog `<PRI>` prefix (`<11>` = facility 1 * 8 + severity 3): the index after `>` and the
 * severity 0..7, packed as `index * 8 + severity`, or -1 when the line has none.
 */
export function syslogPriority(msg: string): number {
  if (msg.charCodeAt(0) !== 60) return -1;
  let pri = 0;
  let j = 1;
  for (; j < 5 && j < msg.length; j++) {
    const d = msg.charCodeAt(j) - 48;
    if (d < 0 || d > 9) break;
    pri = pri * 10 + d;
  }
  if (j === 1 || msg.charCodeAt(j) !== 62 || pri > 191) return -1;
  return (j + 1) * 8 + (pri & 7);
}

/**
 * The level of a syslog line: the `<PRI>` severity, unless it is the catch-all notice/info that
 * shippers such as Docker and journald forwarders stamp on everything and the text itself names
 * a level in its header.
 *
 * @example syslogLevel('<11>Jan  1 00:00:00 host app: boom', null) // 'ERROR'
 */
export function syslogLevel(msg: string, packed: number, why: Why | null, gates = ALL): Severity {
  const severity = packed & 7;
  if (severity === 5 || severity === 6) {
    const inner = prefixLevel(msg, packed >> 3, why, gates);
    if (inner !== undefined) return inner;
  }
  if (why) why.reason = `syslog:<${msg.slice(1, (packed >> 3) - 1)}>`;
  return syslogSeverity(severity);
}
