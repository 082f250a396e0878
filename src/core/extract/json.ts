/**
 * JSON messages: a cheap parse and a bounded flattening into dotted fields.
 */
import type { Fields } from '../types.js';
import { cutValue } from './valueLimit.js';

/**
 * Parses a message that is one JSON object. Returns undefined unless the text starts with `{`
 * and ends with `}` (blanks aside) and parses to a plain object, so most lines cost two
 * character reads and no exception.
 *
 * @example parseJsonMessage(' {"level":"info"} ') // { level: 'info' }
 */
export function parseJsonMessage(message: string): Record<string, unknown> | undefined {
  let start = 0;
  const n = message.length;
  while (start < n && isBlank(message.charCodeAt(start))) start++;
  if (message.charCodeAt(start) !== 123 /* { */) return undefined;
  let end = n - 1;
  while (end > start && isBlank(message.charCodeAt(end))) end--;
  if (message.charCodeAt(end) !== 125 /* } */) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return undefined;
  }
  return isPlainObject(value) ? value : undefined;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export interface FlattenLimits {
  maxFields: number;
  maxDepth: number;
  maxValueLength: number;
}

/**
 * Copies `obj` into `fields` with dotted keys (`{"user":{"id":7}}` -> `user.id: 7`).
 * - strings (cut to maxValueLength), finite numbers and booleans are kept as they are;
 * - null, undefined, functions, symbols, non-finite numbers and empty objects are omitted;
 * - arrays become their JSON text (cut), so `tags: '["a","b"]'`: one field, whatever the length;
 * - an object at depth maxDepth is kept as its JSON text instead of being flattened further;
 * - at most maxFields fields are written, in key order; the rest are dropped;
 * - `__proto__` keys are skipped (they would change the prototype of the fields object).
 * Returns the number of fields written.
 */
export function flattenJson(obj: Record<string, unknown>, fields: Fields, limits: FlattenLimits): number {
  return flatten(obj, '', 1, fields, limits, 0);
}

function flatten(
  obj: Record<string, unknown>,
  prefix: string,
  depth: number,
  fields: Fields,
  limits: FlattenLimits,
  written: number,
): number {
  let count = written;
  for (const key in obj) {
    if (count >= limits.maxFields) break;
    if (key === '__proto__' || !Object.hasOwn(obj, key)) continue;
    const value = obj[key];
    const name = prefix === '' ? key : `${prefix}.${key}`;
    switch (typeof value) {
      case 'string':
        fields[name] = cutValue(value, limits.maxValueLength);
        count++;
        break;
      case 'number':
        if (Number.isFinite(value)) {
          fields[name] = value;
          count++;
        }
        break;
      case 'boolean':
        fields[name] = value;
        count++;
        break;
      case 'bigint':
        fields[name] = cutValue(value.toString(), limits.maxValueLength);
        count++;
        break;
      case 'object':
        if (value === null) break;
        if (Array.isArray(value) || depth >= limits.maxDepth) {
          const text = jsonText(value, limits.maxValueLength);
          if (text !== undefined) {
            fields[name] = text;
            count++;
          }
        } else {
          count = flatten(value as Record<string, unknown>, name, depth + 1, fields, limits, count);
        }
        break;
      default:
        break;
    }
  }
  return count;
}

/** JSON text of a nested value, cut; undefined when it cannot be serialized (cycles, BigInt). */
function jsonText(value: object, max: number): string | undefined {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : cutValue(text, max);
  } catch {
    return undefined;
  }
}
