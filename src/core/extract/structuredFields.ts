/**
 * Derived fields from well-known structured keys (JSON or logfmt), before any text scanning:
 * pino's `req.method`/`res.statusCode`/`responseTime`, Powertools' `function_request_id`/
 * `xray_trace_id`, API Gateway access logs' `httpMethod`/`resourcePath`/`sourceIp`, Heroku's
 * `fwd`/`service`, OpenTelemetry's `http.request.method`/`url.path`, and so on.
 * For each derived field, the first matching key in the message's key order wins.
 */
import type { Fields } from '../types.js';
import { parseDurationText, roundMs } from './duration.js';
import { setPathAndQuery, statusOf } from './http.js';
import { traceIdOfValue } from './ids.js';
import { findIps } from './ip.js';
import { cutValue } from './valueLimit.js';

type Target = 'method' | 'path' | 'status' | 'ip' | 'protocol' | 'duration' | 'request' | 'trace';

interface Alias {
  target: Target;
  /** For durations: milliseconds per unit of a bare number; 0 means a unit is required (`"45ms"`). */
  msPerUnit?: number;
}

function aliases(target: Target, names: string[], msPerUnit?: number): [string, Alias][] {
  return names.map((n) => [n, msPerUnit === undefined ? { target } : { target, msPerUnit }]);
}

const ALIASES = new Map<string, Alias>([
  ...aliases('method', [
    'method',
    'httpMethod',
    'http_method',
    'requestMethod',
    'request_method',
    'req.method',
    'request.method',
    'http.request.method',
    'httpRequest.requestMethod',
  ]),
  ...aliases('path', [
    'path',
    'url',
    'uri',
    'req.url',
    'req.originalUrl',
    'originalUrl',
    'request.url',
    'request_uri',
    'requestUri',
    'resourcePath',
    'url.path',
    'http.target',
    'http.url',
    'httpRequest.requestUrl',
  ]),
  ...aliases('status', [
    'status',
    'statusCode',
    'status_code',
    'res.statusCode',
    'response.statusCode',
    'response.status',
    'responseStatus',
    'http_status',
    'httpStatus',
    'http.status_code',
    'http.response.status_code',
    'httpRequest.status',
    'elb_status_code',
  ]),
  ...aliases('ip', [
    'client_ip',
    'clientIp',
    'clientIP',
    'remote_addr',
    'remoteAddr',
    'remoteAddress',
    'req.remoteAddress',
    'remote_ip',
    'remoteIp',
    'sourceIp',
    'source_ip',
    'sourceIP',
    'src_ip',
    'client.ip',
    'client.address',
    'source.ip',
    'identity.sourceIp',
    'requestContext.identity.sourceIp',
    'httpRequest.remoteIp',
    'fwd',
    'x_forwarded_for',
    'x-forwarded-for',
    'xForwardedFor',
  ]),
  ...aliases('protocol', ['protocol', 'httpVersion', 'http_version', 'serverProtocol', 'http.flavor']),
  ...aliases(
    'duration',
    [
      'duration_ms',
      'durationMs',
      'latency_ms',
      'latencyMs',
      'elapsed_ms',
      'elapsedMs',
      'took_ms',
      'time_ms',
      'timeMs',
      'response_time_ms',
      'responseTimeMs',
      'request_duration_ms',
      // pino-http and Elasticsearch write milliseconds under these names.
      'responseTime',
      'took',
    ],
    1,
  ),
  ...aliases(
    'duration',
    [
      'duration_s',
      'duration_sec',
      'duration_seconds',
      'latency_s',
      'latency_seconds',
      'elapsed_s',
      'elapsed_seconds',
      // nginx's $request_time and $upstream_response_time are seconds with millisecond resolution.
      'request_time',
      'response_time',
      'upstream_response_time',
    ],
    1000,
  ),
  ...aliases('duration', ['duration_us', 'latency_us', 'elapsed_us', 'duration_micros'], 0.001),
  ...aliases('duration', ['duration_ns', 'latency_ns', 'elapsed_ns'], 0.000001),
  // Unit required: a bare `duration=12` could be seconds or milliseconds. Heroku's router writes `service=18ms`.
  ...aliases('duration', ['duration', 'latency', 'elapsed', 'request_duration', 'service'], 0),
  ...aliases('request', [
    'request_id',
    'requestId',
    'requestID',
    'RequestId',
    'req_id',
    'reqId',
    'x_request_id',
    'x-request-id',
    'X-Request-Id',
    'awsRequestId',
    'aws_request_id',
    'function_request_id',
    'lambda_request_id',
    'requestContext.requestId',
  ]),
  ...aliases('trace', [
    'trace_id',
    'traceId',
    'traceID',
    'xray_trace_id',
    'xrayTraceId',
    'trace.id',
    'dd.trace_id',
    'traceparent',
    'x-amzn-trace-id',
    'X-Amzn-Trace-Id',
    'amzn_trace_id',
  ]),
]);

const METHOD = /^[A-Za-z]{3,7}$/;
const PROTOCOL = /^(?:HTTP\/)?(\d(?:\.\d)?)$/i;

/**
 * Adds derived fields (`http.*`, `ip`, `duration_ms`, `request_id`, `trace_id`) from the
 * structured keys already in `fields`, never overwriting a field that is set.
 */
export function deriveFromStructured(fields: Fields, maxValueLength: number): void {
  let path: string | undefined;
  for (const key in fields) {
    const alias = ALIASES.get(key);
    if (alias === undefined) continue;
    const value = fields[key];
    if (value === undefined) continue;
    switch (alias.target) {
      case 'method':
        if (fields['http.method'] === undefined && typeof value === 'string' && METHOD.test(value)) {
          fields['http.method'] = value.toUpperCase();
        }
        break;
      case 'path':
        if (path === undefined && typeof value === 'string' && isPathLike(value)) path = value;
        break;
      case 'status':
        if (fields['http.status'] === undefined) {
          const status = statusOf(value);
          if (status !== undefined) fields['http.status'] = status;
        }
        break;
      case 'ip':
        if (fields.ip === undefined && typeof value === 'string') {
          const span = findIps(value, 1)[0];
          if (span !== undefined) fields.ip = cutValue(value.slice(span.start, span.end), maxValueLength);
        }
        break;
      case 'protocol':
        if (fields['http.protocol'] === undefined && typeof value === 'string') {
          const m = PROTOCOL.exec(value);
          if (m !== null) fields['http.protocol'] = `HTTP/${m[1]}`;
        }
        break;
      case 'duration':
        if (fields.duration_ms === undefined) {
          const ms = durationOf(value, alias.msPerUnit ?? 0);
          if (ms !== undefined) fields.duration_ms = ms;
        }
        break;
      case 'request':
        if (fields.request_id === undefined && (typeof value === 'string' || typeof value === 'number')) {
          const id = String(value);
          if (id !== '') fields.request_id = cutValue(id, maxValueLength);
        }
        break;
      case 'trace':
        if (fields.trace_id === undefined && typeof value === 'string' && value !== '') {
          fields.trace_id = cutValue(traceIdOfValue(value), maxValueLength);
        }
        break;
    }
  }
  // `path=/var/task/index.js` is a file, not a request: take a path only beside a method or a status.
  if (
    path !== undefined &&
    fields['http.path'] === undefined &&
    (fields['http.method'] !== undefined || fields['http.status'] !== undefined)
  ) {
    setPathAndQuery(fields, path, maxValueLength);
  }
}

function isPathLike(v: string): boolean {
  const c = v.charCodeAt(0);
  return c === 47 /* / */ || v.startsWith('http://') || v.startsWith('https://');
}

function durationOf(value: string | number | boolean, msPerUnit: number): number | undefined {
  if (typeof value === 'number') {
    return msPerUnit > 0 && value >= 0 && Number.isFinite(value) ? roundMs(value * msPerUnit) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const ms = parseDurationText(value);
  if (ms !== undefined) return ms;
  if (msPerUnit > 0 && /^\d+(?:\.\d+)?$/.test(value)) return roundMs(Number(value) * msPerUnit);
  return undefined;
}
