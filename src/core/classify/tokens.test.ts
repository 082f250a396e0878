import { describe, expect, it } from 'vitest';
import type { Severity } from '../types.js';
import { createExplainer } from './index.js';

const explain = createExplainer();

describe('level tokens in a text line header', () => {
  const cases: Array<[format: string, line: string, expected: Severity]> = [
    // log4j / logback
    ['log4j', '2024-01-01 12:00:00,123 ERROR [main] c.e.Foo - Connection established', 'ERROR'],
    [
      'log4j',
      '2024-01-01 12:00:00,123 INFO  [main] c.e.Foo - request failed for user test (expected)',
      'INFO',
    ],
    ['log4j', '2024-01-01 12:00:00,123 FATAL [main] c.e.Foo - shutting down', 'CRITICAL'],
    ['logback', '12:00:00.123 [http-nio-8080-exec-1] WARN  c.e.Foo - slow query', 'WARNING'],
    ['logback', '12:00:00.123 [main] DEBUG c.e.Foo - cache miss', 'DEBUG'],
    ['log4j-thread', '2024-01-01 12:00:00,123 - WARN  [thread:Class@12] - retry', 'WARNING'],
    ['log4j-trace', '2024-01-01 12:00:00,123 TRACE [main] c.e.Foo - entering', 'DEBUG'],
    // java.util.logging
    ['jul', 'SEVERE: Servlet.service() threw exception', 'ERROR'],
    ['jul', 'WARNING: Unable to load native library', 'WARNING'],
    ['jul', 'INFO: Server startup in 1234 ms', 'INFO'],
    ['jul', 'FINE: connection pooled', 'DEBUG'],
    // Python logging
    ['python-basic', 'ERROR:root:division by zero', 'ERROR'],
    ['python-basic', 'WARNING:urllib3.connectionpool:Retrying', 'WARNING'],
    ['python-basic', 'INFO:app:0 errors, all good', 'INFO'],
    ['python-format', '2024-01-01 12:00:00,123 - myapp - ERROR - payment declined', 'ERROR'],
    ['python-format', '2024-01-01 12:00:00,123 - myapp.db - INFO - error budget at 10%', 'INFO'],
    ['python-critical', '2024-01-01 12:00:00,123 CRITICAL app: disk full', 'CRITICAL'],
    // glog / klog
    ['klog', 'E1126 12:00:00.123456    1234 controller.go:12] sync failed', 'ERROR'],
    ['klog', 'I1126 12:00:00.123456    1234 main.go:40] error budget ok', 'INFO'],
    ['klog', 'W1126 12:00:00.123456    1234 main.go:40] slow', 'WARNING'],
    ['klog', 'F1126 12:00:00.123456    1234 main.go:40] cannot start', 'CRITICAL'],
    // Android logcat
    ['logcat', '03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogs', 'DEBUG'],
    ['logcat', '03-17 16:13:38.811  1702  2395 V Foo: verbose', 'DEBUG'],
    ['logcat', '03-17 16:13:38.811  1702  2395 I ActivityManager: Start proc', 'INFO'],
    ['logcat', '03-17 16:13:38.811  1702  2395 W Foo: error count high', 'WARNING'],
    ['logcat', '03-17 16:13:38.811  1702  2395 E Foo: null', 'ERROR'],
    ['logcat', '03-17 16:13:38.811  1702  2395 F libc: Fatal signal 11', 'CRITICAL'],
    ['logcat', '03-17 16:13:38.811  1702  2395 A libc: abort', 'CRITICAL'],
    ['logcat-brief', 'E/AndroidRuntime( 1234): FATAL EXCEPTION: main', 'ERROR'],
    ['logcat-time', '03-17 16:13:38.811 W/ActivityManager(  702): Unable to start', 'WARNING'],
    ['logcat-tag', 'I/chromium: [INFO:CONSOLE(1)] error', 'INFO'],
    // Apache httpd, nginx
    ['apache', '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok', 'INFO'],
    ['apache', '[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6', 'ERROR'],
    ['apache', '[Sun Dec 04 04:47:44 2005] [crit] no space', 'CRITICAL'],
    ['apache', '[Sun Dec 04 04:47:44 2005] [alert] config broken', 'CRITICAL'],
    ['apache', '[Sun Dec 04 04:47:44 2005] [emerg] cannot bind', 'CRITICAL'],
    ['apache', '[Sun Dec 04 04:47:44 2005] [warn] deprecated directive', 'WARNING'],
    [
      'apache24',
      '[Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 35708:tid 4328636416] [client 72.15.99.187] File does not exist',
      'ERROR',
    ],
    [
      'apache24',
      '[Wed Oct 11 14:32:52.123456 2000] [ssl:warn] [pid 1] AH01909: certificate mismatch',
      'WARNING',
    ],
    ['apache24', '[Wed Oct 11 14:32:52.123456 2000] [core:trace3] [pid 1] request.c(1): fail-safe', 'DEBUG'],
    ['nginx', '2024/01/01 12:00:00 [error] 123#0: *1 open() "/x" failed (2: No such file)', 'ERROR'],
    ['nginx', '2024/01/01 12:00:00 [notice] 1#1: signal process started', 'INFO'],
    ['nginx', '2024/01/01 12:00:00 [warn] 1#1: conflicting server name', 'WARNING'],
    // Windows CBS, BGL/RAS, HDFS, Spark, Zookeeper
    ['cbs', '2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack with errors', 'INFO'],
    ['cbs', '2016-09-28 04:30:30, Warning               CBS    Failed to get session', 'WARNING'],
    ['cbs', '2016-09-28 04:30:30, Error                 CSI    Transaction failed', 'ERROR'],
    [
      'bgl',
      '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected',
      'INFO',
    ],
    [
      'bgl',
      'KERNDTLB 1118536327 2005.06.11 R30-M0-N9-C:J16-U01 2005-06-11-17.32.07.581048 R30-M0-N9-C:J16-U01 RAS KERNEL FATAL data TLB error interrupt',
      'CRITICAL',
    ],
    [
      'bgl',
      '- 1117869872 2005.06.04 NULL 2005-06-04-00.24.32.432192 NULL NULL DISCOVERY SEVERE node card is not fully functional',
      'ERROR',
    ],
    ['hdfs', '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating', 'INFO'],
    ['hdfs', '081109 203615 148 WARN dfs.DataNode: Got exception while serving blk_1', 'WARNING'],
    [
      'spark',
      '17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers',
      'INFO',
    ],
    ['spark', '17/06/09 20:10:40 ERROR executor.Executor: Exception in task 0.0', 'ERROR'],
    [
      'zookeeper',
      '2015-07-29 17:41:44,747 - WARN  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:Learner@233] - error',
      'WARNING',
    ],
    [
      'zookeeper',
      '2015-07-29 19:04:12,394 - ERROR [LearnerHandler-/10.10.34.11:52225:LearnerHandler@562] - Unexpected',
      'ERROR',
    ],
    // Serilog, logrus, .NET console, Ruby Logger, zerolog console
    ['serilog', '[12:00:00 INF] Request finished with error page', 'INFO'],
    ['serilog', '[12:00:00 ERR] Unhandled exception', 'ERROR'],
    ['serilog', '[12:00:00 FTL] Host terminated', 'CRITICAL'],
    ['logrus', 'ERRO[0001] cannot pull image', 'ERROR'],
    ['logrus', 'WARN[0000] no config', 'WARNING'],
    ['dotnet', 'fail: Microsoft.AspNetCore.Server.Kestrel[13]', 'ERROR'],
    ['dotnet', 'info: Microsoft.Hosting.Lifetime[0]', 'INFO'],
    ['dotnet', 'crit: App[0]', 'CRITICAL'],
    ['ruby', 'E, [2024-01-01T12:00:00.123456 #1234] ERROR -- : boom', 'ERROR'],
    ['ruby', 'I, [2024-01-01T12:00:00.123456 #1234]  INFO -- : Completed 500 error', 'INFO'],
    ['zerolog', '12:00AM WRN disk almost full', 'WARNING'],
    // syslog host prefix with an application level
    ['syslog-app', 'Jan 12 06:55:46 web1 app[123]: ERROR payment failed', 'ERROR'],
    ['syslog-app', 'Jan 12 06:55:46 web1 app: [warn] slow', 'WARNING'],
    // logfmt
    ['logfmt', 'time=2024-01-01T12:00:00Z level=error msg="db down"', 'ERROR'],
    ['logfmt', 'level=info msg="error count 0"', 'INFO'],
    ['logfmt-quoted', 'time="2024-01-01T12:00:00Z" level="warning" msg="slow"', 'WARNING'],
    ['logfmt-late', 'ts=1 caller=main.go:12 component=db msg="x is FATAL" lvl=dbug', 'DEBUG'],
    ['logfmt-severity', 'at=2024-01-01 severity=CRITICAL msg=boom', 'CRITICAL'],
    ['logfmt-anywhere', 'request done path=/x status=200 level=warn', 'WARNING'],
  ];

  it.each(cases)('%s: %s', (_format, line, expected) => {
    // Act
    const { severity } = explain(line);

    // Assess
    expect(severity).toBe(expected);
  });
});

describe('syslog <PRI>', () => {
  it.each([
    ['<11>Jan  1 00:00:00 host app: something', 'ERROR'],
    ['<8>Jan  1 00:00:00 host kernel: x', 'CRITICAL'],
    ['<12>Jan  1 00:00:00 host app: x', 'WARNING'],
    ['<15>1 2024-01-01T00:00:00Z host app 1 - - x', 'DEBUG'],
    ['<14>Jan  1 00:00:00 host app: fine', 'INFO'],
    // info/notice PRI is what shippers stamp on everything: a level in the text wins.
    ['<30>Jan  1 00:00:00 host app[1]: ERROR [main] boom', 'ERROR'],
    ['<13>Jan  1 00:00:00 host app: WARN low disk', 'WARNING'],
    // an explicit err PRI wins over the text
    ['<11>Jan  1 00:00:00 host app: INFO x', 'ERROR'],
  ] as const)('%s -> %s', (line, expected) => {
    expect(explain(line).severity).toBe(expected);
  });

  it('explains the PRI', () => {
    expect(explain('<11>Jan  1 00:00:00 host app: x').reason).toBe('syslog:<11>');
  });

  it('ignores what is not a PRI', () => {
    expect(explain('<html> page').severity).toBe('INFO');
    expect(explain('<999>x').severity).toBe('INFO');
  });
});

describe('level words deep in free text are not header levels', () => {
  it.each([
    ['Setting log level to DEBUG', 'INFO'],
    ['No ERROR found in the last run', 'INFO'],
    ['User INFO page crashed with fatal error', 'CRITICAL'],
    ['2024-01-01T00:00:00Z user changed the verbosity to TRACE', 'INFO'],
    ['2024-01-01 12:00:00 Connection to db failed: ERROR 1045', 'ERROR'],
    ['request ok error=none', 'INFO'],
    ['A/B test started', 'INFO'],
    ['2024-01-01 12:00 A new session started', 'INFO'],
    // lower-case bare level names count only bracketed or as level=
    ['2024-01-01 12:00:00 debug mode enabled', 'INFO'],
    ['ts=1 msg="got ERROR from upstream" level=info', 'INFO'],
  ] as const)('%s -> %s', (line, expected) => {
    expect(explain(line).severity).toBe(expected);
  });

  it('leaves a level word in a sentence to the word rules', () => {
    expect(explain('Changing level to ERROR for module x').reason).toBe('word:error');
  });

  it('reports the token it used', () => {
    expect(explain('[ERROR] boom').reason).toBe('token:[ERROR]');
    expect(explain('2024-01-01 12:00:00 WARN x').reason).toBe('token:WARN');
    expect(explain('ERROR:root:boom').reason).toBe('token:ERROR:');
    expect(explain('E1126 12:00:00.123456 1 a.go:1] x').reason).toBe('klog:E1126');
    expect(explain('03-17 16:13:38.811  1702  2395 D Tag: x').reason).toBe('logcat:D');
    expect(explain('a=1 level=warn').reason).toMatch(/^logfmt:/);
  });
});
