/**
 * The id that ties events of different log groups together.
 */
import type { Fields } from '../types.js';

/** Looked up in this order; the first non-empty string or number wins. */
const CORRELATION_KEYS = ['request_id', 'trace_id', 'correlation_id', 'correlationId'] as const;

/**
 * The request or trace id of an event: `request_id`, then `trace_id`, then an explicit
 * `correlation_id`/`correlationId` field. Plain `uuid` fields are not used: a UUID in a message
 * is as often an order or user id as a request id.
 *
 * @example correlationIdOf({ request_id: 'c0ffee00-0000-4000-8000-000000000001' }) // 'c0ffee00-...'
 */
export function correlationIdOf(fields: Fields): string | undefined {
  for (const key of CORRELATION_KEYS) {
    const v = fields[key];
    if (typeof v === 'string' ? v !== '' : typeof v === 'number') return String(v);
  }
  return undefined;
}
