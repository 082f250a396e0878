/**
 * Levels in structured (JSON) log events: the level field of every common logger (pino, bunyan,
 * winston, Powertools, Lambda's JSON log format, structlog, Serilog CLEF, ECS, OpenTelemetry,
 * GELF/syslog numbers), Lambda's JSON platform records and API Gateway-style access records.
 */
import type { Severity } from '../types.js';
import { type HttpSeverities, statusSeverity } from './http.js';
import { lambdaStatusSeverity } from './lambda.js';
import { lookupLevel, otelSeverity, pinoSeverity, syslogSeverity } from './levels.js';
import type { Why } from './reason.js';

type Json = Record<string, unknown>;

/** Keys holding a level name or number, in the order they are tried. */
const LEVEL_KEYS = [
  'level',
  'severity',
  'lvl',
  'levelname',
  'loglevel',
  'log_level',
  'log.level',
  '@l',
  'severityText',
  'severity_text',
  'syslog.severity',
  'Level',
  'Severity',
  'LEVEL',
  'SEVERITY',
  'levelName',
  'logLevel',
  'LogLevel',
  'SeverityText',
  '@level',
];
/** Objects whose `level` / `severity` key is the level (ECS `log.level`, `syslog.severity`). */
const NESTED_KEYS = ['log', 'syslog'];
const OTEL_NUMBER_KEYS = ['severityNumber', 'severity_number', 'SeverityNumber'];
/** Keys holding the message text, classified as a text line when the object names no level. */
export const MESSAGE_KEYS = [
  'message',
  'msg',
  'Message',
  '@m',
  'log',
  'MESSAGE',
  'textPayload',
  '@mt',
  'text',
];
const STATUS_KEYS = ['status', 'statusCode', 'status_code', 'httpStatus', 'http_status'];
const METHOD_KEYS = ['httpMethod', 'method', 'http_method', 'requestMethod', 'routeKey', 'request'];
const ERROR_KEYS = ['error', 'err', 'exception', 'exc_info', 'stack', 'stack_trace', 'stackTrace'];
const EMPTY_ERROR = new Set(['', 'none', 'null', 'nil', 'false', '0', 'ok']);

/** A level value: a name in any case (padded or not), a pino/bunyan number, or a syslog number 0..7. */
export function valueSeverity(value: unknown): Severity | undefined {
  if (typeof value === 'string') {
    let a = 0;
    let b = value.length;
    while (a < b && value.charCodeAt(a) === 32) a++;
    while (b > a && value.charCodeAt(b - 1) === 32) b--;
    const named = lookupLevel(value, a, b);
    if (named) return named.severity;
    if (b - a > 0 && b - a <= 2) return numberSeverity(Number(value));
    return undefined;
  }
  if (typeof value === 'number') return numberSeverity(value);
  return undefined;
}

function numberSeverity(n: number): Severity | undefined {
  if (!Number.isInteger(n) || n < 0) return undefined;
  // 0..7 is syslog (GELF, journald PRIORITY); pino and bunyan start at 10.
  if (n <= 7) return syslogSeverity(n);
  if (n >= 10 && n <= 100) return pinoSeverity(n);
  return undefined;
}

function levelField(json: Json, why: Why | null): Severity | undefined {
  for (const key of LEVEL_KEYS) {
    const value = json[key];
    if (value === undefined) continue;
    const severity = valueSeverity(value);
    if (severity !== undefined) {
      if (why) why.reason = `json:${key}`;
      return severity;
    }
  }
  for (const key of NESTED_KEYS) {
    const inner = json[key];
    if (inner === null || typeof inner !== 'object') continue;
    const nested = inner as Json;
    const severity = valueSeverity(nested.level) ?? valueSeverity(nested.severity);
    if (severity !== undefined) {
      if (why) why.reason = `json:${key}.${valueSeverity(nested.level) !== undefined ? 'level' : 'severity'}`;
      return severity;
    }
  }
  for (const key of OTEL_NUMBER_KEYS) {
    const value = json[key];
    if (typeof value === 'number' && value >= 1 && value <= 24) {
      if (why) why.reason = `json:${key}`;
      return otelSeverity(value);
    }
  }
  // Serilog CLEF leaves `@l` out for Information.
  if (json['@t'] !== undefined && (json['@mt'] !== undefined || json['@m'] !== undefined)) {
    if (why) why.reason = 'json:@l-default';
    return 'INFO';
  }
  return undefined;
}

/** Lambda JSON log format platform records: `{"type":"platform.report","record":{"status":"timeout"}}`. */
function platformRecord(json: Json, why: Why | null): Severity | undefined {
  const type = json.type;
  if (typeof type !== 'string' || !type.startsWith('platform.')) return undefined;
  const record = json.record;
  let status = 'success';
  let errorType = '';
  if (record !== null && typeof record === 'object') {
    const r = record as Json;
    if (typeof r.status === 'string') status = r.status;
    if (typeof r.errorType === 'string') errorType = r.errorType;
  }
  if (why) why.reason = `lambda:${type}${status === 'success' ? '' : `:${status}`}`;
  return lambdaStatusSeverity(status, errorType);
}

/** API Gateway / load balancer access records: a status next to a method or request. */
function accessRecord(json: Json, map: HttpSeverities, why: Why | null): Severity | undefined {
  let status: unknown;
  for (const key of STATUS_KEYS) {
    status = json[key];
    if (status !== undefined) break;
  }
  if (status === undefined) return undefined;
  const code = typeof status === 'number' ? status : typeof status === 'string' ? Number(status) : Number.NaN;
  if (!Number.isInteger(code)) return undefined;
  if (!METHOD_KEYS.some((key) => typeof json[key] === 'string')) return undefined;
  const severity = statusSeverity(code, map);
  if (severity !== undefined && why) why.reason = `http:${code}`;
  return severity;
}

/** An error object or message attached to an event that names no level. */
function errorField(json: Json, why: Why | null): Severity | undefined {
  for (const key of ERROR_KEYS) {
    const value = json[key];
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'string' && EMPTY_ERROR.has(value.trim().toLowerCase())) continue;
    if (typeof value === 'object' && Object.keys(value).length === 0) continue;
    if (typeof value === 'number') continue;
    if (why) why.reason = `json:${key}`;
    return 'ERROR';
  }
  return undefined;
}

/**
 * The severity a JSON event states about itself, or undefined when it states none (the caller
 * then classifies its message text).
 *
 * @example jsonLevel({ level: 50, msg: 'boom' }, map, null) // 'ERROR'
 */
export function jsonLevel(json: Json, map: HttpSeverities, why: Why | null): Severity | undefined {
  return (
    levelField(json, why) ??
    platformRecord(json, why) ??
    accessRecord(json, map, why) ??
    errorField(json, why)
  );
}

/** The text to classify when a JSON event names no level: its message field, if it has one. */
export function jsonMessage(json: Json): string | undefined {
  for (const key of MESSAGE_KEYS) {
    const value = json[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * Parses `message` as a JSON object when it looks like one (`{ ... }`), else undefined. Malformed
 * JSON is an ordinary text line, so the parse error is deliberately swallowed.
 */
export function parseJsonObject(message: string): Json | undefined {
  let a = 0;
  while (a < message.length && message.charCodeAt(a) <= 32) a++;
  if (message.charCodeAt(a) !== 123) return undefined;
  let b = message.length;
  while (b > a && message.charCodeAt(b - 1) <= 32) b--;
  if (message.charCodeAt(b - 1) !== 125) return undefined;
  try {
    const value: unknown = JSON.parse(message);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}
