/**
 * Redaction: masks secrets and personal data in messages and fields before anything is stored,
 * sent or archived. Secrets become `[REDACTED:<kind>]` tokens (never holding `"` or `\`, and
 * never replacing across a `"`, so redacted JSON stays valid JSON).
 *
 * | kind | what is masked |
 * |---|---|
 * | `aws_access_key` | `AKIA`/`ASIA` + 16 upper-case letters or digits |
 * | `aws_secret_key` | a 40-character key right after `aws_secret_access_key`, `SecretAccessKey`, `secret_access_key` (`=`, `:`, quoted or not); other 40-character strings are left alone |
 * | `bearer_token` | the credentials after `Bearer ` (8+ chars, holding a digit or `-._~+/=`) and after `Basic ` (following `Authorization`, or decoding to `user:password`); the scheme word stays |
 * | `jwt` | `eyJ...`.`...`.`...` (three base64url segments) |
 * | `url_password` | the password of `scheme://user:password@host` (the user stays) |
 * | `password_pair` | the value after a key ending in password, passwd, passphrase or pwd: `password=x`, `passwd: x`, `"password":"x"`, `DB_PASSWORD=x`, also inside escaped JSON |
 * | `generic_secret` | the value after a key ending in secret, secret_key, token, api_key/apikey/api-key or private_key (`token=`, `X-Api-Key:`, `"client_secret":`); `token_count=5`, `max_tokens=1` are not secrets |
 * | `email` | `local@domain.tld` (a 2+ letter TLD is required) |
 * | `card_number` | 13-19 digits, plain or grouped by spaces/dashes, first digit 2-6, Luhn-valid (order ids failing Luhn stay) |
 * | `private_key` | a whole PEM `-----BEGIN ... PRIVATE KEY-----` block (to the END line, or to the end of the string if cut) |
 * | `ipv4`, `ipv6` | addresses, only with `ips: true` |
 * | custom rule name | matches of `rules[].pattern` (cut at a `"`), replaced by `replacement` or `[REDACTED:<name>]` |
 *
 * In fields, values under sensitive keys (see RedactOptions.sensitiveKeys) and under keys ending
 * in a secret word (`db_password`, `csrf_token`) are masked whole; Luhn-valid card numbers stored
 * as numbers are masked too; other strings go through the text rules.
 */
export { RedactRuleError } from './errors.js';
export {
  createRedactor,
  DEFAULT_SENSITIVE_KEYS,
  type RedactionKind,
  type RedactOptions,
  type Redactor,
  type RedactRule,
} from './redactor.js';
