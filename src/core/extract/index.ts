/**
 * Field extraction: turns one log message into flat, typed fields.
 *
 * Order of work, and precedence (a field that is set is never overwritten):
 * 1. Structured source: a JSON object message (flattened with dotted keys; arrays and objects
 *    deeper than `maxJsonDepth` kept as JSON text; null omitted; at most `maxJsonFields`), a Lambda
 *    REPORT line, a Lambda runtime prefix (with a JSON body after it, if any), else logfmt when the
 *    line holds two or more `key=value` pairs. Structured fields keep their own names.
 * 2. Derived fields from well-known structured keys (`status`, `statusCode`, `res.statusCode`,
 *    `req.method`, `httpMethod`, `responseTime`, `function_request_id`, `xray_trace_id`, `fwd`, ...).
 * 3. Text scanners over the raw message for whatever derived field is still missing; for
 *    durations the first one in the text wins.
 *
 * | field | type | from |
 * |---|---|---|
 * | `ip` | string | first IPv4/IPv6 address in the text (octets <= 255, `::` compression; not timestamps, MACs, versions, `0.0.0.0`/`::`), or `client_ip`, `remoteAddress`, `sourceIp`, `fwd`, ... |
 * | `ips` | string | all distinct addresses, comma-joined, only when there are two or more (at most 8) |
 * | `http.method` | string | request line `"GET /x HTTP/1.1"`, `GET /x 200`, keys `method`, `httpMethod`, `req.method` |
 * | `http.path` | string | request line target without the query (absolute URLs reduced to their path); keys `path`, `url`, `resourcePath` (only beside a method or status) |
 * | `http.query` | string | the query string after `?`, when present |
 * | `http.protocol` | string | `HTTP/1.1` from a request line, keys `protocol`, `httpVersion` |
 * | `http.status` | number | the code after a request line, ALB's elb_status_code, `status=500`, `status: 500`, `status code 500`, `HTTP 503`, keys `status`/`statusCode`/`res.statusCode` (100..599 only) |
 * | `duration_ms` | number | `123ms`, `1.5s`, `2.3 seconds`, `150 µs`, `40ns`, `2m`, `1h2m3s` (a unit is required in text); keys `duration_ms`, `latency_ms`, `responseTime` (ms), `response_time`/`request_time` (seconds, as nginx), `duration`/`latency`/`service` with a unit; ALB's three processing times summed; a REPORT line's Duration |
 * | `request_id` | string | `RequestId:`, `request_id=`, `requestId`, `x-request-id`, `reqId`; Lambda START/END/REPORT lines; Lambda runtime lines (Node: 2nd tab field, Python: 3rd); keys `awsRequestId`, `function_request_id`, `requestContext.requestId` |
 * | `trace_id` | string | X-Ray `Root=1-5759e988-bd862e3fe1be46a994272793` (kept in X-Ray form), `trace_id=`/`traceId`, a REPORT line's `XRAY TraceId`, W3C traceparent (the 32-hex trace id); keys `xray_trace_id`, `traceparent`, `X-Amzn-Trace-Id` |
 * | `uuid` | string | the first UUID in the text, only when no `request_id` was found |
 * | `lambda.duration_ms`, `lambda.billed_ms`, `lambda.init_ms`, `lambda.restore_ms`, `lambda.billed_restore_ms` | number | REPORT line |
 * | `lambda.memory_mb`, `lambda.max_memory_mb` | number | REPORT line |
 * | `lambda.status`, `lambda.error_type` | string | REPORT line `Status: timeout`, `Error Type: Runtime.ExitError` |
 * | `lambda.cold_start` | boolean | `true` when the REPORT line has an Init Duration |
 *
 * String values longer than `maxValueLength` are cut to that length, the last character being `…`.
 * logfmt values that are plain decimal numbers become numbers; everything else stays a string.
 */
export { correlationIdOf } from './correlation.js';
export { ExtractOptionsError } from './errors.js';
export {
  type BatchExtractor,
  createBatchExtractor,
  createExtractor,
  type ExtractOptions,
  type Extractor,
} from './extractor.js';
export { findIps, type IpSpan, isIpv4, isIpv6 } from './ip.js';
export { parseJsonMessage } from './json.js';
