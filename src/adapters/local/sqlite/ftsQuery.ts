/**
 * Turns the user's `q` (from an HTTP query string: anything at all) into a safe FTS5 MATCH
 * expression. Terms (split on whitespace) are ANDed; the last one is a prefix (search as you type).
 *
 * The index keeps no token positions (`detail=none`: ~6% faster ingest), so FTS5 answers
 * single tokens, not phrases. A term is cut into its tokens (runs of letters and digits, as the
 * unicode61 tokenizer cuts text), each a quoted FTS5 string, so operators (AND, OR, NOT, NEAR),
 * parentheses, `*`, `^`, `:` and stray quotes are plain text and can never make a syntax error.
 * A term that is more than one bare token (`user-42`, `a.b.c`, `"declined`, `->`) must also appear
 * in the message as written, case-insensitively: it is returned in `contains` for that test, which
 * restores what a phrase search found. Terms with no letter or digit have no tokens at all and
 * are matched by `contains` alone.
 *
 * @example toFtsQuery('timeout user-42') // => { match: '"timeout" "user" "42"*', contains: ['user-42'] }
 */
export interface FtsQuery {
  /** FTS5 MATCH expression, or undefined when no term has a letter or digit. */
  match?: string;
  /** Lower-cased terms each message must contain (case-insensitively). */
  contains: string[];
}

/** More terms than this are ignored: they would only slow the query down. */
export const MAX_TERMS = 16;

/** The unicode61 tokenizer's token characters (its default categories: L* N* Co). */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

export function toFtsQuery(q: string | undefined): FtsQuery {
  const contains: string[] = [];
  if (!q) return { contains };
  const tokens: string[] = [];
  const terms = q.split(/\s+/).filter(Boolean).slice(0, MAX_TERMS);
  for (const term of terms) {
    const parts = term.match(TOKEN) ?? [];
    // A token has no quote inside (quotes are not token characters): quoting needs no escape.
    for (const part of parts) tokens.push(`"${part}"`);
    if (parts.length !== 1 || parts[0] !== term) contains.push(term.toLowerCase());
  }
  if (tokens.length === 0) return { contains };
  return { match: `${tokens.join(' ')}*`, contains };
}
