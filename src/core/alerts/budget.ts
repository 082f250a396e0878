/**
 * Storm control for one notification channel, as pure state: time is passed in, nothing is
 * scheduled here (the delivery adapter owns the timer).
 *
 * A budget window opens with the first alert offered when no window is open and lasts
 * `windowMs`. The first `maxAlerts` offers in a window are answered `send`; later ones are
 * answered `fold` and held. When the window has ended, the held items come back once, as a
 * batch for one digest message (`takeDue`); `drain` hands them out early (flush, shutdown)
 * without resetting the window's count, so a storm that goes on keeps folding.
 *
 * @example
 * const budget = new AlertBudget<StoredAlert>({ maxAlerts: 10, windowMs: 600_000 }, (a) => a.id);
 * if (budget.offer(alert, Date.now()) === 'send') await channel.send(alert);
 * for (const held of budget.takeDue(Date.now())) await sendDigest(held.items);
 */

export interface BudgetOptions {
  /** Individual sends per window. Must be at least 1. */
  maxAlerts: number;
  /** Window length, ms. Must be positive. */
  windowMs: number;
}

export type BudgetDecision = 'send' | 'fold';

/** Items held back during one budget window, for one digest. */
export interface HeldBatch<T> {
  items: T[];
  /** The budget window they were held in, epoch ms (end exclusive). */
  from: number;
  to: number;
}

export interface BudgetSnapshot {
  maxAlerts: number;
  windowMs: number;
  /** The open window, if any. */
  windowStart?: number;
  windowEnd?: number;
  /** Sends answered in the open window. */
  used: number;
  /** Items held for the next digest (open window and ended windows not taken yet). */
  held: number;
}

/**
 * Per-channel alert budget. `key` identifies an item so that an alert offered twice while
 * held (a redelivered batch) is held once.
 */
export class AlertBudget<T> {
  readonly maxAlerts: number;
  readonly windowMs: number;
  private windowStart: number | undefined;
  private used = 0;
  private held: T[] = [];
  private heldKeys = new Set<string>();
  private ready: HeldBatch<T>[] = [];

  constructor(
    options: BudgetOptions,
    private readonly key?: (item: T) => string,
  ) {
    // The config schema validates these; a bad value here is a programming error.
    if (!Number.isInteger(options.maxAlerts) || options.maxAlerts < 1)
      throw new RangeError(`maxAlerts must be an integer >= 1, got ${options.maxAlerts}`);
    if (!Number.isFinite(options.windowMs) || options.windowMs <= 0)
      throw new RangeError(`windowMs must be a positive number, got ${options.windowMs}`);
    this.maxAlerts = options.maxAlerts;
    this.windowMs = options.windowMs;
  }

  /** `send` while the window has budget left, `fold` (item held) after that. */
  offer(item: T, now: number): BudgetDecision {
    this.roll(now);
    if (this.windowStart === undefined) {
      this.windowStart = now;
      this.used = 0;
    }
    const k = this.key?.(item);
    if (k !== undefined && this.heldKeys.has(k)) return 'fold';
    if (this.used < this.maxAlerts) {
      this.used++;
      return 'send';
    }
    this.held.push(item);
    if (k !== undefined) this.heldKeys.add(k);
    return 'fold';
  }

  /** Held batches of windows that have ended by `now`, each returned once. */
  takeDue(now: number): HeldBatch<T>[] {
    this.roll(now);
    const out = this.ready;
    this.ready = [];
    return out;
  }

  /** Everything held, now, including the open window's items; the window's count stays. */
  drain(): HeldBatch<T>[] {
    const out = this.ready;
    this.ready = [];
    if (this.held.length > 0 && this.windowStart !== undefined) {
      out.push({ items: this.held, from: this.windowStart, to: this.windowStart + this.windowMs });
      this.held = [];
      this.heldKeys.clear();
    }
    return out;
  }

  /**
   * When the next digest falls due, epoch ms (in the past when an ended window's batch waits),
   * or undefined when nothing is held.
   */
  get dueAt(): number | undefined {
    const first = this.ready[0];
    if (first) return first.to;
    if (this.held.length === 0 || this.windowStart === undefined) return undefined;
    return this.windowStart + this.windowMs;
  }

  /** Items held for digests: the open window's and ended windows' not taken yet. */
  get heldCount(): number {
    let n = this.held.length;
    for (const b of this.ready) n += b.items.length;
    return n;
  }

  snapshot(): BudgetSnapshot {
    const s: BudgetSnapshot = {
      maxAlerts: this.maxAlerts,
      windowMs: this.windowMs,
      used: this.used,
      held: this.heldCount,
    };
    if (this.windowStart !== undefined) {
      s.windowStart = this.windowStart;
      s.windowEnd = this.windowStart + this.windowMs;
    }
    return s;
  }

  /** Closes the open window when `now` is past its end; its held items become ready. */
  private roll(now: number): void {
    if (this.windowStart === undefined || now < this.windowStart + this.windowMs) return;
    if (this.held.length > 0)
      this.ready.push({ items: this.held, from: this.windowStart, to: this.windowStart + this.windowMs });
    this.held = [];
    this.heldKeys.clear();
    this.windowStart = undefined;
    this.used = 0;
  }
}
