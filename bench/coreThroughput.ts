/**
 * Throughput of the analysis core on CloudWatch events: decode -> classify -> extract -> redact ->
 * aggregate (and pattern mining, when enabled), on one core.
 *
 * `npm run bench` loads this module from its esbuild bundle (dist/bench/coreThroughput.mjs, built
 * like the Lambda and CLI bundles that run in production) rather than through tsx, whose per-module
 * export getters cost ~10% on this call-heavy code and ship nowhere.
 *
 * The statistic is the seed peer's: the best round (one round = every batch once), here over at
 * least `minMs` of rounds after a warm-up, as run_seed_core.py reports the best of its repeats.
 */
import { Analyzer } from '../src/core/Analyzer.js';
import { parseConfig } from '../src/core/config.js';
import { decodeCloudWatchEvent } from '../src/core/decode/index.js';

export interface CoreThroughput {
  /** Without pattern mining. */
  core: number;
  /** With pattern mining, the miners warm (as in a long-lived Lambda container or server). */
  withPatterns: number;
}

/** Best rate of `fn` over rounds run for at least `minMs` after 3 warm-up rounds; items per second. */
export function bestRate(items: number, fn: () => void, minMs = 2000): number {
  for (let i = 0; i < 3; i++) fn(); // warm up the JIT
  let best = Number.POSITIVE_INFINITY;
  const started = performance.now();
  do {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  } while (performance.now() - started < minMs);
  return items / (best / 1000);
}

export function measureCoreThroughput(events: readonly unknown[], totalEvents: number): CoreThroughput {
  const core = new Analyzer(parseConfig({ patterns: { enabled: false } }));
  const full = new Analyzer(parseConfig({}));
  return {
    core: bestRate(totalEvents, () => {
      for (const e of events) core.analyze(decodeCloudWatchEvent(e));
    }),
    withPatterns: bestRate(totalEvents, () => {
      for (const e of events) full.analyze(decodeCloudWatchEvent(e));
    }),
  };
}
