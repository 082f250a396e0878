import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentStart } from './lineHeader.js';

const content = (line: string) => line.slice(contentStart(line));

describe('contentStart', () => {
  it.each([
    // Loghub shapes
    [
      '03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogsopening app',
      'printFreezingDisplayLogsopening app',
    ],
    [
      '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties',
      'workerEnv.init() ok /etc/httpd/conf/workers2.properties',
    ],
    [
      '[Sun Dec 04 05:15:09 2005] [error] [client 222.166.160.184] Directory index forbidden',
      '[client 222.166.160.184] Directory index forbidden',
    ],
    [
      '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected',
      'instruction cache parity error corrected',
    ],
    [
      '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_3886 terminating',
      'PacketResponder 1 for block blk_3886 terminating',
    ],
    [
      'Dec 10 06:55:46 LabSZ sshd[24200]: reverse mapping checking getaddrinfo for ns.example.com failed',
      'reverse mapping checking getaddrinfo for ns.example.com failed',
    ],
    [
      '17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers',
      'Registered signal handlers',
    ],
    [
      '2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: 3200',
      'Notification time out: 3200',
    ],
    // Lambda runtimes
    [
      '2026-11-26T09:00:17.000Z\t1fb17c23-90c1-92cf-d3ac-94af0f21ddb6\tERROR\tInvoke Error boom',
      'Invoke Error boom',
    ],
    [
      '[ERROR]\t2026-11-26T09:00:17.000Z\t1fb17c23-90c1-92cf-d3ac-94af0f21ddb6\tJob 9594 failed',
      'Job 9594 failed',
    ],
    // A leading level, a leading time only
    ['ERROR Connection to 10.0.0.1 refused', 'Connection to 10.0.0.1 refused'],
    ['2026-11-26T09:00:15.000Z took 5 ms', 'took 5 ms'],
  ])('%s', (line, expected) => {
    expect(content(line)).toBe(expected);
  });

  it.each([
    'User login successful - user_id: user123 from IP 192.168.1.100',
    'Critical system failure - disk space full on /var/log',
    'Error connecting to the database',
    'START RequestId: 8f5a Version: $LATEST',
    'GET /api/orders 200',
    'ERROR',
    '2026-11-26T09:00:15.000Z',
    '',
  ])('leaves text without a header whole: %s', (line) => {
    expect(contentStart(line)).toBe(0);
  });

  it('always returns a start inside the line that leaves some content', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (line) => {
        const start = contentStart(line);
        expect(start).toBeGreaterThanOrEqual(0);
        expect(start === 0 || start < line.length).toBe(true);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});
