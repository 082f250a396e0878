/**
 * A channel sends any outgoing message (one alert, a digest, the daily report). Every concrete
 * notifier (SMTP, Slack, Teams, webhook, console; SNS in AWS) is a Channel; ReliableNotifier wraps
 * one with retries and storm control and is what the pipeline sees as a Notifier.
 */
import type { OutgoingMessage } from '../../../core/alerts/format.js';

export type { OutgoingMessage } from '../../../core/alerts/format.js';

export interface Channel {
  /** The channel name rules select by, e.g. "email". */
  readonly name: string;
  /** Resolves when the peer accepted the message; throws otherwise (with `retryable: false` when retrying cannot help). */
  send(message: OutgoingMessage): Promise<void>;
  /** Releases connections. */
  close?(): Promise<void>;
}
