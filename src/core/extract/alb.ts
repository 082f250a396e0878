/**
 * Application Load Balancer access log lines:
 * `type time elb client:port target:port request_processing_time target_processing_time
 * response_processing_time elb_status_code target_status_code received_bytes sent_bytes "request" ...`.
 * The request line and the client address are found by the generic scanners; this adds what
 * only the position tells: the ELB status and the total processing time.
 */
import type { Fields } from '../types.js';
import { roundMs } from './duration.js';

const TYPES = new Set(['http', 'https', 'h2', 'grpcs', 'ws', 'wss']);
/** The types' first characters: most lines are out on their first character, before any search. */
const FIRST = new Uint8Array(128);
for (const type of TYPES) FIRST[type.charCodeAt(0)] = 1;

/** True (and fields set) when `s` is an ALB access log line. */
export function parseAlbLine(s: string, fields: Fields): boolean {
  if (FIRST[s.charCodeAt(0)] !== 1) return false;
  const firstSpace = s.indexOf(' ');
  if (firstSpace < 2 || firstSpace > 5 || !TYPES.has(s.slice(0, firstSpace))) return false;
  const c = s.charCodeAt(firstSpace + 1);
  if (c < 48 || c > 57) return false;
  // Fields 6..9 (1-based): three processing times in seconds, then the ELB status code.
  const parts: string[] = [];
  let from = firstSpace + 1;
  for (let i = 0; i < 8; i++) {
    const next = s.indexOf(' ', from);
    if (next < 0) return false;
    parts.push(s.slice(from, next));
    from = next + 1;
  }
  const [, , , , request, target, response, status] = parts;
  const times = [Number(request), Number(target), Number(response)];
  // -1 means the ALB could not dispatch the request (or the target closed early): no duration then.
  if (times.every((t) => Number.isFinite(t) && t >= 0) && fields.duration_ms === undefined) {
    fields.duration_ms = roundMs((times[0]! + times[1]! + times[2]!) * 1000);
  }
  const code = Number(status);
  if (Number.isInteger(code) && code >= 100 && code <= 599 && fields['http.status'] === undefined) {
    fields['http.status'] = code;
  }
  return true;
}
