import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../types.js';
import { ClassifierConfigError, createClassifier, createExplainer, explainSeverity } from './index.js';

describe('createClassifier', () => {
  it("classifies the seed's five sample messages", () => {
    // Prepare
    const classify = createClassifier();
    const samples = [
      'User login successful - user_id: user123 from IP 192.168.1.100',
      'Database connection error - failed to connect to MySQL server',
      'API request failed with status code 500 - Internal server error',
      'Critical system failure - disk space full on /var/log',
      'High memory usage warning - 85 percent memory utilized',
    ];

    // Act
    const severities = samples.map((message) => classify(message));

    // Assess
    expect(severities).toEqual(['INFO', 'ERROR', 'ERROR', 'CRITICAL', 'WARNING']);
  });

  it('lets structured levels win over words', () => {
    const classify = createClassifier();
    expect(classify('level=info msg="error count 0"')).toBe('INFO');
    expect(classify('level=info msg="no error"')).toBe('INFO');
    expect(classify('{"level":"info","msg":"failed login test passed"}')).toBe('INFO');
    expect(classify('2024-01-01 12:00:00,123 DEBUG [main] c.e.Foo - fatal flag parsed')).toBe('DEBUG');
    expect(classify('{"level":"error","msg":"all good"}')).toBe('ERROR');
  });

  it('uses the parsed JSON it is given rather than parsing again', () => {
    // Prepare
    const classify = createClassifier();

    // Act
    const severity = classify('{"level":"info"}', { level: 'error' });

    // Assess
    expect(severity).toBe('ERROR');
  });

  it('returns the fallback when nothing matches', () => {
    expect(createClassifier()('hello world')).toBe('INFO');
    expect(createClassifier({ fallback: 'DEBUG' })('hello world')).toBe('DEBUG');
    expect(createClassifier({ fallback: 'DEBUG' })('hello error')).toBe('ERROR');
  });
});

describe('custom rules', () => {
  it('are tried before everything else, first match wins', () => {
    // Prepare
    const classify = createClassifier({
      rules: [
        { pattern: 'quota exceeded', flags: 'i', severity: 'CRITICAL' },
        { pattern: 'healthcheck', severity: 'DEBUG' },
        { pattern: 'quota', severity: 'WARNING' },
      ],
    });

    // Act
    const results = [
      classify('2024-01-01 12:00:00 INFO Quota Exceeded for tenant 7'),
      classify('[ERROR] healthcheck failed'),
      classify('quota at 80%'),
      classify('plain error'),
    ];

    // Assess
    expect(results).toEqual(['CRITICAL', 'DEBUG', 'WARNING', 'ERROR']);
  });

  it('can test a JSON field, nested by a dotted name', () => {
    // Prepare
    const classify = createClassifier({
      rules: [
        { pattern: '^Throttling', field: 'errorCode', severity: 'WARNING' },
        { pattern: '^5', field: 'http.status', severity: 'CRITICAL' },
      ],
    });

    // Act
    const results = [
      classify('{"level":"error","errorCode":"ThrottlingException"}'),
      classify('{"level":"info","http":{"status":503}}'),
      classify('{"level":"info","http":{"status":200}}'),
      classify('ThrottlingException in text does not match a field rule'),
    ];

    // Assess
    expect(results).toEqual(['WARNING', 'CRITICAL', 'INFO', 'ERROR']);
  });

  it('ignores the g and y flags, which would make a rule stateful', () => {
    const classify = createClassifier({ rules: [{ pattern: 'x', flags: 'gy', severity: 'CRITICAL' }] });
    expect([classify('x'), classify('x'), classify('x')]).toEqual(['CRITICAL', 'CRITICAL', 'CRITICAL']);
  });

  it('are explained by their index', () => {
    const explain = createExplainer({
      rules: [
        { pattern: 'a', severity: 'DEBUG' },
        { pattern: 'b', severity: 'DEBUG' },
      ],
    });
    expect(explain('b')).toEqual({ severity: 'DEBUG', reason: 'rule:1' });
  });
});

describe('invalid options', () => {
  it.each([
    ['bad pattern', { rules: [{ pattern: '(', severity: 'ERROR' as const }] }, /rules\[0\]\.pattern/],
    ['bad rule severity', { rules: [{ pattern: 'x', severity: 'LOUD' as never }] }, /rules\[0\]\.severity/],
    ['bad fallback', { fallback: 'info' as never }, /fallback/],
    ['bad http severity', { httpStatus: { '5xx': 'FATAL' as never } }, /5xx/],
  ])('%s throws ClassifierConfigError', (_name, options, message) => {
    expect(() => createClassifier(options)).toThrow(ClassifierConfigError);
    expect(() => createClassifier(options)).toThrow(message);
  });
});

describe('explainSeverity', () => {
  it('gives the severity and the reason', () => {
    expect(explainSeverity('{"level":"warn"}')).toEqual({ severity: 'WARNING', reason: 'json:level' });
    expect(explainSeverity('[ERROR] boom')).toEqual({ severity: 'ERROR', reason: 'token:[ERROR]' });
    expect(explainSeverity('panic: oops')).toEqual({ severity: 'CRITICAL', reason: 'word:panic' });
    expect(explainSeverity('hello')).toEqual({ severity: 'INFO', reason: 'fallback' });
  });

  it('accepts the parsed JSON and options', () => {
    expect(explainSeverity('x', { severity: 3 })).toEqual({ severity: 'ERROR', reason: 'json:severity' });
    expect(explainSeverity('x', undefined, { rules: [{ pattern: 'x', severity: 'DEBUG' }] })).toEqual({
      severity: 'DEBUG',
      reason: 'rule:0',
    });
  });

  it('agrees with the classifier', () => {
    const classify = createClassifier();
    const lines = [
      '[warn] x',
      'E1126 12:00:00.000000 1 a.go:1] x',
      'no errors',
      '{"level":60}',
      'Task timed out after 1.00 seconds',
    ];
    expect(lines.map((l) => explainSeverity(l).severity)).toEqual(lines.map((l) => classify(l)));
  });
});

describe('robustness', () => {
  const classify = createClassifier({ rules: [{ pattern: 'z+', severity: 'DEBUG', field: 'a.b' }] });
  const explain = createExplainer();

  it('never throws and always returns a severity, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (message) => {
        expect(SEVERITIES).toContain(classify(message));
        expect(SEVERITIES).toContain(explain(message).severity);
      }),
      { seed: 20240101, numRuns: 2000 },
    );
  });

  it('never throws for strings built from log-like pieces', () => {
    const piece = fc.constantFrom(
      '[',
      ']',
      '<',
      '>',
      ':',
      '=',
      '"',
      '\t',
      '\n',
      ' ',
      '-',
      '/',
      '{',
      '}',
      'E',
      'W',
      'ERROR',
      'info',
      'level',
      'lvl=',
      'Runtime',
      'HTTP/1.1" ',
      '500',
      '2024-01-01',
      '12:00:00',
      'START RequestId:',
      'REPORT RequestId:',
      'Status: ',
      'no ',
      'errors',
      '0',
      'E1126',
      '<11>',
      'D/Tag(',
      'ERRO[',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        expect(SEVERITIES).toContain(classify(pieces.join('')));
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('never throws and always returns a severity, for any JSON object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (json) => {
        const message = JSON.stringify(json);
        expect(SEVERITIES).toContain(classify(message, json));
        expect(SEVERITIES).toContain(classify(message));
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('handles objects with level-like keys holding any value', () => {
    const key = fc.constantFrom(
      'level',
      'severity',
      'log',
      'syslog',
      'record',
      'type',
      'status',
      'error',
      'msg',
      '@t',
      '@mt',
    );
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue()), (json) => {
        expect(SEVERITIES).toContain(classify(JSON.stringify(json), json));
      }),
      { seed: 99, numRuns: 2000 },
    );
  });
});
