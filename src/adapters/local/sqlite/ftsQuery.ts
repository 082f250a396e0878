/**
 * Turns the user's `q` (from an HTTP query string: anything at all) into a safe FTS5 MATCH
 * expression. Every whitespace-separated term becomes a quoted FTS5 string (inner quotes doubled),
 * so operators (AND, OR, NOT, NEAR), parentheses, `*`, `^`, `:` and stray quotes are plain text and
 * can never make a syntax error. Terms are ANDed; the last one is a prefix (search as you type).
 * A term with punctuation inside (`user-42`, `a.b.c`) is a phrase of its tokens.
 *
 * Terms with no letter or digit (`->`, `!!!`, `::`) have no tokens for FTS5 to find; they are
 * returned apart, for a plain substring test on the message.
 *
 * @example toFtsQuery('timeout "unbalanced AND') // => { match: '"timeout" """unbalanced" "AND"*', substrings: [] }
 */
export interface FtsQuery {
  /** FTS5 MATCH expression, or undefined when no term has a word character. */
  match?: string;
  /** Punctuation-only terms, matched as substrings. */
  substrings: string[];
}

/** More terms than this are ignored: they would only slow the query down. */
export const MAX_TERMS = 16;

const WORD = /[\p{L}\p{N}\p{Co}]/u;

export function toFtsQuery(q: string | undefined): FtsQuery {
  const substrings: string[] = [];
  if (!q) return { substrings };
  const phrases: string[] = [];
  const terms = q.split(/\s+/);
  for (const term of terms) {
    if (term === '') continue;
    if (phrases.length + substrings.length >= MAX_TERMS) break;
    if (WORD.test(term)) phrases.push(`"${term.replaceAll('"', '""')}"`);
    else substrings.push(term);
  }
  if (phrases.length === 0) return { substrings };
  return { match: `${phrases.join(' ')}*`, substrings };
}
