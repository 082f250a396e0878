/**
 * HTTP request lines and status codes in free text.
 */
import type { Fields } from '../types.js';
import { cutValue } from './valueLimit.js';

/**
 * `GET /x?y=1 HTTP/1.1" 200` (access logs, quoted or not), `GET /x 200` (morgan "dev"), or an
 * absolute URL (ALB, proxies). The status is taken only when it follows the request line.
 */
const REQUEST_LINE =
  /(?<![A-Za-z])(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|CONNECT|TRACE) (\/[^\s"]*|https?:\/\/[^\s"]+|\*)(?: (HTTP\/\d(?:\.\d)?))?"?(?: ([1-5]\d\d)(?![\w.]))?/;
/** `status=500`, `status: 500`, `status code 500`, `statusCode: 404`, `http_status=502`, `HTTP 503`. */
const STATUS =
  /(?<![A-Za-z])(?:status(?:[ _-]?code)?|http[ _-]?(?:status|code)|HTTP)["']?(?:[ \t]*[:=][ \t]*|[ \t]+)["']?([1-5]\d\d)(?![\w.])/i;

/** Splits `/a/b?c=1` (or an absolute URL) into `http.path` and `http.query`. */
export function setPathAndQuery(fields: Fields, target: string, maxValueLength: number): void {
  let path = target;
  if (path.charCodeAt(0) !== 47 /* / */) {
    const scheme = path.indexOf('://');
    if (scheme > 0) {
      const slash = path.indexOf('/', scheme + 3);
      path = slash < 0 ? '/' : path.slice(slash);
    }
  }
  const q = path.indexOf('?');
  if (q >= 0) {
    const query = path.slice(q + 1);
    path = path.slice(0, q);
    if (query !== '' && fields['http.query'] === undefined)
      fields['http.query'] = cutValue(query, maxValueLength);
  }
  if (fields['http.path'] === undefined) fields['http.path'] = cutValue(path, maxValueLength);
}

/** Sets `http.method`, `http.path`, `http.query`, `http.protocol` and maybe `http.status` from a request line. */
export function scanRequestLine(s: string, fields: Fields, maxValueLength: number): void {
  const m = REQUEST_LINE.exec(s);
  if (m === null) return;
  fields['http.method'] = m[1]!;
  setPathAndQuery(fields, m[2]!, maxValueLength);
  if (m[3] !== undefined && fields['http.protocol'] === undefined) fields['http.protocol'] = m[3];
  if (m[4] !== undefined && fields['http.status'] === undefined) fields['http.status'] = Number(m[4]);
}

/** Cheap test before the status regex: every form it accepts holds one of these. */
function mayHoldStatus(s: string): boolean {
  return (
    s.indexOf('tatus') >= 0 ||
    s.indexOf('TATUS') >= 0 ||
    s.indexOf('HTTP ') >= 0 ||
    s.indexOf('ttp_code') >= 0
  );
}

/** Sets `http.status` from `status=500`-like text. */
export function scanStatus(s: string, fields: Fields): void {
  if (!mayHoldStatus(s)) return;
  const m = STATUS.exec(s);
  if (m !== null) fields['http.status'] = Number(m[1]);
}

/** A status code as a number when `v` is an integer 100..599 (or such a string). */
export function statusOf(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{3}$/.test(v) ? Number(v) : Number.NaN;
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}
