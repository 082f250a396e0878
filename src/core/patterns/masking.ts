/**
 * Preprocessing for the pattern miner: masks obvious variables (numbers, ids, addresses,
 * paths, times) with `<*>` before clustering, so the clustering only has to discover the
 * variables that look like words.
 *
 * Built-in maskers run per whitespace token (a token with no digit, `/`, `\` or `@` is
 * skipped without touching a regex, which is most words of most lines). Extra regex maskers
 * run on the whole line first, so they may span spaces.
 */
import { PatternOptionsError } from './errors.js';

/** The placeholder for a variable, in masked lines and templates. */
export const WILDCARD = '<*>';

/**
 * Built-in maskers, in priority order (the first that matches at a position wins).
 * `digitToken` is the generic token-class rule: any word still holding a digit after the
 * other maskers (`rdd_42_20`, `v6.1.7601`, `x86_64`, `100ms`) is a variable.
 */
export const BUILTIN_MASKERS = [
  'url',
  'email',
  'uuid',
  'timestamp',
  'ipv6',
  'ipv4',
  'path',
  'hex',
  'number',
  'digitToken',
] as const;
export type BuiltinMaskerName = (typeof BUILTIN_MASKERS)[number];

/** A custom masker: every match of `pattern` in the line becomes `replacement` (default `<*>`). */
export interface RegexMasker {
  name: string;
  pattern: string | RegExp;
  /** Regex flags; `g` is always added. Ignored when `pattern` is a RegExp (its flags are used). */
  flags?: string;
  replacement?: string;
}

const HEX = '[0-9a-fA-F]';

// Characters a token holds, found in one scan (bit flags). A regex alternative that needs a
// character the token lacks cannot match, so it is left out of the regex tried on that token.
const AT = 1;
const COLON = 2;
const SLASH = 4;
const BACKSLASH = 8;
const DASH = 16;
/** 3-4 characters starting with a capital: may be a day or month name. */
const NAME = 32;
const DIGIT = 64;
const OTHER = 128;
const SHAPE_MASK = AT | COLON | SLASH | BACKSLASH | DASH | NAME;

interface Alternative {
  masker: Exclude<BuiltinMaskerName, 'digitToken'>;
  source: string;
  /** True when a token with these flags may match. */
  possible: (flags: number) => boolean;
}

const all = (need: number) => (flags: number) => (flags & need) === need;
const any = (need: number) => (flags: number) => (flags & need) !== 0;

/** The regex alternatives of the built-ins, in priority order (digitToken is applied after). */
const ALTERNATIVES: readonly Alternative[] = [
  { masker: 'url', source: String.raw`[a-zA-Z][a-zA-Z0-9+.-]*://[^\s"'<>]+`, possible: all(COLON | SLASH) },
  { masker: 'email', source: String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`, possible: all(AT) },
  { masker: 'uuid', source: `${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}`, possible: all(DASH) },
  {
    masker: 'timestamp',
    source: String.raw`\d{4}-\d{2}-\d{2}(?:[T_]\d{2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?`,
    possible: all(DASH),
  },
  { masker: 'timestamp', source: String.raw`\d{4}/\d{1,2}/\d{1,2}`, possible: all(SLASH) },
  {
    masker: 'timestamp',
    source: String.raw`(?<![\w:])\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?![\w:])`,
    possible: all(COLON),
  },
  {
    // Day and month abbreviations as whole tokens (`Fri Jul 01 08:16:53 2005`), case-sensitive.
    masker: 'timestamp',
    source: '^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec),?$',
    possible: all(NAME),
  },
  {
    // Needs 3+ colons or a `::` and a digit, so `12:30:00` and `std::string` stay out.
    masker: 'ipv6',
    source: String.raw`(?<![\w:.])(?=[0-9a-fA-F:]*\d)(?=(?:${HEX}{0,4}:){3}|[0-9a-fA-F:]*::)(?:${HEX}{0,4}:){2,7}${HEX}{0,4}(?:%\w+)?(?![\w:])`,
    possible: all(COLON),
  },
  {
    masker: 'ipv4',
    source: String.raw`(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?!\w|\.\d)`,
    possible: () => true,
  },
  { masker: 'path', source: String.raw`(?<![\w/.])(?:/[\w.@%+~:,=$-]*){2,}`, possible: all(SLASH) },
  { masker: 'path', source: String.raw`\b[A-Za-z]:\\[^\s"'<>]*`, possible: all(BACKSLASH | COLON) },
  { masker: 'hex', source: String.raw`(?<!\w)0[xX]${HEX}+(?!\w)`, possible: () => true },
  {
    masker: 'hex',
    source: String.raw`(?<!\w)(?:${HEX}{2}[:-]){3,}${HEX}{2}(?!\w)`,
    possible: any(COLON | DASH),
  },
  {
    masker: 'hex',
    source: String.raw`(?<!\w)(?=${HEX}*\d)(?=${HEX}*[a-fA-F])${HEX}{6,}(?!\w)`,
    possible: () => true,
  },
  { masker: 'number', source: String.raw`(?<![\w.-])-?\d+(?:\.\d+)*(?!\w|\.\d)`, possible: () => true },
];

// From the first segment holding a digit to the end of the dotted name: `core.2275` keeps
// `core.`, `v6.1.7601` and `rdd_42_20` go whole.
const DIGIT_WORD = /[\w-]*\d[\w-]*(?:\.[\w-]*)*/g;

/** Compiled maskers of one miner: built once in the constructor, reused for every line. */
export interface Masking {
  readonly enabled: readonly BuiltinMaskerName[];
  /** Line-level custom maskers (applied first). */
  readonly extra: readonly { re: RegExp; replacement: string }[];
  /** Enabled regex alternatives, in priority order. */
  readonly alternatives: readonly Alternative[];
  /** Per token shape (SHAPE_MASK bits), the alternation of the alternatives it may match. */
  readonly byShape: Map<number, RegExp | undefined>;
  /** Whether a token of digits only is masked whole (number or digitToken on). */
  readonly digitsOnly: boolean;
  readonly digitToken: boolean;
}

/**
 * Compiles a masker selection.
 *
 * @example compileMasking(['ipv4', 'number'], [{ name: 'ticket', pattern: 'JIRA-\\d+' }])
 */
export function compileMasking(
  enabled: readonly BuiltinMaskerName[] = BUILTIN_MASKERS,
  extra: readonly RegexMasker[] = [],
): Masking {
  for (const name of enabled) {
    if (!(BUILTIN_MASKERS as readonly string[]).includes(name)) {
      throw new PatternOptionsError(`unknown masker "${name}"; built-ins are ${BUILTIN_MASKERS.join(', ')}`);
    }
  }
  const compiledExtra = extra.map((m) => {
    try {
      const re =
        m.pattern instanceof RegExp
          ? new RegExp(
              m.pattern.source,
              m.pattern.flags.includes('g') ? m.pattern.flags : `${m.pattern.flags}g`,
            )
          : new RegExp(m.pattern, (m.flags ?? '').includes('g') ? m.flags : `${m.flags ?? ''}g`);
      if (re.test('')) throw new Error('it matches the empty string');
      re.lastIndex = 0;
      return { re, replacement: m.replacement ?? WILDCARD };
    } catch (err) {
      throw new PatternOptionsError(`extra masker "${m.name}": ${(err as Error).message}`);
    }
  });
  return {
    enabled: [...enabled],
    extra: compiledExtra,
    alternatives: ALTERNATIVES.filter((a) => enabled.includes(a.masker)),
    byShape: new Map(),
    digitsOnly: enabled.includes('number') || enabled.includes('digitToken'),
    digitToken: enabled.includes('digitToken'),
  };
}

/** The shape flags of one character (a digit, or other plus the separators the maskers key on). */
export function charFlags(c: number): number {
  if (c >= 48 && c <= 57) return DIGIT;
  if (c === 58) return OTHER | COLON;
  if (c === 47) return OTHER | SLASH;
  if (c === 45) return OTHER | DASH;
  if (c === 64) return OTHER | AT;
  if (c === 92) return OTHER | BACKSLASH;
  return OTHER;
}

/** The alternation for tokens of one shape, compiled on first use (at most 64 shapes). */
function regexFor(masking: Masking, shape: number): RegExp | undefined {
  if (masking.byShape.has(shape)) return masking.byShape.get(shape);
  const sources = masking.alternatives.filter((a) => a.possible(shape)).map((a) => `(?:${a.source})`);
  const re = sources.length > 0 ? new RegExp(sources.join('|'), 'g') : undefined;
  masking.byShape.set(shape, re);
  return re;
}

function hasDigit(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * Masks one whitespace-free token with the built-ins. A token with no digit and none of
 * `: / \ @ -` (most words) costs one scan and no regex.
 *
 * @example maskToken('uid=10037,', masking) // 'uid=<*>,'
 */
export function maskToken(token: string, masking: Masking): string {
  let flags = 0;
  for (let i = 0; i < token.length; i++) flags |= charFlags(token.charCodeAt(i));
  return maskWithFlags(token, flags, masking);
}

/**
 * maskToken for a caller that has already OR-ed `charFlags` over every character of `token`
 * (the tokenizer does, as it walks the line: one pass over the characters instead of two).
 */
export function maskWithFlags(token: string, charFlagsOfToken: number, masking: Masking): string {
  let flags = charFlagsOfToken;
  const first = token.charCodeAt(0);
  if ((token.length === 3 || token.length === 4) && first >= 65 && first <= 90) flags |= NAME;
  if (flags === DIGIT) return masking.digitsOnly ? WILDCARD : token;
  // Without a digit only the shape-bound alternatives (url, email, path, names...) can match.
  if ((flags & DIGIT) === 0 && (flags & (AT | SLASH | BACKSLASH | NAME)) === 0) return token;
  const re = regexFor(masking, flags & SHAPE_MASK);
  let out = re ? token.replace(re, WILDCARD) : token;
  if (masking.digitToken && hasDigit(out)) out = out.replace(DIGIT_WORD, WILDCARD);
  return out;
}

/** Applies the line-level extra maskers. */
export function maskLine(line: string, masking: Masking): string {
  let out = line;
  for (const { re, replacement } of masking.extra) out = out.replace(re, replacement);
  return out;
}
