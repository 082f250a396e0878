import type { BatchSource, LogBatch, RawEvent } from '../types.js';
import { batchIdOf } from './batchId.js';
import { DecodeError, describeType } from './errors.js';
import { parseIsoPrefix, parseIsoTimestamp } from './isoTimestamp.js';
import { positiveLimit } from './options.js';

/** 256 KiB, CloudWatch Logs' own limit for one event: the default for {@link DecodeLinesOptions.maxLineBytes}. */
export const DEFAULT_MAX_LINE_BYTES = 256 * 1024;

export interface DecodeLinesOptions {
  /** Log group the lines belong to (HTTP `?group=`, CLI `--group`). */
  group: string;
  /** Log stream the lines belong to. */
  stream: string;
  /**
   * - `text`: every non-empty line is one event, its message the line itself.
   * - `ndjson`: every non-empty line must be a JSON object; a line that is not is reported in `failures`.
   * - `auto`: a line that starts with `{` and parses as JSON is read as NDJSON, anything else as text;
   *   nothing is ever a failure.
   * The default value is `auto`.
   */
  format?: 'auto' | 'ndjson' | 'text';
  /** Epoch milliseconds given to lines that carry no recognizable timestamp (callers pass the clock). */
  now: number;
  /** Prefix of the event ids and the batch id. The default value is a hash of the whole text. */
  batchId?: string;
  /**
   * Longest message kept, in UTF-8 bytes; longer messages are truncated (at a character boundary),
   * not dropped, and counted in `truncated`. The default value is 262144 (256 KiB).
   */
  maxLineBytes?: number;
}

export interface LineFailure {
  /** One-based line number in the text. */
  line: number;
  error: DecodeError;
}

export interface DecodeLinesResult {
  /** `source` is `ndjson` when a line was read as JSON, `text` otherwise. */
  batch: LogBatch;
  /** Lines rejected in `ndjson` mode (never in `text` or `auto` mode). */
  failures: LineFailure[];
  /** One-based line number of each event in `batch.events`, in the same order. */
  lineNumbers: number[];
  /** How many messages were cut to `maxLineBytes`. */
  truncated: number;
}

const CARRIAGE_RETURN = 13;
const SPACE = 32;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const BYTE_ORDER_MARK = 0xfeff;
const MAX_TIME_MS = 8.64e15;
const NUMERIC = /^\d{1,20}(?:\.\d+)?$/;

/**
 * Turns plain-text or NDJSON log lines (HTTP ingest, a file, stdin) into a {@link LogBatch}.
 *
 * Lines are split on `\n`; a trailing `\r` is stripped and blank lines are skipped. Event ids are
 * `${batchId}:${lineIndex}` with the zero-based line index, so the same text always yields the same ids
 * (an NDJSON object with a non-empty string `id` keeps its own). Timestamps:
 * - text: the ISO-8601 date-time the line starts with (`2026-11-26T10:15:30.123Z ...`, as Lambda
 *   runtimes write), else the time of the previous line that had one, else `now`;
 * - ndjson: the first usable of `timestamp`, `time`, `ts`, `@timestamp`: a number is epoch seconds when
 *   below 1e11, milliseconds below 1e14, microseconds below 1e17, nanoseconds above; a string is an ISO
 *   date-time or such a number; else as for text.
 * The message of an NDJSON line is the line itself (an application's JSON log is analyzed whole, as
 * CloudWatch delivers it), except for a shipper envelope (`{"log":"...","stream":"stdout"}`, no
 * level or message key), whose `log` string is the message.
 *
 * Throws a {@link DecodeError} (stage `shape`) only when `text` is not a string or `opts` lacks
 * `group`, `stream` or a finite `now`.
 *
 * @example
 * const { batch, failures } = decodeLines('{"level":"error","msg":"boom"}\nplain line\n', {
 *   group: '/aws/lambda/test-app', stream: 'local', now: Date.now(),
 * });
 * // batch.events[0].message === 'boom', batch.events[1].message === 'plain line'
 */
export function decodeLines(text: string, opts: DecodeLinesOptions): DecodeLinesResult {
  if (typeof text !== 'string') {
    throw new DecodeError('shape', 'text', `must be a string, got ${describeType(text)}`);
  }
  if (typeof opts?.group !== 'string' || typeof opts.stream !== 'string') {
    throw new DecodeError('shape', 'opts', 'must give group and stream as strings');
  }
  if (typeof opts.now !== 'number' || !Number.isFinite(opts.now)) {
    throw new DecodeError(
      'shape',
      'opts.now',
      `must be a finite number of epoch milliseconds, got ${describeType(opts.now)}`,
    );
  }
  try {
    return splitLines(text, opts);
  } catch (error) {
    if (error instanceof DecodeError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DecodeError('shape', 'text', `could not be decoded: ${reason}`, { cause: error });
  }
}

function splitLines(text: string, opts: DecodeLinesOptions): DecodeLinesResult {
  const format = opts.format ?? 'auto';
  // A line without a time of its own (a stack frame, a Lambda START line) inherits the time of the
  // line before it: it belongs to the same moment, and lands in the same metric window.
  let now = opts.now;
  const batchId = opts.batchId ?? batchIdOf(text);
  const maxBytes = positiveLimit(opts.maxLineBytes, DEFAULT_MAX_LINE_BYTES);
  const events: RawEvent[] = [];
  const failures: LineFailure[] = [];
  const lineNumbers: number[] = [];
  let truncated = 0;
  let sawJson = false;

  const length = text.length;
  let start = length > 0 && text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0;
  for (let lineIndex = 0; start < length; lineIndex++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = length;
    let stop = end;
    if (stop > start && text.charCodeAt(stop - 1) === CARRIAGE_RETURN) stop--;
    const lineStart = start;
    start = end + 1;
    if (stop === lineStart) continue;
    const first = text.charCodeAt(lineStart);
    if (first <= SPACE && isBlank(text, lineStart, stop)) continue;
    const line = text.slice(lineStart, stop);

    let parsed: unknown;
    if (format === 'ndjson') {
      parsed = parseJsonLine(line);
      if (parsed === INVALID) {
        failures.push({ line: lineIndex + 1, error: invalidJson(lineIndex + 1) });
        continue;
      }
      if (!isJsonObject(parsed)) {
        const error = new DecodeError(
          'shape',
          `line ${lineIndex + 1}`,
          `must be a JSON object, got ${describeType(parsed)}`,
        );
        failures.push({ line: lineIndex + 1, error });
        continue;
      }
    } else if (
      format === 'auto' &&
      first === OPEN_BRACE &&
      lastNonBlank(text, lineStart, stop) === CLOSE_BRACE
    ) {
      parsed = parseJsonLine(line);
    }

    let event: RawEvent;
    if (isJsonObject(parsed)) {
      sawJson = true;
      const id = parsed.id;
      event = {
        id: typeof id === 'string' && id.length > 0 ? id : `${batchId}:${lineIndex}`,
        timestamp: timestampOf(parsed) ?? now,
        message: envelopeLog(parsed) ?? line,
      };
    } else {
      event = { id: `${batchId}:${lineIndex}`, timestamp: parseIsoPrefix(line) ?? now, message: line };
    }
    now = event.timestamp;
    // A UTF-16 unit is at most 3 UTF-8 bytes, so most lines skip the byte count entirely.
    if (event.message.length * 3 > maxBytes) {
      const cut = truncateUtf8(event.message, maxBytes);
      if (cut.length !== event.message.length) {
        event.message = cut;
        truncated++;
      }
    }
    events.push(event);
    lineNumbers.push(lineIndex + 1);
  }

  const source: BatchSource = format === 'ndjson' || (format === 'auto' && sawJson) ? 'ndjson' : 'text';
  return {
    batch: { id: batchId, source, group: opts.group, stream: opts.stream, events },
    failures,
    lineNumbers,
    truncated,
  };
}

const INVALID: unique symbol = Symbol('invalid JSON');
let lastJsonError = '';

/** JSON.parse without exceptions as control flow at the call site; the reason waits in lastJsonError. */
function parseJsonLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    lastJsonError = error instanceof Error ? error.message : String(error);
    return INVALID;
  }
}

function invalidJson(lineNumber: number): DecodeError {
  return new DecodeError('json', `line ${lineNumber}`, `is not valid JSON: ${lastJsonError}`);
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys that make a JSON object an application log rather than a shipper's envelope around one. */
const LOG_KEYS = ['level', 'severity', 'lvl', 'levelname', 'loglevel', 'msg', 'message'];

/**
 * The wrapped line of a shipper envelope (Docker's json-file, Fluent Bit, Kubernetes:
 * `{"log":"...","stream":"stdout","time":"..."}`), else undefined: an application's own JSON log
 * stays whole, as CloudWatch delivers it, so its level and fields reach the analysis.
 */
function envelopeLog(object: Record<string, unknown>): string | undefined {
  const { log } = object;
  if (typeof log !== 'string') return undefined;
  for (const key of LOG_KEYS) if (key in object) return undefined;
  return log.endsWith('\n') ? log.slice(0, -1) : log;
}

function timestampOf(object: Record<string, unknown>): number | undefined {
  return (
    toEpochMillis(object.timestamp) ??
    toEpochMillis(object.time) ??
    toEpochMillis(object.ts) ??
    toEpochMillis(object['@timestamp'])
  );
}

function toEpochMillis(value: unknown): number | undefined {
  if (typeof value === 'number') return fromNumber(value);
  if (typeof value !== 'string') return undefined;
  return parseIsoTimestamp(value) ?? (NUMERIC.test(value) ? fromNumber(Number(value)) : undefined);
}

/** Guesses the unit from the magnitude: today is about 1.8e9 s, 1.8e12 ms, 1.8e15 us, 1.8e18 ns. */
function fromNumber(value: number): number | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  let millis: number;
  if (value < 1e11) millis = value * 1000;
  else if (value < 1e14) millis = value;
  else if (value < 1e17) millis = value / 1e3;
  else millis = value / 1e6;
  millis = Math.round(millis);
  return millis <= MAX_TIME_MS ? millis : undefined;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) > SPACE) return false;
  return true;
}

function lastNonBlank(text: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) {
    const code = text.charCodeAt(i);
    if (code > SPACE) return code;
  }
  return -1;
}

const encoder = new TextEncoder();
const MAX_KEPT_SCRATCH = 1024 * 1024;
let scratch = new Uint8Array(0);

/** The longest prefix of `text` that fits in `maxBytes` of UTF-8 without splitting a character. */
function truncateUtf8(text: string, maxBytes: number): string {
  let target = scratch;
  if (target.length !== maxBytes) {
    target = new Uint8Array(maxBytes);
    // Reused across calls for ordinary limits; a huge custom limit is not kept alive.
    if (maxBytes <= MAX_KEPT_SCRATCH) scratch = target;
  }
  const { read } = encoder.encodeInto(text, target);
  return read === text.length ? text : text.slice(0, read);
}
