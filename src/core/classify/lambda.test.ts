import { describe, expect, it } from 'vitest';
import type { Severity } from '../types.js';
import { createExplainer } from './index.js';

const explain = createExplainer();
const ID = '3f0e5d0a-1c2b-4d5e-8f90-123456789abc';

describe('Lambda platform lines', () => {
  const cases: Array<[string, Severity, string]> = [
    [`START RequestId: ${ID} Version: $LATEST`, 'INFO', 'lambda:START'],
    [`END RequestId: ${ID}`, 'INFO', 'lambda:END'],
    [
      'INIT_START Runtime Version: nodejs:20.v13 Runtime Version ARN: arn:aws:lambda:...',
      'INFO',
      'lambda:INIT_START',
    ],
    [
      `REPORT RequestId: ${ID}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB`,
      'INFO',
      'lambda:REPORT',
    ],
    [
      `REPORT RequestId: ${ID}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\tStatus: timeout`,
      'ERROR',
      'lambda:status:timeout',
    ],
    [`REPORT RequestId: ${ID}\tDuration: 5.00 ms\tStatus: error`, 'ERROR', 'lambda:status:error'],
    [
      `REPORT RequestId: ${ID}\tDuration: 5.00 ms\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.OutOfMemory`,
      'CRITICAL',
      'lambda:status:error:Runtime.OutOfMemory',
    ],
    [
      'INIT_REPORT Init Duration: 10.00 ms\tPhase: init\tStatus: error\tError Type: Runtime.ExitError',
      'CRITICAL',
      'lambda:status:error:Runtime.ExitError',
    ],
    ['INIT_REPORT Init Duration: 9999.00 ms\tPhase: init\tStatus: timeout', 'ERROR', 'lambda:status:timeout'],
    ['EXTENSION Name: datadog State: Ready Events: [INVOKE, SHUTDOWN]', 'INFO', 'lambda:EXTENSION'],
  ];
  it.each(cases)('%s', (line, severity, reason) => {
    expect(explain(line)).toEqual({ severity, reason });
  });
});

describe('Lambda runtime lines', () => {
  const cases: Array<[string, string, Severity]> = [
    [
      'node error',
      `2024-01-01T12:00:00.000Z\t${ID}\tERROR\tInvoke Error \t{"errorType":"TypeError"}`,
      'ERROR',
    ],
    ['node info', `2024-01-01T12:00:00.000Z\t${ID}\tINFO\tno error today, request failed=0`, 'INFO'],
    ['node warn', `2024-01-01T12:00:00.000Z\t${ID}\tWARN\tslow`, 'WARNING'],
    ['node debug', `2024-01-01T12:00:00.000Z\t${ID}\tDEBUG\tpayload`, 'DEBUG'],
    ['node trace', `2024-01-01T12:00:00.000Z\t${ID}\tTRACE\tpayload`, 'DEBUG'],
    ['node fatal', `2024-01-01T12:00:00.000Z\t${ID}\tFATAL\tbye`, 'CRITICAL'],
    ['node init', '2024-01-01T12:00:00.000Z\tundefined\tERROR\tUncaught Exception', 'ERROR'],
    ['dotnet', `2024-01-01T12:00:00.000Z\t${ID}\tfail\tUnhandled`, 'ERROR'],
    ['dotnet', `2024-01-01T12:00:00.000Z\t${ID}\tinfo\tok`, 'INFO'],
    ['dotnet', `2024-01-01T12:00:00.000Z\t${ID}\twarn\tslow`, 'WARNING'],
    ['python', `[ERROR]\t2024-01-01T12:00:00.000Z\t${ID}\tsomething broke`, 'ERROR'],
    ['python', `[INFO]\t2024-01-01T12:00:00.000Z\t${ID}\tretrying failed job`, 'INFO'],
    ['python', `[WARNING]\t2024-01-01T12:00:00.000Z\t${ID}\tslow`, 'WARNING'],
    ['python', `[DEBUG]\t2024-01-01T12:00:00.000Z\t${ID}\tpayload`, 'DEBUG'],
    ['python import', "[ERROR] Runtime.ImportModuleError: Unable to import module 'app'", 'ERROR'],
    ['java log4j2', `2024-01-01 12:00:00 ${ID} ERROR Handler:42 - boom`, 'ERROR'],
    ['java log4j2', `2024-01-01 12:00:00 ${ID} INFO  Handler:42 - error count 3`, 'INFO'],
  ];
  it.each(cases)('%s: %s', (_runtime, line, expected) => {
    expect(explain(line).severity).toBe(expected);
  });

  it('explains the runtime level field', () => {
    expect(explain(`2024-01-01T12:00:00.000Z\t${ID}\tERROR\tx`).reason).toBe('lambda-runtime:ERROR');
  });
});

describe('Lambda failure messages', () => {
  it.each([
    [`2024-01-01T12:00:03.000Z ${ID} Task timed out after 3.00 seconds`, 'ERROR', 'lambda:timeout'],
    [`RequestId: ${ID} Error: Runtime exited with error: signal: killed`, 'CRITICAL', 'lambda:runtime-exit'],
    ['Runtime.ExitError', 'CRITICAL', 'lambda:runtime-exit'],
    [`RequestId: ${ID} Error: Runtime exited without providing a reason`, 'CRITICAL', 'lambda:runtime-exit'],
    ['Error Type: Runtime.OutOfMemory', 'CRITICAL', 'lambda:out-of-memory'],
  ] as const)('%s', (line, severity, reason) => {
    expect(explain(line)).toEqual({ severity, reason });
  });
});
