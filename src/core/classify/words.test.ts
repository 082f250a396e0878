import { describe, expect, it } from 'vitest';
import type { Severity } from '../types.js';
import { createExplainer } from './index.js';

const explain = createExplainer();

describe('severity words', () => {
  const cases: Array<[string, Severity]> = [
    // CRITICAL
    ['panic: runtime error: index out of range', 'CRITICAL'],
    ['goroutine panicked', 'CRITICAL'],
    ['fatal: not a git repository', 'CRITICAL'],
    ['Kernel panic - not syncing: VFS', 'CRITICAL'],
    ['Out of memory: Killed process 1234 (java)', 'CRITICAL'],
    ['java.lang.OutOfMemoryError: Java heap space', 'CRITICAL'],
    ['container OOMKilled', 'CRITICAL'],
    ['invoked oom-killer: gfp_mask=0x0', 'CRITICAL'],
    ['Segmentation fault (core dumped)', 'CRITICAL'],
    ['app[123]: segfault at 0 ip 0000 sp 0000', 'CRITICAL'],
    ['emergency shutdown initiated', 'CRITICAL'],
    // ERROR
    ['Something went wrong: error 42', 'ERROR'],
    ['3 errors found', 'ERROR'],
    ['Unhandled exception in worker', 'ERROR'],
    ['java.lang.NullPointerException at Foo.bar', 'ERROR'],
    ['TypeError: cannot read properties of undefined', 'ERROR'],
    ['Traceback (most recent call last):', 'ERROR'],
    ['job failed after 3 attempts', 'ERROR'],
    ['upload FAILED', 'ERROR'],
    ['disk failure detected', 'ERROR'],
    ['connect ECONNREFUSED: connection refused', 'ERROR'],
    ['Permission denied (publickey)', 'ERROR'],
    ['upstream timed out while reading', 'ERROR'],
    ['worker crashed', 'ERROR'],
    // WARNING
    ['warning: low disk', 'WARNING'],
    ['WARN something odd', 'WARNING'],
    ['this API is deprecated', 'WARNING'],
    ['retrying in 5s', 'WARNING'],
    // nothing
    ['User login successful', 'INFO'],
    ['the terror of mirrors', 'INFO'],
    ['error_count=5 is only a metric name', 'INFO'],
    ['failover complete', 'INFO'],
    ['printing stack trace to debug log', 'INFO'],
    ['timeout=30s configured', 'INFO'],
  ];
  it.each(cases)('%s -> %s', (line, expected) => {
    expect(explain(line).severity).toBe(expected);
  });
});

describe('negations', () => {
  it.each([
    'no error',
    'completed with no errors',
    'backup done, 0 errors',
    'zero errors reported',
    'errors=0',
    'errors: 0 warnings: 0',
    'error: none',
    'Error: None',
    'finished without error',
    'finished without errors',
    '"error":null',
    'error=false',
    'a non-fatal condition',
    'not critical',
    'never failed',
    'error-free run',
    'error_count=0',
    'failures: 0, retries=0',
  ])('%s -> INFO', (line) => {
    expect(explain(line)).toEqual({ severity: 'INFO', reason: 'fallback' });
  });

  it('negates only the word it applies to', () => {
    expect(explain('0 errors, 2 warnings').severity).toBe('WARNING');
    expect(explain('no errors but disk failure').severity).toBe('ERROR');
    expect(explain('errors: 10').severity).toBe('ERROR');
    expect(explain('errors=0.5 rate').severity).toBe('ERROR');
  });
});

describe('precedence among words', () => {
  it.each([
    ['critical error in module', 'CRITICAL'],
    ['error: fatal condition', 'CRITICAL'],
    ['warning: request failed', 'ERROR'],
    ['deprecated call raised an exception', 'ERROR'],
    ['warning, then panic', 'CRITICAL'],
  ] as const)('%s -> %s', (line, expected) => {
    expect(explain(line).severity).toBe(expected);
  });

  it('explains with the deciding word', () => {
    expect(explain('warning: fatal error').reason).toBe('word:fatal');
  });
});
