/**
 * AWS Lambda's own lines in a function's log group: the platform lines (START, END, REPORT,
 * INIT_*) and the runtimes' tab-separated application lines. The failure messages the service
 * writes when an invocation dies (`Task timed out after`, `Runtime exited with error`) are matched
 * with the severity words (words.ts), in the same regex pass.
 *
 * Decision: a timeout is ERROR (the invocation failed, the function is healthy); a runtime exit
 * or out-of-memory is CRITICAL (the execution environment died and every in-flight request with it).
 */
import { ALL, TAB_NL } from '../gates/lineGates.js';
import type { Severity } from '../types.js';
import { lookupLevel } from './levels.js';
import type { Why } from './reason.js';

const PLATFORM_PREFIXES = [
  'START RequestId:',
  'END RequestId:',
  'REPORT RequestId:',
  'INIT_START',
  'INIT_REPORT',
  'INIT_RUNTIME_DONE',
  'RESTORE_START',
  'RESTORE_REPORT',
  'RESTORE_RUNTIME_DONE',
  'EXTENSION Name:',
  'TELEMETRY Name:',
];

const STATUS = 'Status: ';

/** Severity of a Lambda failure reported by `status` / error type ('timeout', 'Runtime.ExitError' ...). */
export function lambdaStatusSeverity(status: string, errorType: string): Severity {
  if (status === 'success') return 'INFO';
  if (errorType.startsWith('Runtime.ExitError') || errorType.startsWith('Runtime.OutOfMemory'))
    return 'CRITICAL';
  return 'ERROR';
}

/**
 * A Lambda platform line: INFO, or the failure its `Status:` reports.
 *
 * @example platformLevel('REPORT RequestId: 8f5... Duration: 3000.00 ms ... Status: timeout', null) // 'ERROR'
 */
export function platformLevel(msg: string, why: Why | null): Severity | undefined {
  const c = msg.charCodeAt(0);
  // S(TART) E(ND|XTENSION) R(EPORT|ESTORE) I(NIT) T(ELEMETRY)
  if (c !== 83 && c !== 69 && c !== 82 && c !== 73 && c !== 84) return undefined;
  let prefix: string | undefined;
  for (const p of PLATFORM_PREFIXES) {
    if (msg.startsWith(p)) {
      prefix = p;
      break;
    }
  }
  if (prefix === undefined) return undefined;
  const at = msg.indexOf(STATUS, prefix.length);
  if (at < 0) {
    if (why) why.reason = `lambda:${prefix.split(' ')[0]}`;
    return 'INFO';
  }
  const from = at + STATUS.length;
  let to = from;
  while (to < msg.length && msg.charCodeAt(to) > 32) to++;
  const status = msg.slice(from, to);
  const typeAt = msg.indexOf('Error Type: ', to);
  const errorType = typeAt < 0 ? '' : msg.slice(typeAt + 12).trim();
  const severity = lambdaStatusSeverity(status, errorType);
  if (why) why.reason = `lambda:status:${status}${errorType ? `:${errorType.split(/\s/)[0]}` : ''}`;
  return severity;
}

/**
 * The level field of a Lambda runtime line `<timestamp>\t<requestId>\t<LEVEL>\t<message>` (Node.js,
 * and .NET with its lower-case names), or undefined.
 *
 * @example runtimeLevel('2024-01-01T12:00:00.000Z\t6f1...\tERROR\tboom', null) // 'ERROR'
 */
export function runtimeLevel(msg: string, why: Why | null, gates = ALL): Severity | undefined {
  const d = msg.charCodeAt(0) - 48;
  // The fields are tab separated: no tab (its gate clear), no runtime line.
  if (!(d >= 0 && d <= 9) || (gates & TAB_NL) === 0) return undefined;
  // The timestamp is followed by a tab: look no further than its length.
  let tab1 = 1;
  const bound = Math.min(msg.length, 40);
  while (tab1 < bound && msg.charCodeAt(tab1) > 32) tab1++;
  if (msg.charCodeAt(tab1) !== 9) return undefined;
  const tab2 = msg.indexOf('\t', tab1 + 1);
  if (tab2 < 0 || tab2 - tab1 > 64) return undefined;
  let tab3 = msg.indexOf('\t', tab2 + 1);
  if (tab3 < 0) tab3 = msg.length;
  const level = lookupLevel(msg, tab2 + 1, tab3);
  if (level === undefined) return undefined;
  if (why) why.reason = `lambda-runtime:${msg.slice(tab2 + 1, tab3)}`;
  return level.severity;
}
