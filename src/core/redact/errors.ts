/** Errors of the redact stage. */

/** A custom redaction rule cannot be used: bad regex, a name or replacement that is not JSON-safe. */
export class RedactRuleError extends Error {
  override readonly name = 'RedactRuleError';
}
