/**
 * `key=value` / `key: value` / `"key":"value"` pairs whose key names a secret: the key ends in
 * password, passwd, passphrase, pwd (kind `password_pair`) or secret, secret_key, token,
 * api_key/apikey/api-key, private_key (kind `generic_secret`). So `db_password=x`,
 * `"client_secret":"x"`, `X-Api-Key: x`, `csrf_token=x` are masked; `token_count=5`,
 * `max_tokens=100`, `passwordless=true`, `error_count=0` are not. Only the value is masked.
 */
import type { Counts } from './mask.js';
import { addCount, insideString, SpanMasker, TOKEN_PREFIX, tokenOf } from './mask.js';

const PASSWORD_TOKEN = tokenOf('password_pair');
const GENERIC_TOKEN = tokenOf('generic_secret');

const STEMS = 'pass(?:word|wd|phrase)|pwd|secret(?:[_-]?key)?|token|api[_-]?key|private[_-]?key';
/** Cheap prescan: a line without a stem skips the pair scanner. */
export const SECRET_STEM = new RegExp(STEMS, 'i');
// The stem ends the key: what follows is an optional closing quote, then `:` or `=`.
const PAIR = new RegExp(`(${STEMS})(\\\\?["']?)[ \\t]*[:=][ \\t]*`, 'gi');
const LITERAL = /^(?:null|true|false|undefined|none|\*+)$/i;
const NUMBER = /^-?\d/;

/** Characters that end an unquoted value: blanks, quotes, backslash, separators and brackets. */
function endsBare(c: number): boolean {
  return (
    c <= 32 ||
    c === 34 ||
    c === 39 ||
    c === 92 ||
    c === 44 ||
    c === 59 ||
    c === 38 ||
    c === 123 ||
    c === 125 ||
    c === 91 ||
    c === 93 ||
    c === 40 ||
    c === 41 ||
    c === 60 ||
    c === 62
  );
}

/** Index of the `"` closing a JSON string whose content starts at `i`, or -1. */
function closingQuote(s: string, i: number): number {
  for (let k = i; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 92) k++;
    else if (c === 34) return k;
  }
  return -1;
}

/** Masks secret values of key-value pairs; `passwords`/`generic` say which of the two kinds are on. */
export function maskSecretPairs(s: string, counts: Counts, passwords: boolean, generic: boolean): string {
  let masker: SpanMasker | undefined;
  let passwordCount = 0;
  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(s); m !== null; m = PAIR.exec(s)) {
    const c0 = m[1]!.charCodeAt(0) | 0x20;
    const isPassword = c0 === 112 /* p */ && (m[1]!.charCodeAt(1) | 0x20) !== 114; /* not "pr"ivate */
    if (isPassword ? !passwords : !generic) continue;
    const quote = m[2]!;
    const p = m.index + m[0].length;
    // Inside a JSON (or logfmt) string the value ends at the string's closing quote; outside, a
    // `"` opens a quoted value. Counting quotes keeps `{"password=":"x"}` from masking the `:`.
    const inside = insideString(s, p);
    let vStart = p;
    let vEnd = -1;
    let wrap = false;
    const c = s.charCodeAt(p);
    if (c === 92 && s.charCodeAt(p + 1) === 34) {
      // An escaped quote: the pair sits inside a JSON string (`\"password\":\"x\"` or `password=\"x\"`).
      vStart = p + 2;
      vEnd = s.indexOf('\\"', vStart);
    } else if (c === 34) {
      if (inside) continue;
      vStart = p + 1;
      vEnd = closingQuote(s, vStart);
      if (vEnd < 0) vEnd = s.length;
    } else if (c === 39) {
      vStart = p + 1;
      vEnd = s.indexOf("'", vStart);
    } else {
      let k = p;
      while (k < s.length && !endsBare(s.charCodeAt(k))) k++;
      vEnd = k;
      // `token=Token{a64f992 ...}`: an object dump (Android, Java toString), not a secret.
      const next = s.charCodeAt(k);
      if (next === 123 || next === 40) continue;
      if (!inside && quote === '"') {
        // A bare JSON value: only numbers are secrets; the token is quoted to stay valid JSON.
        if (!NUMBER.test(s.slice(vStart, vEnd))) continue;
        wrap = true;
      }
    }
    if (vEnd <= vStart) continue;
    const value = s.slice(vStart, Math.min(vEnd, vStart + 40));
    if (value.startsWith(TOKEN_PREFIX) || LITERAL.test(value)) continue;
    masker ??= new SpanMasker(s);
    if (masker.mask(vStart, vEnd, isPassword ? PASSWORD_TOKEN : GENERIC_TOKEN, wrap) && isPassword)
      passwordCount++;
    PAIR.lastIndex = Math.max(PAIR.lastIndex, vEnd);
  }
  if (masker === undefined) return s;
  addCount(counts, 'password_pair', passwordCount);
  addCount(counts, 'generic_secret', masker.count - passwordCount);
  return masker.finish();
}
