/**
 * `processBatch(batch, ports, config)`: the one function every entry point calls. The Lambda
 * handlers, the local server and the CLI only turn their input into a LogBatch and wire ports.
 *
 * Order matters for the correctness rules:
 * 1. archive the batch first (masked unless `redact.archive` is false), so nothing is lost
 *    whatever fails after;
 * 2. store events (idempotent by group + id);
 * 3. apply metric deltas exactly once per batch id;
 * 4. evaluate alert rules on the windows' totals (threshold, match, new_pattern; spike rules also
 *    read the group's previous windows back from the MetricStore, after this batch's deltas are in)
 *    and deliver firings not delivered yet.
 * Flatline rules have no batch to trigger them: a scheduler calls `Pipeline.evaluateScheduledRules()`.
 * A redelivered batch repeats every step harmlessly: the stores ignore what they have, and an
 * alert already delivered is not sent again.
 */

import { Analyzer } from './Analyzer.js';
import type { PatternDescription } from './alerts/anomaly.js';
import { toExample } from './alerts/firing.js';
import { evaluateFlatline, flatlineRange, lastSeenByGroup } from './alerts/flatline.js';
import type { AlertFiring, StoredAlert } from './alerts/types.js';
import { archiveKey, batchToNdjson } from './archiveKeys.js';
import type { Config } from './config.js';
import { globMatcher } from './glob.js';
import type { WindowDelta } from './metrics/window.js';
import { flushPorts, type Ports } from './ports.js';
import type { AnalyzedEvent, LogBatch, Severity } from './types.js';

export interface BatchResult {
  batchId: string;
  group: string;
  /** Events analyzed in this batch. */
  processed: number;
  /** Events the store already had (a redelivered batch reports all of them here). */
  duplicates: number;
  /** True for a CloudWatch CONTROL_MESSAGE: recorded as a heartbeat, nothing stored. */
  control: boolean;
  /** True when the loop guard skipped the batch (one of logsift's own log groups). */
  ignored: boolean;
  /** False when the metric deltas had been applied before (a redelivery). */
  metricsApplied: boolean;
  severities: Record<Severity, number>;
  redactions: Record<string, number>;
  /** Alerts recorded by this batch (new firings). */
  alerts: StoredAlert[];
  /** Deliveries that failed (the alert stays `failed` and is retried on redelivery). */
  deliveryFailures: { alertId: string; channel: string; error: string }[];
  /** Current totals of the windows the batch touched. */
  windows: WindowDelta[];
  events: AnalyzedEvent[];
  archiveKey?: string;
}

const emptySeverities = (): Record<Severity, number> => ({
  CRITICAL: 0,
  ERROR: 0,
  WARNING: 0,
  INFO: 0,
  DEBUG: 0,
});

/**
 * The pipeline over a set of ports: analysis state (compiled rules, pattern miners) lives here,
 * so build one per process and reuse it.
 *
 * @example
 * const pipeline = new Pipeline(parseConfig({}), memoryPorts());
 * const result = await pipeline.process(decodeCloudWatchEvent(event));
 * await pipeline.flush();
 */
export class Pipeline {
  readonly analyzer: Analyzer;
  private readonly ignored: (group: string) => boolean;
  private readonly dirtyGroups = new Set<string>();
  /** Firing ids whose example was looked up already (bounded). */
  private readonly examined = new Set<string>();
  /**
   * Firings this process saw recorded and delivered. Every batch of a window over a threshold
   * yields that window's firing again; the store would ignore it, but asking costs a write round
   * trip per batch (on the server, a wait behind the writer thread's queue).
   */
  private readonly settled = new Set<string>();

  constructor(
    readonly config: Config,
    readonly ports: Ports,
  ) {
    this.analyzer = new Analyzer(config);
    this.ignored = globMatcher(config.ignoreGroups);
  }

  async process(batch: LogBatch): Promise<BatchResult> {
    const { ports } = this;
    const now = ports.clock.now();
    const result: BatchResult = {
      batchId: batch.id,
      group: batch.group,
      processed: 0,
      duplicates: 0,
      control: batch.control === true,
      ignored: false,
      metricsApplied: false,
      severities: emptySeverities(),
      redactions: {},
      alerts: [],
      deliveryFailures: [],
      windows: [],
      events: [],
    };
    if (batch.control) {
      await ports.heartbeats?.recordHeartbeat(batch, now);
      return result;
    }
    if (this.ignored(batch.group)) {
      result.ignored = true;
      return result;
    }
    if (batch.events.length === 0) return result;

    await this.loadMiner(batch.group);
    // Analysis is pure and cannot fail on any input; it comes first so the archive holds masked messages.
    const analysis = this.analyzer.analyze(batch);
    if (analysis.newPatterns.length > 0) this.dirtyGroups.add(batch.group);

    // The archive, the events and the metric counters are written at once, not one after the
    // other: each write is idempotent (object per batch id, events by id, counters once per batch
    // through the ledger), so if one fails the batch fails as a whole and its redelivery completes
    // it without double counting. Waiting for all three before failing keeps no write running
    // after the batch is reported. In series, a batch's latency was the sum of an fsync, a wait
    // behind other batches' event writes and a second wait for its counters.
    let archived: Promise<void> | undefined;
    if (ports.archive) {
      result.archiveKey = archiveKey(batch, now);
      archived = ports.archive.putBatch(result.archiveKey, batchToNdjson(batch, analysis.archiveMessages));
    }
    const [, { duplicates }, applied] = await allOrFirstError([
      archived,
      ports.events.putEvents(analysis.events),
      ports.metrics.applyBatch(batch.id, analysis.deltas),
    ] as const);

    const { evaluator, anomalies } = this.analyzer;
    const hits = evaluator.matchEvents(analysis.events);
    const firings = evaluator.evaluate(applied.windows, analysis.events, hits, now);
    firings.push(...anomalies.newPatternFirings(analysis.newPatterns, analysis.events, applied.windows, now));
    if (anomalies.watchesSpikes(batch.group)) {
      const range = anomalies.baselineRange(batch.group, applied.windows);
      const history = await ports.metrics.queryWindows({ group: batch.group, ...range });
      const describe = this.describer(batch.group);
      firings.push(
        ...anomalies.spikeFirings(batch.group, applied.windows, history, analysis.events, now, describe),
      );
    }
    await this.raise(firings, now, result);

    if (this.dirtyGroups.size > 0) await this.savePatterns();
    result.processed = analysis.events.length;
    result.duplicates = duplicates;
    result.metricsApplied = applied.applied;
    result.severities = analysis.severities;
    result.redactions = analysis.redactions;
    result.windows = applied.windows;
    result.events = analysis.events;
    return result;
  }

  /**
   * The rules no batch triggers, today `flatline`: fires for every watched group quiet for its rule's `after` at `now`, reading
   * last event times from the MetricStore. The local server and the schedule Lambda call this
   * every minute or so; firings are deduplicated per silence, so calling it often is harmless.
   * Returns the alerts recorded by this call.
   *
   * @example
   * setInterval(() => void pipeline.evaluateScheduledRules(), 60_000);
   */
  async evaluateScheduledRules(
    now = this.ports.clock.now(),
  ): Promise<Pick<BatchResult, 'alerts' | 'deliveryFailures'>> {
    const out: Pick<BatchResult, 'alerts' | 'deliveryFailures'> = { alerts: [], deliveryFailures: [] };
    const range = flatlineRange(this.config.alerts.rules, now, this.analyzer.windowMs);
    if (!range) return out;
    const lastSeen = lastSeenByGroup(await this.ports.metrics.queryWindows(range));
    const firings = evaluateFlatline(this.config.alerts.rules, lastSeen, now, this.analyzer.windowMs);
    await this.raise(firings, now, out);
    return out;
  }

  /** Cooldown, record once, deliver what is not delivered yet. */
  private async raise(
    firings: readonly AlertFiring[],
    now: number,
    result: Pick<BatchResult, 'alerts' | 'deliveryFailures'>,
  ): Promise<void> {
    const { ports } = this;
    for (const firing of firings) {
      if (this.settled.has(firing.id)) continue;
      const rule = this.config.alerts.rules.find((r) => r.id === firing.rule);
      if (rule && rule.cooldown > 0) {
        const last = await ports.alerts.lastFiring(firing.rule, `${firing.group}|${firing.key}`);
        if (last && last.id !== firing.id && now - last.firedAt < rule.cooldown) continue;
      }
      if (firing.examples.length === 0) await this.findExample(firing);
      const { created, alert } = await ports.alerts.record(firing);
      if (created) result.alerts.push(alert);
      if (alert.state !== 'delivered') await this.deliver(alert, result);
      if (alert.state === 'delivered') {
        if (this.settled.size >= 10_000) this.settled.clear();
        this.settled.add(firing.id);
      }
    }
  }

  /**
   * Drops and flatlines have no event in their window: the latest one before it stands in, once
   * per firing and process (the same firing is re-evaluated by every batch of its window).
   */
  private async findExample(firing: AlertFiring): Promise<void> {
    if (this.examined.has(firing.id)) return;
    if (this.examined.size >= 10_000) this.examined.clear();
    this.examined.add(firing.id);
    const page = await this.ports.events.queryEvents({
      group: firing.group,
      to: firing.window.start,
      limit: 1,
      ...(firing.patternId !== undefined ? { patternId: firing.patternId } : {}),
    });
    const e = page.events[0];
    if (e) firing.examples.push(toExample(e));
  }

  /** The miner's template and example of a pattern, computed once per batch when first asked. */
  private describer(group: string): (patternId: string) => PatternDescription | undefined {
    let known: Map<string, PatternDescription> | undefined;
    return (patternId) => {
      if (!known) known = new Map((this.analyzer.miner(group)?.patterns() ?? []).map((p) => [p.id, p]));
      return known.get(patternId);
    };
  }

  private async deliver(alert: StoredAlert, result: Pick<BatchResult, 'deliveryFailures'>): Promise<void> {
    const notifiers = this.ports.notifiers.filter((n) => !alert.channels || alert.channels.includes(n.name));
    for (const notifier of notifiers) {
      const at = this.ports.clock.now();
      try {
        await notifier.notify(alert);
        await this.ports.alerts.markDelivered(alert.id, { ok: true, channel: notifier.name, at });
        alert.state = 'delivered';
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        await this.ports.alerts.markDelivered(alert.id, { ok: false, channel: notifier.name, error, at });
        result.deliveryFailures.push({ alertId: alert.id, channel: notifier.name, error });
      }
    }
  }

  /** Restores a group's pattern miner from the PatternStateStore, if it is not in memory yet. */
  async loadMiner(group: string): Promise<void> {
    if (!this.config.patterns.enabled || this.analyzer.hasMiner(group)) return;
    const state = await this.ports.patterns?.loadPatternState(group);
    this.analyzer.miner(group, state);
  }

  private async savePatterns(groups: Iterable<string> = this.dirtyGroups): Promise<void> {
    const store = this.ports.patterns;
    if (!store) return;
    for (const group of [...groups]) {
      const miner = this.analyzer.miner(group);
      if (miner) await store.savePatternState(group, miner.snapshot());
      this.dirtyGroups.delete(group);
    }
  }

  /** Saves every group's pattern state (periodically on a server; flush() does it too). */
  async savePatternState(): Promise<void> {
    if (this.config.patterns.enabled) await this.savePatterns(this.analyzer.minerGroups());
  }

  /** Saves every group's pattern state and flushes the ports. */
  async flush(): Promise<void> {
    await this.savePatternState();
    await flushPorts(this.ports);
  }
}

const pipelines = new WeakMap<Ports, WeakMap<Config, Pipeline>>();

/**
 * Processes one batch with a pipeline cached per (ports, config), so repeated calls reuse compiled
 * rules and pattern state.
 */
export function processBatch(batch: LogBatch, ports: Ports, config: Config): Promise<BatchResult> {
  let byConfig = pipelines.get(ports);
  if (!byConfig) {
    byConfig = new WeakMap();
    pipelines.set(ports, byConfig);
  }
  let pipeline = byConfig.get(config);
  if (!pipeline) {
    pipeline = new Pipeline(config, ports);
    byConfig.set(config, pipeline);
  }
  return pipeline.process(batch);
}

/** Like Promise.all, but rejects (with the first error) only once every promise has settled. */
async function allOrFirstError<T extends readonly unknown[]>(
  promises: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const outcomes = await Promise.allSettled(promises);
  for (const o of outcomes) if (o.status === 'rejected') throw o.reason;
  return outcomes.map((o) => (o as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}
