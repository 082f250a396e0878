/**
 * Alerts printed as one readable block (the plain-text message under its subject), for
 * `logsift serve --demo` and for anyone watching the terminal. One write per message, so blocks
 * from concurrent alerts never interleave.
 */
import { type FormatOptions, formatMessage, type OutgoingMessage } from '../../../core/alerts/format.js';
import type { StoredAlert } from '../../../core/alerts/types.js';
import type { Notifier } from '../../../core/ports.js';
import type { Channel } from '../delivery/channel.js';

/** Where the console notifier writes: process.stderr, or anything with write(). */
export interface TextSink {
  write(chunk: string): unknown;
}

export interface ConsoleNotifierOptions extends FormatOptions {
  /** Default process.stderr. */
  out?: TextSink;
}

const RULE = '─'.repeat(72);

/**
 * Writes alerts to standard error (or `out`). Name "console".
 *
 * @example
 * new ConsoleNotifier({ dashboardUrl: 'http://127.0.0.1:8080' }).notify(alert);
 */
export class ConsoleNotifier implements Notifier, Channel {
  readonly name = 'console';
  private readonly out: TextSink;

  constructor(private readonly options: ConsoleNotifierOptions = {}) {
    this.out = options.out ?? process.stderr;
  }

  async send(message: OutgoingMessage): Promise<void> {
    const { subject, text } = formatMessage(message, this.options);
    this.out.write(`${RULE}\n${subject}\n${RULE}\n${text}${RULE}\n`);
  }

  notify(alert: StoredAlert): Promise<void> {
    return this.send({ kind: 'alert', alert });
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}
