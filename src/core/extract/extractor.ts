/**
 * The extract stage: structured fields first (JSON or logfmt), then fields derived from
 * well-known keys, then the text scanners for whatever is still missing.
 */
import {
  ALL,
  DURATION,
  EQ,
  FIELD_WORD,
  IPV4,
  IPV6,
  REQUEST_LINE,
  TRACEPARENT,
  UUID,
} from '../gates/lineGates.js';
import type { Fields } from '../types.js';
import { parseAlbLine } from './alb.js';
import { findDuration } from './duration.js';
import { ExtractOptionsError } from './errors.js';
import { scanRequestLine, scanStatus } from './http.js';
import { findRequestId, findTraceId, findTraceparent, findUuid } from './ids.js';
import { findIps } from './ip.js';
import { flattenJson, parseJsonMessage } from './json.js';
import { parseReport, runtimePrefix } from './lambda.js';
import { type LogfmtLimits, parseLogfmt } from './logfmt.js';
import { deriveFromStructured } from './structuredFields.js';
import { cutValue } from './valueLimit.js';

export interface ExtractOptions {
  /** Max fields kept from a JSON message after flattening. Default 64. */
  maxJsonFields?: number;
  /** Max nesting depth flattened (deeper objects are kept as a JSON string). Default 4. */
  maxJsonDepth?: number;
  /** Max logfmt pairs. Default 32. */
  maxLogfmtPairs?: number;
  /** Max length of one string field value (longer values are cut, with a `…`). Default 1024. */
  maxValueLength?: number;
}

/**
 * Extracts fields from one message. `json` is the message already parsed by
 * {@link parseJsonMessage} (pass it to avoid a second parse); when omitted the extractor parses
 * the message itself if it looks like a JSON object.
 */
export type Extractor = (message: string, json?: Record<string, unknown>) => Fields;

/** At most this many addresses are looked for per line (`ips`). */
const MAX_IPS = 8;
/**
 * One regex run tells whether any keyword-led scanner (status, request id, trace id) can match:
 * most lines have none, and one case-insensitive pass is cheaper than a dozen indexOf calls.
 */
export const KEYWORDS = /status|http[ _]|req|trace|root=1-/i;

function limit(options: ExtractOptions, key: keyof ExtractOptions, fallback: number, min: number): number {
  const v = options[key];
  if (v === undefined) return fallback;
  if (!Number.isInteger(v) || v < min) {
    throw new ExtractOptionsError(`extract.${key} must be an integer >= ${min}, got ${String(v)}`);
  }
  return v;
}

/**
 * A whole batch at once: `fields[i]` is what the single-message extractor gives for `messages[i]`.
 * `gates` are the messages' {@link lineGates} when the caller has them: scanners whose gate is clear
 * are skipped (the same result, as each gate is a superset of its scanner's first check).
 */
export type BatchExtractor = (
  messages: readonly string[],
  parsed: readonly (Record<string, unknown> | undefined)[],
  gates?: Uint16Array,
) => Fields[];

interface Limits {
  json: { maxFields: number; maxDepth: number; maxValueLength: number };
  logfmt: LogfmtLimits;
  maxValueLength: number;
}

function limits(options: ExtractOptions): Limits {
  const json = {
    maxFields: limit(options, 'maxJsonFields', 64, 1),
    maxDepth: limit(options, 'maxJsonDepth', 4, 1),
    maxValueLength: limit(options, 'maxValueLength', 1024, 2),
  };
  const logfmt = { maxPairs: limit(options, 'maxLogfmtPairs', 32, 1), maxValueLength: json.maxValueLength };
  return { json, logfmt, maxValueLength: json.maxValueLength };
}

/**
 * Builds an extractor with fixed limits.
 *
 * @example
 * const extract = createExtractor({ maxJsonFields: 32 });
 * extract('10.0.0.7 - - [01/May/2024:12:00:00 +0000] "GET /api?id=3 HTTP/1.1" 503 12 0.041s');
 * // { ip: '10.0.0.7', 'http.method': 'GET', 'http.path': '/api', 'http.query': 'id=3',
 * //   'http.protocol': 'HTTP/1.1', 'http.status': 503, duration_ms: 41 }
 * @throws ExtractOptionsError when a limit is not a positive integer (maxValueLength >= 2).
 */
export function createExtractor(options: ExtractOptions = {}): Extractor {
  // A batch of one: one implementation, so the two cannot drift apart.
  const batch = createBatchExtractor(options);
  return (message, parsed) => batch([message], [parsed])[0]!;
}

/**
 * Builds a batch extractor with the same limits and the same results as {@link createExtractor},
 * faster on many messages: it runs each text scanner over the whole batch before the next one, so
 * the scanner's code and regex stay hot (interleaving ten scanners line by line costs ~1.5x more
 * on this work, which is all short branchy scans).
 *
 * @example createBatchExtractor()(['GET /a 200 12ms', 'ok'], [undefined, undefined]) // [{...}, {}]
 */
export function createBatchExtractor(options: ExtractOptions = {}): BatchExtractor {
  const l = limits(options);
  return (messages, parsed, lineGates) => {
    const n = messages.length;
    const all = new Array<Fields>(n);
    const gates = lineGates ?? new Uint16Array(n).fill(ALL);
    // Lines whose text is still to be scanned, and whether each holds a keyword.
    const open: number[] = [];
    for (let i = 0; i < n; i++) {
      const fields: Fields = {};
      all[i] = fields;
      if (!structuredFields(messages[i]!, parsed[i], fields, l, gates[i]!)) open.push(i);
    }
    const keywords = new Uint8Array(n);
    for (const i of open) keywords[i] = (gates[i]! & FIELD_WORD) !== 0 && KEYWORDS.test(messages[i]!) ? 1 : 0;
    // One loop per step, written out: a shared loop calling each step in turn would be a
    // megamorphic call site the compiler cannot inline.
    // The order of the steps is the order of precedence: each fills only what is still missing.
    const max = l.maxValueLength;
    for (const i of open) ipStep(messages[i]!, all[i]!, max, gates[i]!);
    for (const i of open) requestLineStep(messages[i]!, all[i]!, max, gates[i]!);
    for (const i of open) statusStep(messages[i]!, all[i]!, keywords[i] === 1);
    for (const i of open) durationStep(messages[i]!, all[i]!, gates[i]!);
    for (const i of open) traceStep(messages[i]!, all[i]!, keywords[i] === 1, max, gates[i]!);
    for (const i of open) requestIdStep(messages[i]!, all[i]!, keywords[i] === 1, max, gates[i]!);
    return all;
  };
}

/**
 * Fills the fields of structured sources (JSON, a REPORT line, a runtime prefix, logfmt, ALB) and
 * those derived from them; true when the line is fully parsed (a REPORT line) and needs no text scan.
 */
function structuredFields(
  message: string,
  parsed: Record<string, unknown> | undefined,
  fields: Fields,
  l: Limits,
  gates: number,
): boolean {
  let structured = false;
  let body = parsed ?? parseJsonMessage(message);
  if (body !== undefined) {
    structured = flattenJson(body, fields, l.json) > 0;
  } else if (parseReport(message, fields, l.maxValueLength)) {
    // A REPORT line is fully parsed: nothing else in it to scan for.
    return true;
  } else {
    // A runtime prefix holds a request id UUID.
    const runtime = (gates & UUID) === 0 ? undefined : runtimePrefix(message);
    if (runtime !== undefined) {
      fields.request_id = cutValue(runtime.requestId, l.maxValueLength);
      // Node's runtime prints objects as JSON after the prefix; Powertools and structlog do too.
      if (message.charCodeAt(runtime.bodyStart) === 123)
        body = parseJsonMessage(message.slice(runtime.bodyStart));
      if (body !== undefined) structured = flattenJson(body, fields, l.json) > 0;
    }
    if (body === undefined && (gates & EQ) !== 0 && message.indexOf('=') >= 0)
      structured = parseLogfmt(message, fields, l.logfmt) > 0;
    if (!structured) parseAlbLine(message, fields);
  }
  if (structured) deriveFromStructured(fields, l.maxValueLength);
  return false;
}

function ipStep(s: string, fields: Fields, maxValueLength: number, gates: number): void {
  // Each step tests its gate before its field: a field read here is megamorphic (every line's
  // fields have their own shape), a gate test is one bit.
  if ((gates & (IPV4 | IPV6)) === 0 || fields.ip !== undefined) return;
  const spans = findIps(s, MAX_IPS, true, gates);
  if (spans.length === 0) return;
  const first = spans[0]!;
  fields.ip = cutValue(s.slice(first.start, first.end), maxValueLength);
  if (spans.length > 1 && fields.ips === undefined) {
    const distinct = [...new Set(spans.map((sp) => s.slice(sp.start, sp.end)))];
    if (distinct.length > 1) fields.ips = cutValue(distinct.join(','), maxValueLength);
  }
}

function requestLineStep(s: string, fields: Fields, maxValueLength: number, gates: number): void {
  if ((gates & REQUEST_LINE) !== 0 && fields['http.method'] === undefined)
    scanRequestLine(s, fields, maxValueLength);
}

function statusStep(s: string, fields: Fields, keywords: boolean): void {
  if (keywords && fields['http.status'] === undefined) scanStatus(s, fields);
}

function durationStep(s: string, fields: Fields, gates: number): void {
  if ((gates & DURATION) === 0 || fields.duration_ms !== undefined) return;
  const ms = findDuration(s);
  if (ms !== undefined) fields.duration_ms = ms;
}

function traceStep(
  s: string,
  fields: Fields,
  keywords: boolean,
  maxValueLength: number,
  gates: number,
): void {
  if ((!keywords && (gates & TRACEPARENT) === 0) || fields.trace_id !== undefined) return;
  const trace = keywords ? findTraceId(s) : findTraceparent(s);
  if (trace !== undefined) fields.trace_id = cutValue(trace, maxValueLength);
}

function requestIdStep(
  s: string,
  fields: Fields,
  keywords: boolean,
  maxValueLength: number,
  gates: number,
): void {
  // Without keywords only a UUID can be found.
  if ((!keywords && (gates & UUID) === 0) || fields.request_id !== undefined) return;
  const id = keywords ? findRequestId(s) : undefined;
  if (id !== undefined) fields.request_id = cutValue(id, maxValueLength);
  else if (fields.uuid === undefined && (gates & UUID) !== 0) {
    const uuid = findUuid(s);
    if (uuid !== undefined && uuid !== fields.trace_id) fields.uuid = cutValue(uuid, maxValueLength);
  }
}
