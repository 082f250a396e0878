import { describe, expect, it } from 'vitest';
import type { Severity } from '../types.js';
import { createClassifier, createExplainer } from './index.js';
import { parseJsonObject } from './structured.js';

const explain = createExplainer();

describe('JSON level fields', () => {
  const cases: Array<[string, Record<string, unknown>, Severity]> = [
    ['level string', { level: 'error', msg: 'x' }, 'ERROR'],
    ['level upper', { level: 'WARN', msg: 'x' }, 'WARNING'],
    ['level title', { level: 'Information', msg: 'x' }, 'INFO'],
    ['level padded', { level: 'INFO ', msg: 'x' }, 'INFO'],
    ['severity', { severity: 'CRITICAL', message: 'x' }, 'CRITICAL'],
    ['gcp notice', { severity: 'NOTICE', message: 'x' }, 'INFO'],
    ['gcp emergency', { severity: 'EMERGENCY', message: 'x' }, 'CRITICAL'],
    ['lvl', { lvl: 'dbug', msg: 'x' }, 'DEBUG'],
    ['levelname', { levelname: 'WARNING', message: 'x' }, 'WARNING'],
    ['loglevel', { loglevel: 'fatal' }, 'CRITICAL'],
    ['LogLevel', { LogLevel: 'Error' }, 'ERROR'],
    ['ecs dotted', { 'log.level': 'warn', message: 'x' }, 'WARNING'],
    ['ecs nested', { log: { level: 'error', logger: 'x' }, message: 'x' }, 'ERROR'],
    ['serilog @l', { '@t': '2024-01-01', '@mt': 'x', '@l': 'Warning' }, 'WARNING'],
    ['serilog default', { '@t': '2024-01-01', '@mt': 'Processed {Count} errors', Count: 3 }, 'INFO'],
    ['otel text', { severityText: 'ERROR', body: 'x' }, 'ERROR'],
    ['otel number', { severityNumber: 13, body: 'x' }, 'WARNING'],
    ['otel number fatal', { severityNumber: 21, body: 'x' }, 'CRITICAL'],
    ['pino 10', { level: 10, msg: 'x' }, 'DEBUG'],
    ['pino 20', { level: 20, msg: 'x' }, 'DEBUG'],
    ['pino 30', { level: 30, msg: 'failed login test passed' }, 'INFO'],
    ['pino 40', { level: 40, msg: 'x' }, 'WARNING'],
    ['pino 50', { level: 50, msg: 'x' }, 'ERROR'],
    ['pino 60', { level: 60, msg: 'x' }, 'CRITICAL'],
    ['pino string number', { level: '50', msg: 'x' }, 'ERROR'],
    ['gelf syslog 3', { level: 3, short_message: 'x' }, 'ERROR'],
    ['syslog severity 0', { severity: 0, msg: 'x' }, 'CRITICAL'],
    ['syslog severity 2', { severity: 2, msg: 'x' }, 'CRITICAL'],
    ['syslog severity 4', { severity: 4, msg: 'x' }, 'WARNING'],
    ['syslog severity 5', { severity: 5, msg: 'x' }, 'INFO'],
    ['syslog severity 7', { severity: 7, msg: 'x' }, 'DEBUG'],
    ['syslog.severity dotted', { 'syslog.severity': 3, msg: 'x' }, 'ERROR'],
    ['syslog nested', { syslog: { severity: 1 }, msg: 'x' }, 'CRITICAL'],
    [
      'lambda json format',
      { time: '2024-01-01T00:00:00Z', level: 'ERROR', requestId: 'r', message: 'ok' },
      'ERROR',
    ],
    ['structured beats words', { level: 'info', msg: 'failed login test passed' }, 'INFO'],
  ];

  it.each(cases)('%s', (_name, json, expected) => {
    // Prepare
    const message = JSON.stringify(json);

    // Act
    const given = explain(message, json).severity;
    const parsed = explain(message).severity;

    // Assess
    expect(given).toBe(expected);
    expect(parsed).toBe(expected);
  });

  it('explains the field used', () => {
    expect(explain('{"level":"error"}').reason).toBe('json:level');
    expect(explain('{"log":{"level":"error"}}').reason).toBe('json:log.level');
    expect(explain('{"@l":"Error","@t":"x","@mt":"y"}').reason).toBe('json:@l');
  });

  it('skips values that are not levels and tries the next key', () => {
    expect(explain('{"level":"high","severity":"warning"}').severity).toBe('WARNING');
    expect(explain('{"level":8,"msg":"x"}').severity).toBe('INFO');
  });
});

describe('JSON events without a level', () => {
  it.each([
    ['message text classified', { msg: 'Database connection error' }, 'ERROR', 'word:error'],
    [
      'docker json-file',
      { log: '2024-01-01 12:00:00 WARN [main] slow\n', stream: 'stdout' },
      'WARNING',
      'token:WARN',
    ],
    ['error object', { msg: 'request done', error: { type: 'Timeout' } }, 'ERROR', 'json:error'],
    ['error string', { msg: 'x', err: 'connection reset' }, 'ERROR', 'json:err'],
    ['empty error', { msg: 'ok', error: null, exception: '' }, 'INFO', 'fallback'],
    ['no message: words with negation', { errors: 0, warnings: 0 }, 'INFO', 'fallback'],
    ['no message: words', { event: 'disk failure' }, 'ERROR', 'word:failure'],
    [
      'lambda platform report timeout',
      { time: 't', type: 'platform.report', record: { requestId: 'r', status: 'timeout' } },
      'ERROR',
      'lambda:platform.report:timeout',
    ],
    [
      'lambda platform runtime exit',
      {
        time: 't',
        type: 'platform.runtimeDone',
        record: { status: 'error', errorType: 'Runtime.ExitError' },
      },
      'CRITICAL',
      'lambda:platform.runtimeDone:error',
    ],
    [
      'lambda platform start',
      { time: 't', type: 'platform.start', record: { requestId: 'r' } },
      'INFO',
      'lambda:platform.start',
    ],
    ['api gateway 502', { requestId: 'r', httpMethod: 'GET', status: '502' }, 'ERROR', 'http:502'],
    ['api gateway 404', { requestId: 'r', httpMethod: 'GET', status: 404 }, 'WARNING', 'http:404'],
    ['status without method is not http', { status: 500, msg: 'job done' }, 'INFO', 'fallback'],
  ] as const)('%s', (_name, json, severity, reason) => {
    expect(explain(JSON.stringify(json))).toEqual({ severity, reason });
  });
});

describe('parseJsonObject', () => {
  it('parses objects only, and only once per event', () => {
    expect(parseJsonObject('  {"a":1}  ')).toEqual({ a: 1 });
    expect(parseJsonObject('[1,2]')).toBeUndefined();
    expect(parseJsonObject('{"a":1')).toBeUndefined();
    expect(parseJsonObject('{not json}')).toBeUndefined();
    expect(parseJsonObject('plain')).toBeUndefined();
  });

  it('classifies malformed JSON as text', () => {
    expect(createClassifier()('{"level":"info" broken ERROR }')).toBe('ERROR');
  });
});
