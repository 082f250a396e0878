/**
 * SNS subjects: ASCII printable only, no line breaks, at most 100 characters (SNS rejects anything
 * else with InvalidParameter, so a long group name must not cost the alert).
 */
import type { Severity } from '../../../core/types.js';

export const MAX_SUBJECT_CHARS = 100;
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/g;
const SPACES = /\s+/g;

function ascii(text: string): string {
  return text.replace(SPACES, ' ').replace(NOT_PRINTABLE_ASCII, '?').trim();
}

/**
 * `<prefix> <SEVERITY> <group>: <headline>`, cut to 100 characters: the headline first (to 40),
 * then the group loses its beginning (the function name is at the end of `/aws/lambda/<name>`).
 *
 * @example
 * snsSubject('[logsift]', 'CRITICAL', '/aws/lambda/test-app', '1 event CRITICAL')
 * // '[logsift] CRITICAL /aws/lambda/test-app: 1 event CRITICAL'
 */
export function snsSubject(prefix: string, severity: Severity, group: string, headline: string): string {
  const head = ascii(prefix ? `${prefix} ${severity}` : severity);
  let what = ascii(headline);
  let where = ascii(group);
  const length = () => head.length + 1 + where.length + 2 + what.length;
  if (length() > MAX_SUBJECT_CHARS && what.length > 40) what = `${what.slice(0, 37)}...`;
  if (length() > MAX_SUBJECT_CHARS) {
    const room = Math.max(0, MAX_SUBJECT_CHARS - (head.length + 1 + 2 + what.length) - 3);
    where = `...${where.slice(where.length - room)}`;
  }
  return `${head} ${where}: ${what}`.slice(0, MAX_SUBJECT_CHARS);
}
