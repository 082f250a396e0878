/**
 * The processor bundle's custom metrics as CloudWatch would read them: the EMF lines
 * dist/lambda/processor.mjs writes to stdout (the function's log group in AWS), with the stores in
 * memory (LOGSIFT_STORES=memory) so no emulator is needed.
 */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEED_TEST_MESSAGES } from '../../src/apps/cli/sendTestLogs.js';
import { cloudWatchEvent, DEFAULT_LOG_GROUP } from '../fixtures/cloudwatch.js';
import { invoke } from '../helpers/lambdaRunner.js';

const root = new URL('../..', import.meta.url).pathname;

interface EmfLine {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  [key: string]: unknown;
}

/** The EMF lines among the bundle's stdout (the Powertools Logger writes JSON there too). */
function emfLines(stdout: string): EmfLine[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter(
      (l): l is EmfLine => typeof l._aws === 'object' && l._aws !== null && 'CloudWatchMetrics' in l._aws,
    );
}

beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', 'lambda'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}, 60_000);

describe('processor.mjs metrics (EMF on stdout)', () => {
  const seed = cloudWatchEvent({ events: [...SEED_TEST_MESSAGES] });
  const undecodable = { awslogs: { data: 'H4sIAAAAAAAAA-not-really-gzip' } };

  it('writes one line per log group and one per invocation, each invocation, failures included', async () => {
    // Act
    const run = await invoke('processor.mjs', [seed, undecodable], { LOGSIFT_STORES: 'memory' });

    // Assess
    expect(run.results.map((r) => r.ok)).toEqual([true, true]);
    const lines = emfLines(run.stdout);
    expect(lines).toHaveLength(3);
    const [group, first, second] = lines as [EmfLine, EmfLine, EmfLine];
    expect(group._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'logsift',
        Dimensions: [['service', 'LogGroup']],
        Metrics: expect.arrayContaining([{ Name: 'Events', Unit: 'Count' }]),
      },
    ]);
    expect(group).toMatchObject({
      service: 'processor',
      LogGroup: DEFAULT_LOG_GROUP,
      Events: 5,
      'Events.CRITICAL': 1,
      'Events.ERROR': 2,
      'Events.WARNING': 1,
      'Events.INFO': 1,
      'Events.DEBUG': 0,
      Duplicates: 0,
      AlertsFired: 1,
      AlertDeliveryFailures: 0,
    });
    expect(first._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([['service']]);
    expect(first).toMatchObject({ BatchesFailed: 0, PayloadsArchivedAsFailed: 0, TransientFailures: 0 });
    // No S3_BUCKET: the undecodable payload is counted as failed but could not be kept.
    expect(second).toMatchObject({ BatchesFailed: 1, PayloadsArchivedAsFailed: 0, TransientFailures: 0 });
    expect(second).not.toHaveProperty('LogGroup');
  }, 60_000);

  it('takes the namespace from POWERTOOLS_METRICS_NAMESPACE and writes nothing with LOGSIFT_METRICS=off', async () => {
    // Act
    const renamed = await invoke('processor.mjs', [seed], {
      LOGSIFT_STORES: 'memory',
      POWERTOOLS_METRICS_NAMESPACE: 'acme-logs',
    });
    const off = await invoke('processor.mjs', [seed], { LOGSIFT_STORES: 'memory', LOGSIFT_METRICS: 'off' });

    // Assess
    expect(emfLines(renamed.stdout).map((l) => l._aws.CloudWatchMetrics[0]!.Namespace)).toEqual([
      'acme-logs',
      'acme-logs',
    ]);
    expect(off.results[0]).toMatchObject({ ok: true, value: { status: 'processed', processed: 5 } });
    expect(emfLines(off.stdout)).toEqual([]);
  }, 60_000);
});
