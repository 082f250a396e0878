/**
 * The Notifier the pipeline sees for one channel: retries with backoff, and storm control.
 *
 * What "delivered" means here, per alert:
 * - sent on its own: `notify()` resolves once the channel's peer accepted the message (SMTP server
 *   queued it, webhook answered 2xx), after up to `retry.attempts` attempts; it throws a
 *   DeliveryError when every attempt failed (the pipeline then records a failed delivery).
 * - folded (the budget of `maxAlerts` per window is spent): `notify()` resolves at once. The alert
 *   was accepted into this channel's digest, which is sent when the budget window ends (or on
 *   `flush()` / `close()`). The alert store records it as delivered then: the channel has taken
 *   responsibility for it, just as an SMTP server does when it queues a mail. The digest's own
 *   outcome is counted in `stats()` and given to `onDigest`, so the app can add a delivery record
 *   per folded alert (e.g. `alerts.markDelivered(id, { ok, channel, error, at })`). Folded alerts
 *   live in memory: a process killed without `close()` loses its pending digest.
 *
 * A channel that failed every attempt is "down" for `downCooldownMs`: alerts in that time fail at
 * once with ChannelDownError instead of each waiting through the retries again, because the
 * pipeline awaits delivery while it ingests. The first alert after the cooldown tries again.
 *
 * @example
 * const slack = new ReliableNotifier(new SlackNotifier({ webhookUrl }), {
 *   retry: { attempts: 4, backoffMs: 1000 },
 *   budget: { maxAlerts: 10, windowMs: 600_000 },
 * });
 * await slack.notify(alert);
 * console.log(slack.stats());
 * await slack.close(); // sends a pending digest
 */
import { AlertBudget, type BudgetSnapshot, type HeldBatch } from '../../../core/alerts/budget.js';
import type { DailyReport, OutgoingMessage } from '../../../core/alerts/format.js';
import type { StoredAlert } from '../../../core/alerts/types.js';
import type { Notifier } from '../../../core/ports.js';
import type { Channel } from './channel.js';
import { ChannelDownError, DeliveryError, messageOf, NotifierClosedError } from './errors.js';
import { type RetryPolicy, realSleep, withRetry } from './retry.js';

/** The result of one digest, for the app to record against the folded alerts. */
export interface DigestOutcome {
  channel: string;
  alerts: StoredAlert[];
  ok: boolean;
  /** Attempts used. */
  attempts: number;
  error?: string;
  at: number;
}

/** Counters per channel, for the API and the logs. */
export interface ChannelStats {
  channel: string;
  /** Alerts sent on their own and accepted by the peer. */
  sent: number;
  /** Alerts sent on their own that failed after every attempt. */
  failed: number;
  /** Alerts accepted into a digest by storm control. */
  folded: number;
  digestsSent: number;
  digestsFailed: number;
  reportsSent: number;
  reportsFailed: number;
  /** Failed attempts that were retried. */
  retries: number;
  /** Alerts held for the next digest now. */
  pending: number;
  /** Alerts failed at once because the channel was down (not counted in `failed`). */
  skipped: number;
  /** Set while the channel is considered down: alerts fail at once until then. */
  downUntil?: number;
  lastSuccessAt?: number;
  lastError?: { message: string; at: number };
  budget: BudgetSnapshot;
}

export interface ReliableNotifierOptions {
  /** Attempts and backoff. Defaults 4 attempts, 1000 ms, delays capped at 60000 ms. */
  retry?: Partial<RetryPolicy>;
  /** Storm control: individual messages per window. Defaults 10 per 600000 ms (10m). */
  budget?: { maxAlerts: number; windowMs: number };
  /** Clock, epoch ms. Default Date.now. */
  now?: () => number;
  /** Wait between attempts. Default a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). Default Math.random. */
  random?: () => number;
  /**
   * Runs `fn` after `ms` and returns a cancel function. Default setTimeout, unref'd so a pending
   * digest never keeps the process alive (close() sends it).
   */
  schedule?: (fn: () => void, ms: number) => () => void;
  /**
   * After an alert failed every attempt, further alerts fail at once for this long, ms.
   * Default 60000; 0 turns it off.
   */
  downCooldownMs?: number;
  /** Told about every digest sent or failed. Errors it throws are counted as lastError. */
  onDigest?: (outcome: DigestOutcome) => void | Promise<void>;
}

const unrefTimer = (fn: () => void, ms: number): (() => void) => {
  const t = setTimeout(fn, ms);
  t.unref();
  return () => clearTimeout(t);
};

export class ReliableNotifier implements Notifier {
  readonly name: string;
  private readonly budget: AlertBudget<StoredAlert>;
  private readonly retry: RetryPolicy;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: (() => number) | undefined;
  private readonly schedule: (fn: () => void, ms: number) => () => void;
  private readonly onDigest: ReliableNotifierOptions['onDigest'];
  private readonly counts = {
    sent: 0,
    failed: 0,
    folded: 0,
    digestsSent: 0,
    digestsFailed: 0,
    reportsSent: 0,
    reportsFailed: 0,
    retries: 0,
    skipped: 0,
  };
  private readonly downCooldownMs: number;
  private downUntil: number | undefined;
  private lastSuccessAt: number | undefined;
  private lastError: { message: string; at: number } | undefined;
  private timer: { at: number; cancel: () => void } | undefined;
  private readonly inflight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    readonly channel: Channel,
    options: ReliableNotifierOptions = {},
  ) {
    this.name = channel.name;
    this.retry = {
      attempts: options.retry?.attempts ?? 4,
      backoffMs: options.retry?.backoffMs ?? 1000,
      maxBackoffMs: options.retry?.maxBackoffMs,
    };
    this.budget = new AlertBudget<StoredAlert>(
      options.budget ?? { maxAlerts: 10, windowMs: 600_000 },
      (a) => a.id,
    );
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random;
    this.schedule = options.schedule ?? unrefTimer;
    this.onDigest = options.onDigest;
    this.downCooldownMs = options.downCooldownMs ?? 60_000;
  }

  /** Sends the alert, or folds it into the channel's next digest when the budget is spent. */
  async notify(alert: StoredAlert): Promise<void> {
    if (this.closed) throw new NotifierClosedError(this.name);
    const now = this.now();
    // A window that ended while its timer had not fired yet: send its digest first.
    this.sendDigests(this.budget.takeDue(now));
    if (this.downUntil !== undefined) {
      if (now < this.downUntil) {
        this.counts.skipped++;
        throw new ChannelDownError(this.name, this.downUntil, this.lastError?.message ?? 'failed');
      }
      this.downUntil = undefined;
    }
    const before = this.budget.heldCount;
    if (this.budget.offer(alert, now) === 'fold') {
      this.counts.folded += this.budget.heldCount - before;
      this.arm();
      return;
    }
    try {
      await this.deliver({ kind: 'alert', alert }, 'alert');
    } catch (err) {
      if (this.downCooldownMs > 0) this.downUntil = this.now() + this.downCooldownMs;
      throw err;
    }
  }

  /** Sends the daily report on this channel (not counted against the budget). */
  async sendReport(report: DailyReport): Promise<void> {
    if (this.closed) throw new NotifierClosedError(this.name);
    await this.deliver({ kind: 'report', report }, 'report');
  }

  /** Counters, the last error and the budget's state. */
  stats(): ChannelStats {
    const s: ChannelStats = {
      channel: this.name,
      ...this.counts,
      pending: this.budget.heldCount,
      budget: this.budget.snapshot(),
    };
    if (this.lastSuccessAt !== undefined) s.lastSuccessAt = this.lastSuccessAt;
    if (this.downUntil !== undefined && this.now() < this.downUntil) s.downUntil = this.downUntil;
    if (this.lastError) s.lastError = { ...this.lastError };
    return s;
  }

  /** Sends any pending digest now and waits for digests in flight. */
  async flush(): Promise<void> {
    this.disarm();
    this.sendDigests(this.budget.drain());
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }

  /** Flushes, then closes the channel; notify() throws NotifierClosedError after this. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush();
    await this.channel.close?.();
  }

  private async deliver(message: OutgoingMessage, kind: 'alert' | 'report'): Promise<void> {
    try {
      await this.attempt(message);
      if (kind === 'alert') this.counts.sent++;
      else this.counts.reportsSent++;
    } catch (err) {
      if (kind === 'alert') this.counts.failed++;
      else this.counts.reportsFailed++;
      throw err;
    }
  }

  /** Runs the retries; records success or the final error. */
  private async attempt(message: OutgoingMessage): Promise<number> {
    try {
      const attempts = await withRetry(this.name, () => this.channel.send(message), this.retry, {
        sleep: this.sleep,
        random: this.random,
        onRetry: (err) => {
          this.counts.retries++;
          this.lastError = { message: messageOf(err), at: this.now() };
        },
      });
      this.lastSuccessAt = this.now();
      // Any success (a digest or a report too) shows the channel is back.
      this.downUntil = undefined;
      return attempts;
    } catch (err) {
      this.lastError = { message: messageOf(err), at: this.now() };
      throw err;
    }
  }

  private sendDigests(batches: HeldBatch<StoredAlert>[]): void {
    for (const batch of batches) {
      const p = this.sendDigest(batch).finally(() => this.inflight.delete(p));
      this.inflight.add(p);
    }
  }

  /** Never throws: a digest runs in the background; its outcome goes to stats and onDigest. */
  private async sendDigest(batch: HeldBatch<StoredAlert>): Promise<void> {
    const message: OutgoingMessage = {
      kind: 'digest',
      alerts: batch.items,
      digest: {
        channel: this.name,
        maxAlerts: this.budget.maxAlerts,
        windowMs: this.budget.windowMs,
        from: batch.from,
        to: batch.to,
      },
    };
    let outcome: DigestOutcome;
    try {
      const attempts = await this.attempt(message);
      this.counts.digestsSent++;
      outcome = { channel: this.name, alerts: batch.items, ok: true, attempts, at: this.now() };
    } catch (err) {
      this.counts.digestsFailed++;
      outcome = {
        channel: this.name,
        alerts: batch.items,
        ok: false,
        attempts: err instanceof DeliveryError ? err.attempts : 1,
        error: messageOf(err),
        at: this.now(),
      };
    }
    try {
      await this.onDigest?.(outcome);
    } catch (err) {
      this.lastError = { message: `onDigest: ${messageOf(err)}`, at: this.now() };
    }
  }

  /** Keeps one timer at the time the next digest falls due. */
  private arm(): void {
    const due = this.budget.dueAt;
    if (due === undefined || this.timer?.at === due) return;
    this.disarm();
    const cancel = this.schedule(
      () => {
        this.timer = undefined;
        // The timer marks the window's end even when the injected clock disagrees.
        this.sendDigests([...this.budget.takeDue(this.now()), ...this.budget.drain()]);
      },
      Math.max(0, due - this.now()),
    );
    this.timer = { at: due, cancel };
  }

  private disarm(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }
}
