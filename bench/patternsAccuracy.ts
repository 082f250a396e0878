/**
 * Grouping accuracy (GA) and throughput of the pattern miner on Loghub-2k (Zhu et al., ISSRE 2023,
 * github.com/logpai/loghub), read from ../shared/data/loghub2k at run time.
 *
 * GA: the Content column is fed one line per message into a fresh miner per system; a line is
 * correct when the set of lines in its final group (ids resolved through merge aliases after all
 * lines are fed) equals the set of lines sharing its ground-truth EventId.
 *
 * Run: npx tsx bench/patternsAccuracy.ts [--verbose SYSTEM]
 */
import { PatternMiner, type PatternMinerOptions } from '../src/core/patterns/index.js';
import { DRAIN_GA, LOGHUB_SYSTEMS, type LoghubRow, type LoghubSystem, loadLoghub } from './loghub.js';

export interface SystemAccuracy {
  ga: number;
  drain: number;
  patterns: number;
  truthPatterns: number;
}

export interface GroupingAccuracy {
  perSystem: Record<LoghubSystem, SystemAccuracy>;
  average: number;
  linesPerSecond: number;
}

export interface MeasureOptions {
  miner?: PatternMinerOptions;
  /** Wall time spent in the throughput loop, ms. Default 1500. */
  throughputMs?: number;
}

/** Final group of every line: the ids add() returned, resolved through merge aliases. */
export function finalGroups(rows: readonly LoghubRow[], options?: PatternMinerOptions): string[] {
  const miner = new PatternMiner(options);
  const ids = rows.map((r, i) => miner.add(r.content, i).patternId);
  return ids.map((id) => miner.resolve(id) ?? id);
}

/** GA of predicted groups against truth labels (both one entry per line). */
export function groupingAccuracy(predicted: readonly string[], truth: readonly string[]): number {
  const predSize = new Map<string, number>();
  const truthSize = new Map<string, number>();
  const pairSize = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (let i = 0; i < predicted.length; i++) {
    bump(predSize, predicted[i]!);
    bump(truthSize, truth[i]!);
    bump(pairSize, `${predicted[i]}\u0000${truth[i]}`);
  }
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) {
    const pair = pairSize.get(`${predicted[i]}\u0000${truth[i]}`)!;
    if (pair === predSize.get(predicted[i]!) && pair === truthSize.get(truth[i]!)) correct++;
  }
  return predicted.length === 0 ? 1 : correct / predicted.length;
}

/** Measures GA per system, the average, and warm `add` throughput on one core. */
export function measureGroupingAccuracy(options: MeasureOptions = {}): GroupingAccuracy {
  const data = LOGHUB_SYSTEMS.map((s) => [s, loadLoghub(s)] as const);
  const perSystem = {} as Record<LoghubSystem, SystemAccuracy>;
  let sum = 0;
  for (const [system, rows] of data) {
    const groups = finalGroups(rows, options.miner);
    const ga = groupingAccuracy(
      groups,
      rows.map((r) => r.eventId),
    );
    perSystem[system] = {
      ga,
      drain: DRAIN_GA[system],
      patterns: new Set(groups).size,
      truthPatterns: new Set(rows.map((r) => r.eventId)).size,
    };
    sum += ga;
  }
  return { perSystem, average: sum / data.length, linesPerSecond: throughput(data, options) };
}

function throughput(
  data: readonly (readonly [LoghubSystem, LoghubRow[]])[],
  options: MeasureOptions,
): number {
  const miners = data.map(() => new PatternMiner(options.miner));
  const lines = data.map(([, rows]) => rows.map((r) => r.content));
  const round = () => {
    for (let s = 0; s < lines.length; s++) {
      const miner = miners[s]!;
      for (const line of lines[s]!) miner.add(line, 0);
    }
  };
  round(); // warm up: JIT and the miners' state
  const budget = options.throughputMs ?? 1500;
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    round();
    n += lines.reduce((a, l) => a + l.length, 0);
    elapsed = performance.now() - start;
  } while (elapsed < budget);
  return Math.round((n / elapsed) * 1000);
}

/** Prints the truth groups that were split or merged, largest first. */
function explain(system: LoghubSystem, options?: PatternMinerOptions, limit = 12): void {
  const rows = loadLoghub(system);
  const miner = new PatternMiner(options);
  const ids = rows.map((r, i) => miner.add(r.content, i).patternId);
  const groups = ids.map((id) => miner.resolve(id) ?? id);
  const template = new Map(miner.patterns().map((p) => [p.id, p.template]));
  const byTruth = new Map<string, Map<string, number[]>>();
  for (let i = 0; i < rows.length; i++) {
    const t = rows[i]!.eventId;
    const m = byTruth.get(t) ?? new Map<string, number[]>();
    byTruth.set(t, m);
    const list = m.get(groups[i]!) ?? [];
    list.push(i);
    m.set(groups[i]!, list);
  }
  const predTruths = new Map<string, Set<string>>();
  for (let i = 0; i < rows.length; i++) {
    const s = predTruths.get(groups[i]!) ?? new Set<string>();
    s.add(rows[i]!.eventId);
    predTruths.set(groups[i]!, s);
  }
  const bad = [...byTruth.entries()]
    .map(([t, m]) => {
      const size = [...m.values()].reduce((a, l) => a + l.length, 0);
      const merged = [...m.keys()].some((g) => predTruths.get(g)!.size > 1);
      return { t, m, size, wrong: m.size > 1 || merged };
    })
    .filter((x) => x.wrong)
    .sort((a, b) => b.size - a.size)
    .slice(0, limit);
  for (const { t, m, size } of bad) {
    const first = rows.find((r) => r.eventId === t)!;
    console.log(`\n${t} (${size} lines) truth: ${first.eventTemplate}`);
    for (const [g, list] of m) {
      const others = [...predTruths.get(g)!].filter((x) => x !== t);
      console.log(
        `  -> ${list.length} in ${template.get(g)}${others.length ? `   [also ${others.slice(0, 5).join(',')}]` : ''}`,
      );
      console.log(`       e.g. ${rows[list[0]!]!.content.slice(0, 160)}`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const verbose = process.argv.indexOf('--verbose');
  if (verbose >= 0) {
    explain(process.argv[verbose + 1] as LoghubSystem);
  } else {
    const result = measureGroupingAccuracy();
    for (const [system, r] of Object.entries(result.perSystem)) {
      const delta = r.ga - r.drain;
      console.log(
        `${system.padEnd(10)} GA ${r.ga.toFixed(3)}  Drain ${r.drain.toFixed(3)} (${delta >= 0 ? '+' : ''}${delta.toFixed(3)})  patterns ${r.patterns}/${r.truthPatterns}`,
      );
    }
    console.log(
      `average GA ${result.average.toFixed(4)} (Drain 0.943)  add: ${result.linesPerSecond} lines/s`,
    );
    console.log(JSON.stringify({ averageGA: result.average, linesPerSecond: result.linesPerSecond }));
  }
}
