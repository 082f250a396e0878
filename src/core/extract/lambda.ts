/**
 * AWS Lambda platform and runtime lines.
 */
import type { Fields } from '../types.js';
import { roundMs } from './duration.js';
import { isUuidAt } from './ids.js';
import { cutValue } from './valueLimit.js';

const REPORT_PART =
  /(RequestId|(?:Billed |Init |Billed Restore |Restore )?Duration|Memory Size|Max Memory Used|Status|Error Type|XRAY TraceId): ([^\s]+)/g;

/**
 * Parses `REPORT RequestId: <uuid>\tDuration: 102.25 ms\tBilled Duration: 103 ms\tMemory Size: 128 MB\t
 * Max Memory Used: 70 MB\tInit Duration: 150.33 ms[\tStatus: timeout][\nXRAY TraceId: ...]`.
 * Tabs or spaces may separate the parts. Returns false when `s` is not a REPORT line.
 */
export function parseReport(s: string, fields: Fields, maxValueLength: number): boolean {
  if (!s.startsWith('REPORT RequestId: ')) return false;
  REPORT_PART.lastIndex = 0;
  for (let m = REPORT_PART.exec(s); m !== null; m = REPORT_PART.exec(s)) {
    const value = cutValue(m[2]!, maxValueLength);
    switch (m[1]) {
      case 'RequestId':
        fields.request_id ??= value;
        break;
      case 'Duration':
        setNumber(fields, 'lambda.duration_ms', value);
        break;
      case 'Billed Duration':
        setNumber(fields, 'lambda.billed_ms', value);
        break;
      case 'Init Duration':
        setNumber(fields, 'lambda.init_ms', value);
        break;
      case 'Restore Duration':
        setNumber(fields, 'lambda.restore_ms', value);
        break;
      case 'Billed Restore Duration':
        setNumber(fields, 'lambda.billed_restore_ms', value);
        break;
      case 'Memory Size':
        setNumber(fields, 'lambda.memory_mb', value);
        break;
      case 'Max Memory Used':
        setNumber(fields, 'lambda.max_memory_mb', value);
        break;
      case 'Status':
        fields['lambda.status'] = value;
        break;
      case 'Error Type':
        fields['lambda.error_type'] = value;
        break;
      case 'XRAY TraceId':
        fields.trace_id ??= value;
        break;
    }
  }
  const duration = fields['lambda.duration_ms'];
  if (typeof duration === 'number') fields.duration_ms ??= duration;
  if (fields['lambda.init_ms'] !== undefined) fields['lambda.cold_start'] = true;
  return true;
}

function setNumber(fields: Fields, key: string, value: string): void {
  const n = Number(value);
  if (Number.isFinite(n)) fields[key] = roundMs(n);
}

/** Where a Lambda runtime line's request id is and where the application text after it starts. */
export interface RuntimePrefix {
  requestId: string;
  /** Index of the application message (after the level field for Node, after the id for Python). */
  bodyStart: number;
}

/**
 * Recognizes the Lambda runtime prefixes:
 * - Node.js: `2024-05-01T12:00:00.000Z\t<uuid>\tINFO\tmessage` (and the platform's
 *   `<iso> <uuid> Task timed out after 3.00 seconds`, space-separated),
 * - Python: `[INFO]\t2024-05-01T12:00:00.000Z\t<uuid>\tmessage`,
 * - START/END platform lines: `START RequestId: <uuid> Version: $LATEST`.
 */
export function runtimePrefix(s: string): RuntimePrefix | undefined {
  const first = s.charCodeAt(0);
  if (first === 83 /* S */ || first === 69 /* E */) {
    const at = s.startsWith('START RequestId: ') ? 17 : s.startsWith('END RequestId: ') ? 15 : -1;
    if (at > 0 && isUuidAt(s, at)) return { requestId: s.slice(at, at + 36), bodyStart: s.length };
    return undefined;
  }
  let i = 0;
  const python = first === 91; /* [ */
  if (python) {
    i = s.indexOf('\t');
    if (i < 0 || i > 12) return undefined;
    i++;
  }
  const c = s.charCodeAt(i);
  if (c < 48 || c > 57) return undefined;
  // The ISO timestamp holds no blanks: the first tab or space after it ends it.
  let sep = i;
  const limit = Math.min(s.length, i + 40);
  while (sep < limit && s.charCodeAt(sep) !== 9 && s.charCodeAt(sep) !== 32) sep++;
  if (sep === limit || s.charCodeAt(sep - 1) !== 90 /* Z */) return undefined;
  const at = sep + 1;
  if (!isUuidAt(s, at)) return undefined;
  const after = at + 36;
  if (after < s.length && s.charCodeAt(after) !== 9 && s.charCodeAt(after) !== 32) return undefined;
  let bodyStart = Math.min(after + 1, s.length);
  if (!python && s.charCodeAt(after) === 9) {
    const levelEnd = s.indexOf('\t', bodyStart);
    if (levelEnd > 0 && levelEnd - bodyStart <= 7) bodyStart = levelEnd + 1;
  }
  return { requestId: s.slice(at, after), bodyStart };
}
