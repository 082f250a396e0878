/**
 * `npm run bench`: throughput and accuracy of the analysis core, side by side with the seed
 * measured in the same run on the same CloudWatch events. Progress goes to stderr; the last line
 * on stdout is one JSON object of named figures.
 *
 * Data: Loghub-2k (../shared/data/loghub2k), read at run time, never copied into the repo.
 * Loghub: Zhu, He, He, Liu, Lyu, "Loghub: A Large Collection of System Log Datasets for AI-driven
 * Log Analytics", ISSRE 2023, github.com/logpai/loghub.
 */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Analyzer } from '../src/core/Analyzer.js';
import { createClassifier } from '../src/core/classify/index.js';
import { parseConfig } from '../src/core/config.js';
import { decodeCloudWatchEvent } from '../src/core/decode/index.js';
import { measureLambda } from './lambda.js';
import { measureLocalIngest } from './localIngest.js';
import {
  LOGHUB_SYSTEMS,
  type LoghubRow,
  type LoghubSystem,
  loadLoghub,
  loghubAvailable,
  loghubDir,
} from './loghub.js';
import { groupingAccuracy, measureGroupingAccuracy } from './patternsAccuracy.js';
import { runSeed, seedAvailable, seedRunner } from './seedPeer.js';
import { measureSeverityAccuracy } from './severityAccuracy.js';

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;

/** One CloudWatch Logs subscription event per system, with all its lines, as Lambda receives it. */
function cloudWatchEvent(system: LoghubSystem, rows: LoghubRow[]): { awslogs: { data: string } } {
  const base = Date.UTC(2026, 10, 26, 12, 0, 0);
  const payload = {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: `/loghub/${system}`,
    logStream: `${system}-2k`,
    subscriptionFilters: ['logsift'],
    logEvents: rows.map((r, i) => ({
      id: String(37000000000000000000000000000000000000000000000000000000n + BigInt(i)),
      timestamp: base + i * 150,
      message: r.raw,
    })),
  };
  return { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
}

/**
 * GA of the pipeline's own pattern ids on the raw lines (headers and all, as a shipper sends them):
 * a fresh Analyzer per system over its CloudWatch event, ids resolved through merges, scored with
 * the same GA as the Content-column figure.
 */
function rawGroupingAccuracy(
  data: readonly { system: LoghubSystem; rows: LoghubRow[] }[],
  events: readonly { awslogs: { data: string } }[],
): number {
  let sum = 0;
  data.forEach(({ rows }, i) => {
    const analyzer = new Analyzer(parseConfig({}));
    const batch = decodeCloudWatchEvent(events[i]);
    const { events: analyzed } = analyzer.analyze(batch);
    const miner = analyzer.miner(batch.group)!;
    const ids = analyzed.map((e) => miner.resolve(e.patternId!) ?? e.patternId!);
    sum += groupingAccuracy(
      ids,
      rows.map((r) => r.eventId),
    );
  });
  return sum / data.length;
}

async function main(): Promise<void> {
  const dir = loghubDir();
  if (!loghubAvailable(dir)) {
    console.error(`bench: Loghub data not found at ${dir} (set LOGHUB_DIR)`);
    process.exit(2);
  }
  log(`bench: data ${dir}`);
  const data = LOGHUB_SYSTEMS.map((system) => ({ system, rows: loadLoghub(system, dir) }));
  const events = data.map(({ system, rows }) => cloudWatchEvent(system, rows));
  const totalEvents = data.reduce((n, d) => n + d.rows.length, 0);

  // Core pipeline: decode -> classify -> extract -> redact -> aggregate, then with pattern mining.
  log(`bench: core pipeline over ${totalEvents} events (${events.length} CloudWatch batches, bundled)...`);
  const bundle = fileURLToPath(new URL('../dist/bench/coreThroughput.mjs', import.meta.url));
  const { measureCoreThroughput } = (await import(bundle)) as typeof import('./coreThroughput.js');
  const throughput = measureCoreThroughput(events, totalEvents);
  const coreEventsPerS = throughput.core;
  const fullEventsPerS = throughput.withPatterns;
  log(`  core: ${Math.round(coreEventsPerS).toLocaleString('en-US')} events/s`);
  log(`  core + patterns: ${Math.round(fullEventsPerS).toLocaleString('en-US')} events/s`);

  // Severity accuracy against the Level column.
  const classify = createClassifier(parseConfig({}).classify);
  const accuracy = measureSeverityAccuracy((m) => classify(m));
  log(`  severity accuracy: ${(accuracy.overall.accuracy * 100).toFixed(2)}% overall`);

  // The seed on the same events, in this run.
  const runner = seedRunner(dir);
  let seedEventsPerS: number | null = null;
  let seedAccuracy: number | null = null;
  const seedPerSystem: Record<string, number> = {};
  if (seedAvailable(runner)) {
    log('bench: seed peer (python3 run_seed_core.py, best of 5 per system)...');
    let seedEvents = 0;
    let seedSeconds = 0;
    let correct = 0;
    let labelled = 0;
    data.forEach(({ system, rows }, i) => {
      const run = runSeed(runner, events[i], 5);
      seedEvents += run.events;
      seedSeconds += run.seconds;
      let c = 0;
      let n = 0;
      rows.forEach((row, j) => {
        if (!row.level) return;
        n++;
        if (run.perEvent[j] === row.level) c++;
      });
      if (n > 0) seedPerSystem[system] = round(c / n);
      correct += c;
      labelled += n;
    });
    seedEventsPerS = seedEvents / seedSeconds;
    seedAccuracy = labelled > 0 ? correct / labelled : null;
    log(
      `  seed: ${Math.round(seedEventsPerS).toLocaleString('en-US')} events/s, severity accuracy ${((seedAccuracy ?? 0) * 100).toFixed(2)}%`,
    );
  } else {
    log(`bench: seed runner not found at ${runner} or python3 missing: seed figures are null`);
  }

  // Pattern mining (issue: log patterns): grouping accuracy and miner throughput.
  log('bench: pattern grouping accuracy (Content column, fresh miner per system)...');
  const ga = measureGroupingAccuracy();
  log(
    `  GA average ${ga.average.toFixed(4)}, ${Math.round(ga.linesPerSecond).toLocaleString('en-US')} lines/s`,
  );

  const rawGa = rawGroupingAccuracy(data, events);
  log(`  GA on raw lines through the Analyzer (header skipped): ${rawGa.toFixed(4)}`);

  // Local mode: HTTP ingest into SQLite, the server in its own process.
  log(
    'bench: local server under load (logsift serve in a child process, 4 clients x 1000-event batches, 10 s)...',
  );
  const cli = fileURLToPath(new URL('../bin/logsift.mjs', import.meta.url));
  const local = await measureLocalIngest({ lines: data.flatMap((d) => d.rows.map((r) => r.raw)), cli, log });
  log(
    `  ingest ${Math.round(local.eventsPerS).toLocaleString('en-US')} events/s; queryable p99 ${local.queryableP99Ms.toFixed(0)} ms; alert delivered p99 ${local.alertP99Ms.toFixed(0)} ms`,
  );

  // AWS: the built processor bundle, compute and end to end on the emulators, and the cost model.
  log('bench: Lambda processor bundle (dist/lambda/processor.mjs in fresh Node processes)...');
  const lambda = await measureLambda(
    data.flatMap((d) => d.rows.map((r) => r.raw)),
    log,
  );
  log(
    `  cost per million events ~ $${lambda.costPerMillionUsd.toFixed(2)} (${JSON.stringify(lambda.costBreakdown)})`,
  );

  const severityPerSystem: Record<string, number> = {};
  for (const [system, r] of Object.entries(accuracy.perSystem)) severityPerSystem[system] = round(r.accuracy);
  const gaPerSystem: Record<string, number> = {};
  for (const [system, r] of Object.entries(ga.perSystem)) gaPerSystem[system] = round(r.ga);

  const figures = {
    core_events_per_s: Math.round(coreEventsPerS),
    core_with_patterns_events_per_s: Math.round(fullEventsPerS),
    seed_events_per_s: seedEventsPerS === null ? null : Math.round(seedEventsPerS),
    core_vs_seed_speedup: seedEventsPerS === null ? null : round(coreEventsPerS / seedEventsPerS, 2),
    severity_accuracy: round(accuracy.overall.accuracy),
    seed_severity_accuracy: seedAccuracy === null ? null : round(seedAccuracy),
    severity_accuracy_per_system: severityPerSystem,
    seed_severity_accuracy_per_system: seedPerSystem,
    patterns_ga_avg: round(ga.average),
    patterns_ga_per_system: gaPerSystem,
    patterns_lines_per_s: Math.round(ga.linesPerSecond),
    patterns_raw_ga_avg: round(rawGa),
    local_ingest_events_per_s: Math.round(local.eventsPerS),
    local_queryable_p99_ms: Math.round(local.queryableP99Ms),
    local_alert_p99_ms: Math.round(local.alertP99Ms),
    lambda_init_ms: Math.round(lambda.initMs),
    lambda_1k_batch_ms: Math.round(lambda.batch1kMs),
    lambda_10k_batch_ms: Math.round(lambda.batch10kMs),
    lambda_10k_batch_cold_ms: Math.round(lambda.batch10kColdMs),
    lambda_10k_batch_mb: Math.round(lambda.batch10kMb),
    lambda_e2e_emulators_10k_batch_ms: Math.round(lambda.e2eBatch10kMs),
    cost_per_million_events_usd: Math.round(lambda.costPerMillionUsd * 100) / 100,
    events: totalEvents,
    node: process.version,
  };
  console.log(JSON.stringify(figures));
}

await main();
