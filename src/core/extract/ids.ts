/**
 * Request ids, trace ids and plain UUIDs in free text.
 */

/** `RequestId: x`, `request_id=x`, `"requestId":"x"`, `x-request-id: x`, `X-Amzn-RequestId: x`, `reqId=x`. */
const REQUEST_ID = /(?:request[_-]?id|req[_-]?id)["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9][\w-]{5,127})/i;
/** X-Ray header `Root=1-5759e988-bd862e3fe1be46a994272793`. */
const XRAY_ROOT = /Root=(1-[0-9a-f]{8}-[0-9a-f]{24})(?![0-9a-f])/;
/** `trace_id=x`, `traceId: x`, `"trace-id":"x"`, `XRAY TraceId: 1-...`. */
const TRACE_ID = /trace[_-]?id["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9][\w-]{7,127})/i;
/** W3C traceparent `00-<32 hex trace id>-<16 hex parent>-<2 hex flags>`. */
const TRACEPARENT = /(?<![\w-])[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}(?![\w-])/;

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** True when a UUID (8-4-4-4-12 hex) starts at `i`. */
export function isUuidAt(s: string, i: number): boolean {
  if (s.length < i + 36) return false;
  for (let k = 0; k < 36; k++) {
    const c = s.charCodeAt(i + k);
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (c !== 45) return false;
    } else if (!isHex(c)) return false;
  }
  return true;
}

/** The request id after a `request_id`-like key. */
export function findRequestId(s: string): string | undefined {
  if (s.indexOf('equest') < 0 && s.indexOf('EQUEST') < 0 && s.indexOf('eq_id') < 0 && s.indexOf('eqId') < 0) {
    return undefined;
  }
  return REQUEST_ID.exec(s)?.[1];
}

/** The trace id: X-Ray `Root=` first, then a `trace_id`-like key, then a W3C traceparent. */
export function findTraceId(s: string): string | undefined {
  if (s.indexOf('Root=1-') >= 0) {
    const m = XRAY_ROOT.exec(s);
    if (m !== null) return m[1];
  }
  if (s.indexOf('race') >= 0 || s.indexOf('RACE') >= 0) {
    const m = TRACE_ID.exec(s);
    if (m !== null) return m[1];
  }
  return findTraceparent(s);
}

function hexRun(s: string, i: number, n: number): boolean {
  for (let k = i; k < i + n; k++) if (!isLowerHex(s.charCodeAt(k))) return false;
  return true;
}

function isLowerHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}

/** The trace id of a W3C traceparent (`00-<32 hex>-<16 hex>-<2 hex>`) anywhere in `s`. */
export function findTraceparent(s: string): string | undefined {
  for (let d = s.indexOf('-', 2); d >= 0 && d + 53 <= s.length; d = s.indexOf('-', d + 1)) {
    const start = d - 2;
    // The two dashes further on are the cheapest rejection: test them first.
    if (
      s.charCodeAt(d + 33) === 45 &&
      s.charCodeAt(d + 50) === 45 &&
      hexRun(s, start, 2) &&
      hexRun(s, d + 1, 32) &&
      hexRun(s, d + 34, 16) &&
      hexRun(s, d + 51, 2) &&
      !(start > 0 && isIdChar(s.charCodeAt(start - 1))) &&
      !isIdChar(s.charCodeAt(d + 53))
    ) {
      return s.slice(d + 1, d + 33);
    }
  }
  return undefined;
}

/** A trace id from a header-like value: X-Ray `Root=...;Parent=...`, a traceparent, or the value itself. */
export function traceIdOfValue(v: string): string {
  if (v.indexOf('Root=1-') >= 0) {
    const m = XRAY_ROOT.exec(v);
    if (m !== null) return m[1]!;
  }
  if (v.length === 55) {
    const m = TRACEPARENT.exec(v);
    if (m !== null) return m[1]!;
  }
  return v;
}

function isIdChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

/** The first UUID anywhere in `s` (not glued to other id characters). */
export function findUuid(s: string): string | undefined {
  // Walk the dashes: a UUID's first dash is 8 characters in. Much cheaper than a regex per position.
  for (let d = s.indexOf('-', 8); d >= 0 && d + 28 <= s.length; d = s.indexOf('-', d + 1)) {
    const start = d - 8;
    // The other dashes reject most candidates before any hex digit is read.
    if (s.charCodeAt(d + 5) !== 45 || s.charCodeAt(d + 10) !== 45 || s.charCodeAt(d + 15) !== 45) continue;
    if (!isUuidAt(s, start)) continue;
    if ((start > 0 && isIdChar(s.charCodeAt(start - 1))) || isIdChar(s.charCodeAt(start + 36))) continue;
    return s.slice(start, start + 36);
  }
  return undefined;
}
