/**
 * Query parameters of the API routes: one zod schema per route, and one parser that turns any
 * problem into a 400 naming the parameter, what it must be and what it got.
 */
import * as z from 'zod';
import { parseIsoTimestamp } from '../core/decode/isoTimestamp.js';
import { isSeverity, SEVERITIES, type Severity } from '../core/types.js';
import { BadRequestError } from './errors.js';

const MAX_TIME_MS = 8.64e15;
const EPOCH_MS = /^\d{1,16}$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const CURSOR = /^[A-Za-z0-9_\-+/=.:]{1,2048}$/;
const BATCH_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** `"abc"` (cut short), for messages that show the offending value. */
function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
}

/**
 * Epoch milliseconds of `value`: digits are epoch ms, anything else must be an ISO 8601 date-time
 * (`2026-11-26T12:00:00Z`, `2026-11-26T12:00:00.250+01:00`; no zone means UTC) or a date
 * (`2026-11-26`, midnight UTC).
 *
 * @example
 * parseTime('1795694400000'); // 1795694400000
 * parseTime('2026-11-26T12:00:00Z'); // 1795694400000
 */
export function parseTime(value: string): number | undefined {
  if (EPOCH_MS.test(value)) {
    const ms = Number(value);
    return ms <= MAX_TIME_MS ? ms : undefined;
  }
  return parseIsoTimestamp(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
}

const time = z.string().transform((value, ctx) => {
  const ms = parseTime(value);
  if (ms === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `must be epoch milliseconds or an ISO 8601 date-time (2026-11-26T12:00:00Z), got ${shown(value)}`,
    });
    return z.NEVER;
  }
  return ms;
});

const severity = z.string().transform((value, ctx): Severity => {
  const upper = value.toUpperCase();
  if (!isSeverity(upper)) {
    ctx.addIssue({ code: 'custom', message: `must be one of ${SEVERITIES.join(', ')}, got ${shown(value)}` });
    return z.NEVER;
  }
  return upper;
});

const limit = z.string().transform((value, ctx) => {
  const n = /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= 1000)) {
    ctx.addIssue({ code: 'custom', message: `must be an integer from 1 to 1000, got ${shown(value)}` });
    return z.NEVER;
  }
  return n;
});

/** A free-text value: non-empty and of bounded length. */
const text = (max: number) =>
  z.string().refine((v) => v.length >= 1 && v.length <= max, {
    error: `must be 1 to ${max} characters`,
  });

const cursor = z.string().refine((v) => CURSOR.test(v), {
  error: 'must be the nextCursor of a previous page, unchanged',
});

/** A client's batch id (`X-Logsift-Batch-Id` or `batch=`): what makes its retries idempotent. */
export const batchIdParam = z.string().refine((v) => BATCH_ID.test(v), {
  error: 'must be 1 to 128 characters of A-Z a-z 0-9 _ . : -',
});

const range = { from: time.optional(), to: time.optional() };

export const eventsQuery = z.strictObject({
  group: text(512).optional(),
  severity: severity.optional(),
  ...range,
  q: text(1000).optional(),
  limit: limit.optional(),
  cursor: cursor.optional(),
  correlationId: text(512).optional(),
  patternId: text(128).optional(),
});

export const metricsQuery = z.strictObject({ group: text(512).optional(), ...range });

export const alertsQuery = z.strictObject({
  group: text(512).optional(),
  rule: text(128).optional(),
  ...range,
  limit: limit.optional(),
});

export const patternsQuery = z.strictObject({ group: text(512).optional(), ...range });

export const groupsQuery = z.strictObject({ ...range });

export const tailQuery = z.strictObject({ group: text(512).optional(), severity: severity.optional() });

export const ingestQuery = z.strictObject({
  group: text(512).optional(),
  stream: text(512).optional(),
  batch: batchIdParam.optional(),
  format: z.enum(['auto', 'text', 'ndjson'], { error: 'must be one of auto, text, ndjson' }).optional(),
});

/**
 * Validates a query string against `schema`. Throws a {@link BadRequestError} naming the first
 * parameter at fault: unknown, repeated, or of the wrong form; also when `from` is after `to`.
 *
 * @example
 * const q = parseQuery(new URL(req.url).searchParams, eventsQuery); // q.limit is a number
 */
export function parseQuery<S extends z.ZodType<object, Record<string, string>>>(
  params: URLSearchParams,
  schema: S,
): z.output<S> {
  const single: Record<string, string> = {};
  for (const [name, value] of params) {
    if (Object.hasOwn(single, name))
      throw new BadRequestError(`query parameter "${name}" is given more than once`);
    single[name] = value;
  }
  const parsed = schema.safeParse(single);
  if (!parsed.success) throw new BadRequestError(describeIssue(parsed.error.issues[0], schema));
  const out = parsed.data as { from?: number; to?: number };
  if (out.from !== undefined && out.to !== undefined && out.from > out.to) {
    throw new BadRequestError(
      `query parameters "from" and "to": from (${new Date(out.from).toISOString()}) is after to (${new Date(out.to).toISOString()})`,
    );
  }
  return parsed.data;
}

function describeIssue(issue: z.core.$ZodIssue | undefined, schema: z.ZodType): string {
  if (!issue) return 'invalid query';
  if (issue.code === 'unrecognized_keys') {
    const known = schema instanceof z.ZodObject ? Object.keys(schema.shape).join(', ') : '';
    const names = issue.keys.map((k) => `"${k}"`).join(', ');
    return `unknown query parameter ${names}${known ? ` (known: ${known})` : ''}`;
  }
  const name = String(issue.path[0] ?? '?');
  return `query parameter "${name}": ${issue.message}`;
}
