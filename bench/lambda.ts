/**
 * The built processor bundle (dist/lambda/processor.mjs) as Lambda runs it: cold init, then one
 * batch per invocation, in a fresh Node process per measurement. Compute is measured with the
 * stores in memory (LOGSIFT_STORES=memory, no archive, no SNS); end to end on the emulators
 * (dynalite, s3rver, the fake SNS), whose latencies are not AWS's: read those as relative.
 * The cost model combines the measured compute with the writes the design makes per event.
 */
import { gzipSync } from 'node:zlib';
import { TABLES } from '../src/adapters/aws/schema.js';
import { startDynalite } from '../test/helpers/dynalite.js';
import { startFakeSns } from '../test/helpers/fakeSns.js';
import { invoke } from '../test/helpers/lambdaRunner.js';
import { startS3rver } from '../test/helpers/s3rver.js';

/** us-east-1 list prices (checked 2026-11): Lambda arm64, DynamoDB on-demand, S3 Standard. */
export const PRICES = {
  lambdaGbSecondArm: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  dynamoWriteRequestUnit: 0.625 / 1e6,
  dynamoReadRequestUnit: 0.125 / 1e6,
  s3Put: 0.005 / 1000,
} as const;

/** The processor's memory size in the CDK stack (infra/lib/LogsiftProcessor.ts), MB. */
export const PROCESSOR_MEMORY_MB = 512;

export interface LambdaFigures {
  initMs: number;
  batch1kMs: number;
  batch1kMb: number;
  batch10kMs: number;
  batch10kMb: number;
  /** First (cold) invocation on 10k events, ms. */
  batch10kColdMs: number;
  e2eBatch1kMs: number;
  e2eBatch10kMs: number;
  costPerMillionUsd: number;
  costBreakdown: Record<string, number>;
}

function event(lines: string[], n: number, offset: number, group = '/aws/lambda/bench'): unknown {
  const t0 = Date.UTC(2026, 10, 26, 12, 0, 0);
  const payload = {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: group,
    logStream: '2026/11/26/[$LATEST]bench',
    subscriptionFilters: ['logsift'],
    logEvents: Array.from({ length: n }, (_, i) => ({
      id: String(offset + i),
      timestamp: t0 + offset + i,
      message: lines[(offset + i) % lines.length]!,
    })),
  };
  return { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
}

const COMPUTE_ENV = { LOGSIFT_STORES: 'memory' };

export async function measureLambda(
  lines: string[],
  log: (s: string) => void = () => {},
): Promise<LambdaFigures> {
  // Cold init: the best of 5 fresh processes importing the bundle.
  let initMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++)
    initMs = Math.min(initMs, (await invoke('processor.mjs', [], COMPUTE_ENV)).initMs);
  log(`  cold init ${initMs.toFixed(0)} ms`);

  // Compute: a cold invocation, then warm ones; duration of the best warm one, peak memory of the process.
  const compute = async (n: number) => {
    const events = [0, 1, 2, 3].map((k) => event(lines, n, k * n));
    const run = await invoke('processor.mjs', events, COMPUTE_ENV);
    const failed = run.results.find((r) => !r.ok);
    if (failed) throw new Error(`processor failed: ${failed.error}`);
    const warm = Math.min(...run.results.slice(1).map((r) => r.ms));
    return { cold: run.results[0]!.ms, warm, mb: run.maxRssMb };
  };
  const c1k = await compute(1000);
  const c10k = await compute(10_000);
  log(
    `  compute: 1k events ${c1k.warm.toFixed(0)} ms, 10k events ${c10k.warm.toFixed(0)} ms (cold ${c10k.cold.toFixed(0)} ms), peak ${c10k.mb.toFixed(0)} MB`,
  );

  // End to end on the emulators.
  const ddb = await startDynalite();
  const s3 = await startS3rver({ bucket: 'logsift-bench' });
  const sns = await startFakeSns();
  try {
    const tables = await ddb.createTables('bench');
    const env: Record<string, string> = {
      ...s3.env,
      AWS_ENDPOINT_URL_DYNAMODB: ddb.endpoint,
      AWS_ENDPOINT_URL_SNS: sns.endpoint,
      SNS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:logsift-alerts',
    };
    for (const def of TABLES) env[def.envVar] = tables[def.id];
    const e2e = async (n: number) => {
      const run = await invoke('processor.mjs', [event(lines, n, 5e6 + n), event(lines, n, 6e6 + n)], env);
      const failed = run.results.find((r) => !r.ok);
      if (failed) throw new Error(`processor failed on the emulators: ${failed.error}`);
      return run.results[1]!.ms;
    };
    const e1k = await e2e(1000);
    const e10k = await e2e(10_000);
    log(`  end to end on emulators: 1k events ${e1k.toFixed(0)} ms, 10k events ${e10k.toFixed(0)} ms`);

    // Cost per million events in 10k-event batches: measured compute at the stack's memory size;
    // per event one events-table write plus its index writes (bySeverity, byTime, and byCorrelation for
    // about a third of events), one read to count duplicates; per batch the metric windows (a read
    // and a write each, about 2 windows), one S3 PUT, and a pattern-state PUT now and then.
    const perMillion = 1e6;
    const batches = perMillion / 10_000;
    const gbSeconds = (PROCESSOR_MEMORY_MB / 1024) * (c10k.warm / 1000) * batches;
    const breakdown = {
      lambda_compute: gbSeconds * PRICES.lambdaGbSecondArm,
      lambda_requests: batches * PRICES.lambdaRequest,
      dynamodb_event_writes: perMillion * (1 + 2 + 1 / 3) * PRICES.dynamoWriteRequestUnit,
      dynamodb_duplicate_reads: perMillion * 0.5 * PRICES.dynamoReadRequestUnit,
      dynamodb_metric_windows:
        batches * 2 * (PRICES.dynamoWriteRequestUnit * 2 + PRICES.dynamoReadRequestUnit),
      s3_puts: batches * 1.1 * PRICES.s3Put,
    };
    const cost = Object.values(breakdown).reduce((a, b) => a + b, 0);
    return {
      initMs,
      batch1kMs: c1k.warm,
      batch1kMb: c1k.mb,
      batch10kMs: c10k.warm,
      batch10kMb: c10k.mb,
      batch10kColdMs: c10k.cold,
      e2eBatch1kMs: e1k,
      e2eBatch10kMs: e10k,
      costPerMillionUsd: cost,
      costBreakdown: Object.fromEntries(
        Object.entries(breakdown).map(([k, v]) => [k, Math.round(v * 1e5) / 1e5]),
      ),
    };
  } finally {
    await ddb.stop();
    await s3.close();
    await sns.close();
  }
}
