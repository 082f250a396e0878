/**
 * HTTP access logs: the response status, found where each format puts it (never just any
 * three-digit number in the line).
 */
import { ALL, HTTP, TAB_NL } from '../gates/lineGates.js';
import type { Severity } from '../types.js';
import type { Why } from './reason.js';

/** Severity per status class; 1xx-3xx are always INFO. */
export interface HttpSeverities {
  '5xx': Severity;
  '4xx': Severity;
}

/** Common/combined log format (Apache, nginx, gunicorn ...): the status follows the quoted request. */
const CLF_STATUS = /"[A-Z]{3,10} [^"]* HTTP\/\d(?:\.\d)?" (\d{3})(?: |$)/;
/** ALB and classic ELB: `elb_status target_status received_bytes sent_bytes "request"`. */
const ELB_STATUS = / (\d{3}) (?:\d{3}|-) \d+ \d+ "(?:[A-Z]{3,10}|-) /;

/**
 * Severity of an HTTP status code, or undefined when `status` is not one.
 *
 * @example statusSeverity(503, { '5xx': 'ERROR', '4xx': 'WARNING' }) // 'ERROR'
 */
export function statusSeverity(status: number, map: HttpSeverities): Severity | undefined {
  if (!(status >= 100 && status <= 599)) return undefined;
  if (status >= 500) return map['5xx'];
  if (status >= 400) return map['4xx'];
  return 'INFO';
}

/** The status of an access-log line (CLF/combined, ALB/ELB, CloudFront), or undefined. */
export function accessLogLevel(
  msg: string,
  map: HttpSeverities,
  why: Why | null,
  gates = ALL,
): Severity | undefined {
  let status = -1;
  if ((gates & HTTP) !== 0 && hasSpaceHttp(msg)) {
    const m = CLF_STATUS.exec(msg) ?? ELB_STATUS.exec(msg);
    if (m) status = Number(m[1]);
  } else if ((gates & TAB_NL) !== 0) {
    status = cloudFrontStatus(msg);
  }
  if (status < 0) return undefined;
  const severity = statusSeverity(status, map);
  if (severity !== undefined && why) why.reason = `http:${status}`;
  return severity;
}

/**
 * True when `msg` holds ` HTTP/`. Searched as `HTTP/` and the space checked after: V8's indexOf
 * looks for a pattern's first character first, and a space is everywhere (6x slower per line).
 */
function hasSpaceHttp(msg: string): boolean {
  for (let at = msg.indexOf('HTTP/', 1); at >= 0; at = msg.indexOf('HTTP/', at + 5)) {
    if (msg.charCodeAt(at - 1) === 32) return true;
  }
  return false;
}

/**
 * CloudFront standard logs are tab separated: date, time, edge location, bytes, client ip,
 * method, host, uri, status, ...
 */
function cloudFrontStatus(msg: string): number {
  const d = msg.charCodeAt(0) - 48;
  if (!(d >= 0 && d <= 9)) return -1;
  let from = 0;
  for (let field = 0; field < 8; field++) {
    const tab = msg.indexOf('\t', from);
    if (tab < 0 || tab - from > 80) return -1;
    if (field === 5) {
      for (let k = from; k < tab; k++) {
        const c = msg.charCodeAt(k);
        if (c < 65 || c > 90) return -1;
      }
    }
    from = tab + 1;
  }
  if (msg.charCodeAt(from + 3) !== 9 && from + 3 !== msg.length) return -1;
  let status = 0;
  for (let k = from; k < from + 3; k++) {
    const digit = msg.charCodeAt(k) - 48;
    if (digit < 0 || digit > 9) return -1;
    status = status * 10 + digit;
  }
  return status;
}
