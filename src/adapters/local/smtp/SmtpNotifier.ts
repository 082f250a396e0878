/**
 * Email over SMTP (local mode), with nodemailer. One message per alert, digest or report, with a
 * plain-text and an HTML part; the subject is the alert's title with the configured prefix.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { type FormatOptions, formatMessage, type OutgoingMessage } from '../../../core/alerts/format.js';
import type { StoredAlert } from '../../../core/alerts/types.js';
import type { Notifier } from '../../../core/ports.js';
import type { Channel } from '../delivery/channel.js';
import { SmtpDeliveryError } from './errors.js';

export interface SmtpNotifierOptions extends Omit<FormatOptions, 'subjectPrefix'> {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465`. */
  smtp: string;
  from: string;
  to: string[];
  /** Subject prefix. Default "[logsift]". */
  subjectPrefix?: string;
  /** Connection, greeting and per-command timeout, ms. Default 10000 (30000 for the data of a message). */
  timeoutMs?: number;
  /** A ready transport instead of one built from `smtp` (tests, a pooled transport). */
  transport?: Transporter;
}

/** `host:port` of an SMTP URL, without credentials, for error messages. */
export function smtpServerOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol === 'smtps:' ? '465' : '587')}`;
  } catch {
    return 'an invalid SMTP URL';
  }
}

/**
 * Sends alerts by email. Name "email".
 *
 * @example
 * const email = new SmtpNotifier({ smtp: 'smtp://127.0.0.1:2525', from: 'logsift@example.com', to: ['ops@example.com'] });
 * await email.notify(alert);
 * await email.close();
 */
export class SmtpNotifier implements Notifier, Channel {
  readonly name = 'email';
  private readonly transport: Transporter;
  private readonly server: string;

  constructor(private readonly options: SmtpNotifierOptions) {
    this.server = smtpServerOf(options.smtp);
    const timeout = options.timeoutMs ?? 10_000;
    const transportOptions: SMTPTransport.Options = {
      url: options.smtp,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: Math.max(timeout, 30_000),
    };
    this.transport = options.transport ?? nodemailer.createTransport(transportOptions);
  }

  async send(message: OutgoingMessage): Promise<void> {
    const { subject, text, html } = formatMessage(message, this.options);
    const headers: Record<string, string> = { 'X-Logsift-Kind': message.kind };
    if (message.kind === 'alert') headers['X-Logsift-Alert-Id'] = message.alert.id;
    try {
      await this.transport.sendMail({
        from: this.options.from,
        to: this.options.to,
        subject,
        text,
        html,
        headers,
      });
    } catch (err) {
      throw new SmtpDeliveryError(this.server, err);
    }
  }

  notify(alert: StoredAlert): Promise<void> {
    return this.send({ kind: 'alert', alert });
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {
    this.transport.close();
  }
}
