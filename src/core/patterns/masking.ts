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

/** Regex source of each built-in (except digitToken, which is applied after the others). */
const SOURCES: Readonly<Record<Exclude<BuiltinMaskerName, 'digitToken'>, string>> = {
  url: String.raw`[a-zA-Z][a-zA-Z0-9+.-]*://[^\s"'<>]+`,
  email: String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
  uuid: `${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}`,
  timestamp: [
    String.raw`\d{4}-\d{2}-\d{2}(?:[T_]\d{2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?`,
    String.raw`\d{4}/\d{1,2}/\d{1,2}`,
    String.raw`(?<![\w:])\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?![\w:])`,
    // Day and month abbreviations as whole tokens (`Fri Jul 01 08:16:53 2005`), case-sensitive.
    '^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec),?$',
  ].join('|'),
  // Needs 3+ colons or a `::` and a digit, so `12:30:00` and `std::string` stay out.
  ipv6: String.raw`(?<![\w:.])(?=[0-9a-fA-F:]*\d)(?=(?:${HEX}{0,4}:){3}|[0-9a-fA-F:]*::)(?:${HEX}{0,4}:){2,7}${HEX}{0,4}(?:%\w+)?(?![\w:])`,
  ipv4: String.raw`(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?!\w|\.\d)`,
  path: String.raw`(?<![\w/.])(?:/[\w.@%+~:,=$-]*){2,}|\b[A-Za-z]:\\[^\s"'<>]*`,
  hex: String.raw`(?<!\w)(?:0[xX]${HEX}+|(?:${HEX}{2}[:-]){3,}${HEX}{2}|(?=${HEX}*\d)(?=${HEX}*[a-fA-F])${HEX}{6,})(?!\w)`,
  number: String.raw`(?<![\w.-])-?\d+(?:\.\d+)*(?!\w|\.\d)`,
};

// From the first segment holding a digit to the end of the dotted name: `core.2275` keeps
// `core.`, `v6.1.7601` and `rdd_42_20` go whole.
const DIGIT_WORD = /[\w-]*\d[\w-]*(?:\.[\w-]*)*/g;

/** Compiled maskers of one miner: built once in the constructor, reused for every line. */
export interface Masking {
  readonly enabled: readonly BuiltinMaskerName[];
  /** Line-level custom maskers (applied first). */
  readonly extra: readonly { re: RegExp; replacement: string }[];
  /** One alternation of the enabled regex built-ins, or undefined when none is on. */
  readonly tokenRe: RegExp | undefined;
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
  const sources = BUILTIN_MASKERS.filter((n) => n !== 'digitToken' && enabled.includes(n)).map(
    (n) => `(?:${SOURCES[n as Exclude<BuiltinMaskerName, 'digitToken'>]})`,
  );
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
    tokenRe: sources.length > 0 ? new RegExp(sources.join('|'), 'g') : undefined,
    digitToken: enabled.includes('digitToken'),
  };
}

/** True when a token may hold something a built-in masks: a digit, `/`, `\`, `@`, or a day/month name. */
function mayHoldVariable(token: string): boolean {
  // `Fri`, `Jul,`: day and month names
  if (token.length === 3 || token.length === 4) {
    const c = token.charCodeAt(0);
    if (c >= 65 && c <= 90) return true;
  }
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 47 || c === 92 || c === 64) return true;
  }
  return false;
}

function hasDigit(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * Masks one whitespace-free token with the built-ins.
 *
 * @example maskToken('uid=10037,', masking) // 'uid=<*>,'
 */
export function maskToken(token: string, masking: Masking): string {
  if (!mayHoldVariable(token)) return token;
  let out = masking.tokenRe ? token.replace(masking.tokenRe, WILDCARD) : token;
  if (masking.digitToken && hasDigit(out)) out = out.replace(DIGIT_WORD, WILDCARD);
  return out;
}

/** Applies the line-level extra maskers. */
export function maskLine(line: string, masking: Masking): string {
  let out = line;
  for (const { re, replacement } of masking.extra) out = out.replace(re, replacement);
  return out;
}
