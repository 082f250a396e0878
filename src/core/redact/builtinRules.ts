/**
 * The built-in redaction rules, in the order they run. Each has a cheap prescan (`mayMatch`,
 * mostly `indexOf`) so a line without secrets costs a handful of string searches.
 *
 * Order matters: a PEM block or a `Bearer eyJ...` token is masked whole before the JWT, email or
 * key-value rules could nibble at parts of it, and masked tokens are never masked again.
 */
import { Buffer } from 'node:buffer';
import { findIps } from '../extract/ip.js';
import * as gate from '../gates/lineGates.js';
import { maskEmails } from './email.js';
import { luhnValid } from './luhn.js';
import { addCount, type Counts, maskMatches, SpanMasker, tokenOf } from './mask.js';
import { maskSecretPairs, SECRET_STEM } from './secretPairs.js';

export interface BuiltinRule {
  kind: string;
  /** True when the rule can only match a line that KEYWORD_HINT matches. */
  keyword: boolean;
  /** The {@link lineGates} bits of which one must be set for `mayMatch` to be true. */
  gate: number;
  mayMatch(s: string): boolean;
  apply(s: string, counts: Counts): string;
}

/**
 * One case-insensitive pass over the line decides whether any keyword-led rule (PEM, Bearer/Basic,
 * JWT, AWS keys, secret pairs) can match: most lines have none, and this is cheaper than the
 * dozen indexOf calls the rules' own guards would cost.
 */
export const KEYWORDS =
  /pass|pwd|secret|token|api[_-]?key|private|bearer|basic|access|eyj|akia|asia|-----begin/i;

/**
 * The same decision, cheaper: a line without a match here cannot match any keyword-led rule. It may
 * pass lines KEYWORDS would not (any `key`) and skip words no rule needs alone (`pass`, `access`),
 * but never a line on which a keyword-led rule could mask something: the rules' own checks still
 * decide. A plain case-insensitive alternation: irregexp skips ahead on it faster than on the
 * rarest-letter-first form with lookbehinds this replaced (~15% on Loghub lines).
 */
export const KEYWORD_HINT = /pwd|pass(?:w|ph)|secret|key|token|bearer|basic|eyj|akia|asia|-----begin/i;

// "Not glued to a word": a word character before the match blocks it, unless it is the letter
// of a JSON escape (`\n4111...`), which is text boundary in the decoded string.
const NOT_AFTER_WORD = '(?<!(?<!\\\\)[A-Za-z0-9_-])';

const PRIVATE_KEY =
  /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[^"]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|(?="|$))/g;
const BEARER = /(?<=\bbearer[ \t]+)[A-Za-z0-9\-._~+/]{8,}=*/gi;
const BASIC = /(?<=\bbasic[ \t]+)[A-Za-z0-9+/]{6,}={0,2}(?![A-Za-z0-9+/=])/gi;
const JWT = new RegExp(`${NOT_AFTER_WORD}eyJ[\\w-]{5,}\\.[\\w-]{5,}\\.[\\w-]*`, 'g');
const URL_PASSWORD = /(?<=\b[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/[^\s:@/"\\]*:)[^\s@/"\\]+(?=@)/g;
const AWS_ACCESS_KEY = new RegExp(`${NOT_AFTER_WORD}(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])`, 'g');
const AWS_SECRET_KEY =
  /(?<=(?:aws_?)?secret_?access_?key\\?["']?[ \t]*[:=][ \t]*\\?["']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/gi;
// 13-19 digits, continuous or in the usual groups (4-4-4-1..4[-3], Amex/Diners 4-6-4..5); the
// first digit 2-6 covers Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay and keeps
// epoch-millisecond timestamps (13 digits starting with 1) out.
const CARD =
  /(?:[2-6]\d{12,18}|[2-6]\d{3}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{3})?|3\d{3}([ -])\d{6}\2\d{4,5})(?![\w-])/g;
/** Cheap first look for 13+ card digits; written out because `\d{4}` is slower in irregexp. */
export const CARD_HINT = /[2-6]\d\d\d[ -]?\d\d\d\d[ -]?\d\d\d\d[ -]?\d|3\d\d\d[ -]\d\d\d\d\d\d[ -]\d\d\d\d/;
const CARD_TOKEN = tokenOf('card_number');
const TOKEN_CHARS = /[\d\-._~+/=]/;
const PRINTABLE_WITH_COLON = /^[\x20-\x7e]*:[\x20-\x7e]*$/;

function has(s: string, a: string, b?: string): boolean {
  return s.indexOf(a) >= 0 || (b !== undefined && s.indexOf(b) >= 0);
}

function isWordLike(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

/** Luhn-valid and not glued to a word (the lookbehind is done here: in the regex it runs at every position). */
function isCard(match: string, index: number, s: string): boolean {
  if (index > 0 && isWordLike(s.charCodeAt(index - 1)) && !(index > 1 && s.charCodeAt(index - 2) === 92)) {
    return false;
  }
  return luhnValid(match);
}

/** `Basic <b64>` is a credential when it follows `Authorization` or decodes to `user:password`. */
function isBasicCredential(token: string, index: number, s: string): boolean {
  const before = s.slice(Math.max(0, index - 32), index).toLowerCase();
  if (before.indexOf('authorization') >= 0) return true;
  return PRINTABLE_WITH_COLON.test(Buffer.from(token, 'base64').toString('latin1'));
}

function ipRule(kind: 'ipv4' | 'ipv6', version: 4 | 6): BuiltinRule {
  const token = tokenOf(kind);
  return {
    kind,
    keyword: false,
    gate: version === 4 ? gate.IPV4 : gate.IPV6,
    mayMatch: (s) => (version === 4 ? s.indexOf('.') >= 0 : s.indexOf(':') >= 0),
    apply(s, counts) {
      const spans = findIps(s, Number.POSITIVE_INFINITY, false);
      let masker: SpanMasker | undefined;
      for (const sp of spans) {
        if (sp.version !== version) continue;
        masker ??= new SpanMasker(s);
        masker.mask(sp.start, sp.end, token);
      }
      if (masker === undefined) return s;
      addCount(counts, kind, masker.count);
      return masker.finish();
    },
  };
}

/** Built-in rules in run order; `passwords`/`generic` toggle the two kinds of the pair rule. */
export function builtinRules(enabled: (kind: string) => boolean, ips: boolean): BuiltinRule[] {
  const passwords = enabled('password_pair');
  const generic = enabled('generic_secret');
  const rules: BuiltinRule[] = [
    {
      kind: 'private_key',
      keyword: true,
      gate: gate.SECRET_WORD,
      mayMatch: (s) => s.indexOf('-----BEGIN') >= 0,
      apply: (s, c) => maskMatches(s, PRIVATE_KEY, 'private_key', c),
    },
    {
      kind: 'bearer_token',
      keyword: true,
      gate: gate.SECRET_WORD,
      mayMatch: (s) => has(s, 'earer', 'EARER') || has(s, 'asic', 'ASIC'),
      apply(s, c) {
        const out = maskMatches(s, BEARER, 'bearer_token', c, (t) => TOKEN_CHARS.test(t));
        return has(out, 'asic', 'ASIC') ? maskMatches(out, BASIC, 'bearer_token', c, isBasicCredential) : out;
      },
    },
    {
      kind: 'jwt',
      keyword: true,
      gate: gate.SECRET_WORD,
      mayMatch: (s) => s.indexOf('eyJ') >= 0,
      apply: (s, c) => maskMatches(s, JWT, 'jwt', c),
    },
    {
      kind: 'url_password',
      keyword: false,
      gate: gate.AT,
      // `@` first: a one-character search is cheaper, and most lines have none.
      mayMatch: (s) => s.indexOf('@') >= 0 && s.indexOf('://') >= 0,
      apply: (s, c) => maskMatches(s, URL_PASSWORD, 'url_password', c),
    },
    {
      kind: 'aws_access_key',
      keyword: true,
      gate: gate.SECRET_WORD,
      mayMatch: (s) => has(s, 'AKIA', 'ASIA'),
      apply: (s, c) => maskMatches(s, AWS_ACCESS_KEY, 'aws_access_key', c),
    },
    {
      kind: 'aws_secret_key',
      keyword: true,
      gate: gate.SECRET_WORD,
      mayMatch: (s) => has(s, 'ccess', 'CCESS'),
      apply: (s, c) => maskMatches(s, AWS_SECRET_KEY, 'aws_secret_key', c),
    },
    {
      kind: passwords ? 'password_pair' : 'generic_secret',
      keyword: true,
      gate: gate.SECRET_WORD,
      mayMatch: (s) => (s.indexOf('=') >= 0 || s.indexOf(':') >= 0) && SECRET_STEM.test(s),
      apply: (s, c) => maskSecretPairs(s, c, passwords, generic),
    },
    {
      kind: 'email',
      keyword: false,
      gate: gate.AT,
      mayMatch: (s) => s.indexOf('@') >= 0,
      apply: maskEmails,
    },
    {
      kind: 'card_number',
      keyword: false,
      gate: gate.CARD,
      mayMatch: (s) => s.length >= 13 && CARD_HINT.test(s),
      // Every CARD match starts where CARD_HINT matches: start at the first hint.
      apply: (s, c) => maskMatches(s, CARD, 'card_number', c, isCard, CARD_TOKEN, true, s.search(CARD_HINT)),
    },
  ];
  if (ips) rules.push(ipRule('ipv4', 4), ipRule('ipv6', 6));
  return rules.filter((r) =>
    r.kind === 'password_pair' || r.kind === 'generic_secret' ? passwords || generic : enabled(r.kind),
  );
}

/** A number that is a Luhn-valid card number (13-19 digits, first digit 2-6). */
export function isCardNumber(n: number): boolean {
  if (!Number.isSafeInteger(n) || n < 2e12) return false;
  const s = String(n);
  return s.length >= 13 && s.length <= 19 && s.charCodeAt(0) >= 50 && s.charCodeAt(0) <= 54 && luhnValid(s);
}
