/**
 * User rules, tried before anything else: a regex over the message or over one field of a JSON
 * event, first match wins.
 */
import { isSeverity, type Severity } from '../types.js';
import { ClassifierConfigError } from './errors.js';
import type { Why } from './reason.js';

/** A custom classification rule. */
export interface ClassifyRule {
  /** Regex source, e.g. `'\\bquota exceeded\\b'`. */
  pattern: string;
  /** Regex flags (`i`, `u`, `s`, `m`); `g` and `y` are ignored because they make a regex stateful. */
  flags?: string;
  severity: Severity;
  /**
   * What the pattern is tested against. The default 'message' is the raw message; any other name is
   * a field of the JSON event (a dotted name such as `error.type` walks nested objects first by the
   * literal key, then by path). A rule whose field is absent does not match.
   */
  field?: string;
}

interface CompiledRule {
  regex: RegExp;
  severity: Severity;
  field: string | undefined;
  path: string[] | undefined;
}

export type RuleMatcher = (
  message: string,
  json: Record<string, unknown> | undefined,
  why: Why | null,
) => Severity | undefined;

function fieldText(json: Record<string, unknown>, rule: CompiledRule): string | undefined {
  let value: unknown = json[rule.field as string];
  if (value === undefined && rule.path) {
    value = json;
    for (const part of rule.path) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[part];
    }
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Compiles rules once; throws ClassifierConfigError for a bad pattern or severity.
 *
 * @example compileRules([{ pattern: 'quota exceeded', flags: 'i', severity: 'CRITICAL' }])
 */
export function compileRules(rules: readonly ClassifyRule[]): RuleMatcher | undefined {
  if (rules.length === 0) return undefined;
  const compiled: CompiledRule[] = rules.map((rule, index) => {
    if (!isSeverity(rule.severity)) {
      throw new ClassifierConfigError(
        `rules[${index}].severity: ${JSON.stringify(rule.severity)} is not a severity`,
      );
    }
    let regex: RegExp;
    try {
      regex = new RegExp(rule.pattern, (rule.flags ?? '').replace(/[gy]/g, ''));
    } catch (cause) {
      throw new ClassifierConfigError(`rules[${index}].pattern: ${(cause as Error).message}`, { cause });
    }
    const field = rule.field === undefined || rule.field === 'message' ? undefined : rule.field;
    const path = field?.includes('.') ? field.split('.') : undefined;
    return { regex, severity: rule.severity, field, path };
  });
  return (message, json, why) => {
    for (let i = 0; i < compiled.length; i++) {
      const rule = compiled[i]!;
      let text: string | undefined = message;
      if (rule.field !== undefined) text = json ? fieldText(json, rule) : undefined;
      if (text !== undefined && rule.regex.test(text)) {
        if (why) why.reason = `rule:${i}`;
        return rule.severity;
      }
    }
    return undefined;
  };
}
