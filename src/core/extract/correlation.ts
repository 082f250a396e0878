/**
 * The id that ties events of different log groups together.
 */
import type { Fields } from '../types.js';

/**
 * The request or trace id of an event: `request_id`, then `trace_id`, then an explicit
 * `correlation_id`/`correlationId` field. Plain `uuid` fields are not used: a UUID in a message
 * is as often an order or user id as a request id.
 *
 * @example correlationIdOf({ request_id: 'c0ffee00-0000-4000-8000-000000000001' }) // 'c0ffee00-...'
 */
export function correlationIdOf(fields: Fields): string | undefined {
  // The first non-empty string or number wins; named reads, as this runs for every event.
  return (
    idOf(fields.request_id) ??
    idOf(fields.trace_id) ??
    idOf(fields.correlation_id) ??
    idOf(fields.correlationId)
  );
}

function idOf(v: Fields[string] | undefined): string | undefined {
  if (typeof v === 'string') return v !== '' ? v : undefined;
  return typeof v === 'number' ? String(v) : undefined;
}
