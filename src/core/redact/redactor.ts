/**
 * The redact stage: masks secrets and personal data in messages and field values.
 */
import { ALL, SECRET_WORD } from '../gates/lineGates.js';
import type { Fields } from '../types.js';
import { type BuiltinRule, builtinRules, isCardNumber, KEYWORD_HINT } from './builtinRules.js';
import { RedactRuleError } from './errors.js';
import { addCount, type Counts, maskMatches, TOKEN_PREFIX, tokenOf } from './mask.js';

export type RedactionKind =
  | 'aws_access_key'
  | 'aws_secret_key'
  | 'bearer_token'
  | 'jwt'
  | 'url_password'
  | 'password_pair'
  | 'email'
  | 'card_number'
  | 'ipv4'
  | 'ipv6'
  | 'private_key'
  | 'generic_secret'
  // Custom rule names are kinds too.
  | string;

export interface RedactRule {
  /** Kind counted and shown in the token `[REDACTED:<name>]`: letters, digits, `_ . : -`. */
  name: string;
  /** A JavaScript regular expression source. */
  pattern: string;
  /** Regex flags; `g` is always added. */
  flags?: string;
  /** Replacement text. Default `[REDACTED:<name>]`. Must not contain `"` or `\`. */
  replacement?: string;
}

export interface RedactOptions {
  /** Default true. */
  enabled?: boolean;
  /** Built-in kinds to turn off, e.g. ['email']. Default none. */
  disable?: string[];
  /** Mask IP addresses too. Default false. */
  ips?: boolean;
  /** Extra rules. */
  rules?: RedactRule[];
  /**
   * Field names whose values are always masked (case-insensitive; a dotted key matches on its
   * last segment too, so `user.password` and `headers.authorization` count). Replaces the default:
   * password, passwd, pwd, secret, token, api_key, apikey, authorization, cookie, set-cookie,
   * access_token, refresh_token, client_secret, private_key.
   */
  sensitiveKeys?: string[];
}

export interface Redactor {
  /** Returns the text with secrets masked (the same string object when nothing matched) and adds to counts. */
  text(s: string, counts: Record<string, number>): string;
  /**
   * `texts.map((s) => text(s, counts))`, faster on many texts: each rule runs over all of them before
   * the next rule. The counts are the same; their keys may come in another order. `gates` are the
   * texts' {@link lineGates} when the caller has them: a rule whose gate is clear is skipped.
   */
  texts(texts: readonly string[], counts: Record<string, number>, gates?: Uint16Array): string[];
  /** Masks string values of fields in place: sensitive keys wholesale, other strings through text(). */
  fields(f: Fields, counts: Record<string, number>): void;
}

export const DEFAULT_SENSITIVE_KEYS: readonly string[] = [
  'password',
  'passwd',
  'pwd',
  'secret',
  'token',
  'api_key',
  'apikey',
  'authorization',
  'cookie',
  'set-cookie',
  'access_token',
  'refresh_token',
  'client_secret',
  'private_key',
];

const NAME = /^[\w.:-]+$/;
/** A key whose last segment ends in one of these is masked like a sensitive key (`db_password`, `csrf_token`). */
const SECRET_KEY_SUFFIX =
  /(?:pass(?:word|wd|phrase)|pwd|secret(?:[_-]?key)?|token|api[_-]?key|private[_-]?key)$/;
const PASSWORDISH = /pass|pwd/;
/** Key -> kind of its masking ('' when not sensitive); keys repeat across events. */
const KEY_CACHE_LIMIT = 4096;

interface CustomRule {
  kind: string;
  re: RegExp;
  token: string;
}

function compileRule(rule: RedactRule): CustomRule {
  if (!NAME.test(rule.name)) {
    throw new RedactRuleError(`redact rule name "${rule.name}" must be letters, digits or _ . : -`);
  }
  const token = rule.replacement ?? tokenOf(rule.name);
  if (token.includes('"') || token.includes('\\')) {
    throw new RedactRuleError(`redact rule "${rule.name}": the replacement must not contain " or \\`);
  }
  const flags = rule.flags ?? '';
  let re: RegExp;
  try {
    re = new RegExp(rule.pattern, flags.includes('g') ? flags : `${flags}g`);
  } catch (err) {
    throw new RedactRuleError(`redact rule "${rule.name}": ${(err as Error).message}`, { cause: err });
  }
  return { kind: rule.name, re, token };
}

/**
 * False when no built-in rule (ipv4/ipv6 aside) can match `s`: every keyword-led rule needs a letter
 * outside `a-f` (`pwd`, `secret`, `token`, `key`, `Bearer`, `Basic`, `eyJ`, `AKIA`, `ccess`,
 * `-----BEGIN`), emails and URL passwords need `@`, card numbers 13 digits. Exits at the first
 * such character, so ordinary text costs a few reads; UUIDs, hex ids, IPs and numbers skip every
 * regex.
 */
function mayHoldBuiltin(s: string): boolean {
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits >= 13) return true;
    } else if (c >= 103 || (c >= 71 && c <= 90) || c === 64) return true;
  }
  return false;
}

/**
 * Builds a redactor. Built-in kinds: aws_access_key, aws_secret_key, bearer_token (Bearer and
 * Basic credentials), jwt, url_password, password_pair, generic_secret, email, card_number,
 * private_key; ipv4/ipv6 when `ips` is true. Custom rules run first, then the built-ins.
 *
 * @example
 * const redactor = createRedactor({ disable: ['email'] });
 * const counts = {};
 * redactor.text('login password=hunter2 key AKIAIOSFODNN7EXAMPLE', counts);
 * // 'login password=[REDACTED:password_pair] key [REDACTED:aws_access_key]'; counts { password_pair: 1, aws_access_key: 1 }
 * @throws RedactRuleError when a custom rule has a bad pattern, name or replacement.
 */
export function createRedactor(options: RedactOptions = {}): Redactor {
  const custom = (options.rules ?? []).map(compileRule);
  if (options.enabled === false) {
    return { text: (s) => s, texts: (all) => all.slice(), fields: () => undefined };
  }
  const disabled = new Set(options.disable ?? []);
  const enabled = (kind: string) => !disabled.has(kind);
  const rules: BuiltinRule[] = builtinRules(enabled, options.ips === true);
  const sensitive = new Set((options.sensitiveKeys ?? DEFAULT_SENSITIVE_KEYS).map((k) => k.toLowerCase()));
  const suffixPasswords = enabled('password_pair');
  const suffixGeneric = enabled('generic_secret');
  const cardNumbers = enabled('card_number');
  const keyKinds = new Map<string, string>();

  // Without custom or IP rules, only text with a letter past `f`, an `@`, a non-ASCII character or
  // 13 digits can be masked (see mayHoldBuiltin): field values that are ids, hashes, numbers or
  // addresses skip the rules. Not worth it for messages, which nearly all hold such a letter.
  const builtinOnly = custom.length === 0 && options.ips !== true;
  let builtinGates = 0;
  for (const rule of rules) builtinGates |= rule.gate;

  function text(s: string, counts: Counts): string {
    if (s.length === 0) return s;
    let out = s;
    for (const rule of custom) out = maskMatches(out, rule.re, rule.kind, counts, undefined, rule.token);
    const keywords = KEYWORD_HINT.test(out);
    for (const rule of rules)
      if ((keywords || !rule.keyword) && rule.mayMatch(out)) out = rule.apply(out, counts);
    return out;
  }

  function texts(all: readonly string[], counts: Counts, lineGates?: Uint16Array): string[] {
    const out = all.slice();
    // The gates describe the texts as given: a text a rule has changed gets ALL (its checks run).
    const gates = lineGates === undefined ? new Uint16Array(all.length).fill(ALL) : lineGates.slice();
    // As text(): empty texts are left alone; the others go through each rule in text()'s order.
    const open: number[] = [];
    for (let i = 0; i < all.length; i++) if (all[i]!.length > 0) open.push(i);
    for (const rule of custom)
      for (const i of open) {
        const s = out[i]!;
        out[i] = maskMatches(s, rule.re, rule.kind, counts, undefined, rule.token);
        if (out[i] !== s) gates[i] = ALL;
      }
    // Only texts with some built-in rule's gate set can be masked by one.
    const live: number[] = [];
    for (const i of open) if ((gates[i]! & builtinGates) !== 0) live.push(i);
    const keywords = new Uint8Array(all.length);
    for (const i of live) keywords[i] = (gates[i]! & SECRET_WORD) !== 0 && KEYWORD_HINT.test(out[i]!) ? 1 : 0;
    for (const rule of rules) {
      const { keyword, gate } = rule;
      for (const i of live) {
        if ((gates[i]! & gate) === 0 || (keyword && keywords[i] === 0)) continue;
        const s = out[i]!;
        if (rule.mayMatch(s)) {
          out[i] = rule.apply(s, counts);
          if (out[i] !== s) gates[i] = ALL;
        }
      }
    }
    return out;
  }

  function kindOfKey(key: string): string {
    let kind = keyKinds.get(key);
    if (kind !== undefined) return kind;
    const lower = key.toLowerCase();
    const dot = lower.lastIndexOf('.');
    const last = dot >= 0 ? lower.slice(dot + 1) : lower;
    const passwordish = PASSWORDISH.test(last);
    kind = '';
    if (sensitive.has(lower) || sensitive.has(last)) kind = passwordish ? 'password_pair' : 'generic_secret';
    else if (SECRET_KEY_SUFFIX.test(last) && (passwordish ? suffixPasswords : suffixGeneric)) {
      kind = passwordish ? 'password_pair' : 'generic_secret';
    }
    if (keyKinds.size >= KEY_CACHE_LIMIT) keyKinds.clear();
    keyKinds.set(key, kind);
    return kind;
  }

  function fields(f: Fields, counts: Counts): void {
    for (const key in f) {
      const value = f[key];
      if (value === undefined) continue;
      const kind = kindOfKey(key);
      if (kind !== '') {
        if (value === '' || (typeof value === 'string' && value.startsWith(TOKEN_PREFIX))) continue;
        f[key] = tokenOf(kind);
        addCount(counts, kind, 1);
      } else if (typeof value === 'string') {
        if (builtinOnly && !mayHoldBuiltin(value)) continue;
        const masked = text(value, counts);
        if (masked !== value) f[key] = masked;
      } else if (typeof value === 'number' && cardNumbers && isCardNumber(value)) {
        f[key] = tokenOf('card_number');
        addCount(counts, 'card_number', 1);
      }
    }
  }

  return { text, texts, fields };
}
