/**
 * Severity classification: one of CRITICAL, ERROR, WARNING, INFO, DEBUG for every log event.
 *
 * Order of decision, first answer wins:
 * 1. custom rules from the options;
 * 2. a JSON event's own level (level, severity, log.level, pino numbers, Lambda JSON platform
 *    records, access records with a status, an attached error); a JSON event that names none is
 *    classified by its message field as a text line;
 * 3. Lambda platform lines (START/END/REPORT/INIT_*), Lambda runtime lines (`ts\treqid\tERROR\t...`);
 * 4. a syslog `<PRI>`, or the level token in a text line's header (log4j, logback, Python,
 *    java.util.logging, glog/klog, logcat, Apache, nginx, Serilog, logrus, .NET, syslog ...);
 * 5. logfmt `level=` anywhere in the line;
 * 6. the status of an HTTP access-log line (CLF/combined, ALB/ELB, CloudFront);
 * 7. severity words, most severe first, negations excluded, with Lambda's failure messages
 *    (timeout ERROR; runtime exit and out-of-memory CRITICAL);
 * 8. the fallback (INFO).
 */
import { ALL, EQ } from '../gates/lineGates.js';
import { isSeverity, type Severity } from '../types.js';
import { ClassifierConfigError } from './errors.js';
import { accessLogLevel, type HttpSeverities } from './http.js';
import { platformLevel, runtimeLevel } from './lambda.js';
import { lookupLevel } from './levels.js';
import type { Why } from './reason.js';
import { type ClassifyRule, compileRules } from './rules.js';
import { jsonLevel, jsonMessage, parseJsonObject } from './structured.js';
import { prefixLevel, syslogLevel, syslogPriority } from './tokens.js';
import { wordLevel } from './words.js';

export { ClassifierConfigError } from './errors.js';
export type { ClassifyRule } from './rules.js';

export interface ClassifierOptions {
  /** Custom rules tried before everything else, first match wins. The default is []. */
  rules?: ClassifyRule[];
  /**
   * Severity of HTTP access-log lines by status class (1xx-3xx are INFO). The default is
   * `{ '5xx': 'ERROR', '4xx': 'WARNING' }`; a class left out keeps its default.
   */
  httpStatus?: { '5xx'?: Severity; '4xx'?: Severity };
  /** Severity when nothing matches. The default is 'INFO'. */
  fallback?: Severity;
}

/**
 * Classifies one event: the raw message and, when the message is a JSON object, its parsed form.
 * `gates` are the message's {@link lineGates} when the caller has them (checks they rule out are skipped).
 */
export type Classifier = (message: string, json?: Record<string, unknown>, gates?: number) => Severity;

/** A severity and the rule that decided it, e.g. `json:level`, `token:[ERROR]`, `lambda:timeout`, `word:panic`. */
export interface SeverityExplanation {
  severity: Severity;
  reason: string;
}

export type Explainer = (
  message: string,
  json?: Record<string, unknown>,
  gates?: number,
) => SeverityExplanation;

type Engine = (
  message: string,
  json: Record<string, unknown> | undefined,
  why: Why | null,
  gates: number,
) => Severity;

/** logfmt anywhere in the line: `level=error`, `lvl="WARN"`, `severity=info`. */
const LOGFMT_LEVEL = /(?:^|[\s,;{(])(?:level|lvl|severity|loglevel|log_level|log\.level)=["']?([A-Za-z]+)/i;

function logfmtLevel(msg: string, why: Why | null, gates: number): Severity | undefined {
  if ((gates & EQ) === 0 || msg.indexOf('=') < 0) return undefined;
  const m = LOGFMT_LEVEL.exec(msg);
  if (m === null) return undefined;
  const value = m[1]!;
  const level = lookupLevel(value, 0, value.length);
  if (level === undefined) return undefined;
  if (why) why.reason = `logfmt:${m[0].trim()}`;
  return level.severity;
}

function textLevel(msg: string, http: HttpSeverities, why: Why | null, gates: number): Severity | undefined {
  const pri = syslogPriority(msg);
  return (
    platformLevel(msg, why) ??
    runtimeLevel(msg, why, gates) ??
    (pri >= 0 ? syslogLevel(msg, pri, why, gates) : prefixLevel(msg, 0, why, gates)) ??
    logfmtLevel(msg, why, gates) ??
    accessLogLevel(msg, http, why, gates) ??
    wordLevel(msg, why)
  );
}

function checkSeverity(value: unknown, where: string): Severity {
  if (!isSeverity(value))
    throw new ClassifierConfigError(`${where}: ${JSON.stringify(value)} is not a severity`);
  return value;
}

function compile(options: ClassifierOptions): Engine {
  const rules = compileRules(options.rules ?? []);
  const http: HttpSeverities = {
    '5xx': checkSeverity(options.httpStatus?.['5xx'] ?? 'ERROR', "httpStatus['5xx']"),
    '4xx': checkSeverity(options.httpStatus?.['4xx'] ?? 'WARNING', "httpStatus['4xx']"),
  };
  const fallback = checkSeverity(options.fallback ?? 'INFO', 'fallback');
  return (message, json, why, gates) => {
    let object = json;
    if (object === undefined) {
      const c = message.charCodeAt(0);
      if (c === 123 || c <= 32) object = parseJsonObject(message);
    }
    if (rules) {
      const ruled = rules(message, object, why);
      if (ruled !== undefined) return ruled;
    }
    let found: Severity | undefined;
    if (object === undefined) found = textLevel(message, http, why, gates);
    else {
      found = jsonLevel(object, http, why);
      if (found === undefined) {
        const text = jsonMessage(object);
        // The gates describe the message, not the text inside it.
        found = text === undefined ? wordLevel(message, why) : textLevel(text, http, why, ALL);
      }
    }
    if (found !== undefined) return found;
    if (why) why.reason = 'fallback';
    return fallback;
  };
}

/**
 * Builds a classifier. Options are checked and compiled once; a bad rule or severity throws
 * ClassifierConfigError here, never per event. The classifier itself never throws.
 *
 * @example
 * const classify = createClassifier({ rules: [{ pattern: 'quota exceeded', flags: 'i', severity: 'CRITICAL' }] });
 * classify('2024-01-01 12:00:00,123 ERROR [main] c.e.Foo - boom'); // 'ERROR'
 * classify('{"level":"warn","msg":"slow"}', { level: 'warn', msg: 'slow' }); // 'WARNING'
 */
export function createClassifier(options: ClassifierOptions = {}): Classifier {
  const engine = compile(options);
  return (message, json, gates = ALL) => engine(message, json, null, gates);
}

/**
 * Builds a classifier that also says why, for `--explain` and tests.
 *
 * @example createExplainer()('[ERROR] boom') // { severity: 'ERROR', reason: 'token:[ERROR]' }
 */
export function createExplainer(options: ClassifierOptions = {}): Explainer {
  const engine = compile(options);
  return (message, json, gates = ALL) => {
    const why: Why = { reason: '' };
    const severity = engine(message, json, why, gates);
    return { severity, reason: why.reason };
  };
}

let defaultExplainer: Explainer | undefined;

/**
 * The same decision as `createClassifier(options)` with its reason. Compiles `options` on every
 * call: keep a `createExplainer` instance when explaining many lines with custom options.
 *
 * @example explainSeverity('Task timed out after 3.00 seconds') // { severity: 'ERROR', reason: 'lambda:timeout' }
 */
export function explainSeverity(
  message: string,
  json?: Record<string, unknown>,
  options?: ClassifierOptions,
): SeverityExplanation {
  if (options !== undefined) return createExplainer(options)(message, json);
  defaultExplainer ??= createExplainer();
  return defaultExplainer(message, json);
}
