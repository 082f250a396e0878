/**
 * Live tail fan-out: the ingest routes publish analyzed events and new alerts, each `GET /api/tail`
 * connection subscribes with a filter. A subscriber that reads slower than events arrive gets a
 * bounded buffer: past it, messages are dropped and counted (the next delivery reports how many),
 * so one slow client never holds memory or slows ingest.
 */
import type { StoredAlert } from '../core/alerts/types.js';
import { globToRegExp } from '../core/glob.js';
import { type AnalyzedEvent, SEVERITY_RANK, type Severity } from '../core/types.js';

export type TailMessage = { type: 'log'; event: AnalyzedEvent } | { type: 'alert'; alert: StoredAlert };

export interface TailFilter {
  /** Log group, exact or a glob (`/aws/lambda/*`). Default every group. */
  group?: string;
  /** Minimum severity (events and alerts at or above it). Default every severity. */
  severity?: Severity;
}

/**
 * Receives the messages buffered since the last call, oldest first, and how many were dropped
 * since then because the buffer was full. The next call waits until the returned promise settles:
 * that is how a slow connection's backpressure reaches the buffer.
 */
export type TailDelivery = (messages: TailMessage[], dropped: number) => void | Promise<void>;

export interface TailHubOptions {
  /** Messages buffered per subscriber before new ones are dropped. The default value is 1000. */
  maxBuffered?: number;
  /** Called when a delivery throws (the subscriber is then removed). Default: ignored. */
  onError?: (error: unknown) => void;
}

interface Subscriber {
  matchesGroup: (group: string) => boolean;
  minRank: number;
  deliver: TailDelivery;
  buffer: TailMessage[];
  dropped: number;
  delivering: boolean;
  closed: boolean;
  onClose: (() => void) | undefined;
}

/**
 * @example
 * const tail = new TailHub();
 * const unsubscribe = tail.subscribe({ severity: 'ERROR' }, (messages) => console.log(messages));
 * tail.publish(result.events);
 * unsubscribe();
 */
export class TailHub {
  private readonly subscribers = new Set<Subscriber>();
  private readonly maxBuffered: number;
  private readonly onError: (error: unknown) => void;
  /** Messages dropped for slow subscribers since the hub was made. */
  droppedTotal = 0;
  private closed = false;

  constructor(options: TailHubOptions = {}) {
    this.maxBuffered = Math.max(1, options.maxBuffered ?? 1000);
    this.onError = options.onError ?? (() => {});
  }

  get size(): number {
    return this.subscribers.size;
  }

  /**
   * Registers a subscriber; the returned function removes it (idempotent). `onClose` is called when
   * the hub closes (server shutdown), so the subscriber can end its connection.
   */
  subscribe(filter: TailFilter, deliver: TailDelivery, onClose?: () => void): () => void {
    const { group } = filter;
    let matchesGroup: (g: string) => boolean = () => true;
    if (group !== undefined) {
      if (group.includes('*')) {
        const re = globToRegExp(group);
        matchesGroup = (g) => re.test(g);
      } else {
        matchesGroup = (g) => g === group;
      }
    }
    const subscriber: Subscriber = {
      matchesGroup,
      minRank: filter.severity === undefined ? 0 : SEVERITY_RANK[filter.severity],
      deliver,
      buffer: [],
      dropped: 0,
      delivering: false,
      closed: false,
      onClose,
    };
    if (this.closed) {
      onClose?.();
      return () => {};
    }
    this.subscribers.add(subscriber);
    return () => {
      subscriber.closed = true;
      subscriber.buffer = [];
      this.subscribers.delete(subscriber);
    };
  }

  /** Removes every subscriber, telling each through its `onClose`; later subscribers are closed at once. */
  close(): void {
    this.closed = true;
    for (const s of [...this.subscribers]) {
      s.closed = true;
      s.buffer = [];
      this.subscribers.delete(s);
      s.onClose?.();
    }
  }

  /** Fans analyzed events out to the subscribers whose filter they pass. */
  publish(events: readonly AnalyzedEvent[]): void {
    if (this.subscribers.size === 0 || events.length === 0) return;
    for (const s of this.subscribers) {
      let added = false;
      for (const event of events) {
        if (SEVERITY_RANK[event.severity] < s.minRank || !s.matchesGroup(event.group)) continue;
        added = this.push(s, { type: 'log', event }) || added;
      }
      if (added) this.drain(s);
    }
  }

  /** Fans a new alert out to the subscribers whose filter it passes. */
  publishAlert(alert: StoredAlert): void {
    for (const s of this.subscribers) {
      if (SEVERITY_RANK[alert.severity] < s.minRank || !s.matchesGroup(alert.group)) continue;
      if (this.push(s, { type: 'alert', alert })) this.drain(s);
    }
  }

  private push(s: Subscriber, message: TailMessage): boolean {
    if (s.buffer.length >= this.maxBuffered) {
      s.dropped++;
      this.droppedTotal++;
      return false;
    }
    s.buffer.push(message);
    return true;
  }

  /** One delivery loop per subscriber at a time; it runs until the buffer is empty. */
  private drain(s: Subscriber): void {
    if (s.delivering || s.closed) return;
    s.delivering = true;
    void (async () => {
      try {
        while (!s.closed && s.buffer.length > 0) {
          const messages = s.buffer;
          const dropped = s.dropped;
          s.buffer = [];
          s.dropped = 0;
          await s.deliver(messages, dropped);
        }
      } catch (error) {
        s.closed = true;
        this.subscribers.delete(s);
        this.onError(error);
      } finally {
        s.delivering = false;
      }
    })();
  }
}
