/**
 * Every notification channel the `notify` configuration asks for, each wrapped with retries and
 * storm control (ReliableNotifier). Order: console, email, slack, teams, then webhooks as listed.
 *
 * @example
 * const notifiers = createNotifiers(config.notify, { dashboardUrl: 'http://127.0.0.1:8080' });
 * const ports = { ...stores, notifiers, clock: systemClock };
 * // later: notifiers.map((n) => n.stats()), sendDailyReport(notifiers, report), closePorts(ports)
 */
import type { DailyReport, FormatOptions } from '../../core/alerts/format.js';
import type { NotifyConfig } from '../../core/config.js';
import type { Notifier } from '../../core/ports.js';
import { ConsoleNotifier, type TextSink } from './console/ConsoleNotifier.js';
import type { Channel } from './delivery/channel.js';
import { messageOf, NotifierConfigError } from './delivery/errors.js';
import { ReliableNotifier, type ReliableNotifierOptions } from './delivery/ReliableNotifier.js';
import { SmtpNotifier } from './smtp/SmtpNotifier.js';
import { SlackNotifier } from './webhook/SlackNotifier.js';
import { TeamsNotifier } from './webhook/TeamsNotifier.js';
import { WebhookNotifier } from './webhook/WebhookNotifier.js';

export interface CreateNotifiersOptions
  extends Pick<
    ReliableNotifierOptions,
    'now' | 'sleep' | 'random' | 'schedule' | 'onDigest' | 'downCooldownMs'
  > {
  /** Where the console channel writes. Default process.stderr. */
  stderr?: TextSink;
  /** fetch for the webhook channels. Default the global fetch. */
  fetch?: typeof fetch;
  /** Webhook and SMTP timeout, ms. Default 10000. */
  timeoutMs?: number;
  /** Dashboard base URL for links; wins over `notify.dashboardUrl` (the server knows its own address). */
  dashboardUrl?: string;
  /** Cap on one retry delay, ms. Default 60000. */
  maxBackoffMs?: number;
}

/**
 * Builds the configured channels, each a ReliableNotifier (Notifier + stats() + sendReport()).
 * Throws NotifierConfigError when two channels share a name (a webhook named "slack" while Slack
 * is configured), since rules select channels by name.
 */
export function createNotifiers(
  notify: NotifyConfig,
  options: CreateNotifiersOptions = {},
): ReliableNotifier[] {
  const format: FormatOptions = {};
  const dashboardUrl = options.dashboardUrl ?? notify.dashboardUrl;
  if (dashboardUrl) format.dashboardUrl = dashboardUrl;
  const http = { fetch: options.fetch, timeoutMs: options.timeoutMs };
  const channels: Channel[] = [];
  if (notify.console) channels.push(new ConsoleNotifier({ ...format, out: options.stderr }));
  if (notify.email)
    channels.push(
      new SmtpNotifier({
        ...format,
        smtp: notify.email.smtp,
        from: notify.email.from,
        to: notify.email.to,
        subjectPrefix: notify.email.subjectPrefix,
        timeoutMs: options.timeoutMs,
      }),
    );
  if (notify.slack)
    channels.push(new SlackNotifier({ ...format, ...http, webhookUrl: notify.slack.webhookUrl }));
  if (notify.teams)
    channels.push(new TeamsNotifier({ ...format, ...http, webhookUrl: notify.teams.webhookUrl }));
  for (const hook of notify.webhooks)
    channels.push(
      new WebhookNotifier({ ...format, ...http, name: hook.name, url: hook.url, headers: hook.headers }),
    );

  const seen = new Set<string>();
  for (const c of channels) {
    if (seen.has(c.name))
      throw new NotifierConfigError(
        `two notification channels are named "${c.name}"; give the webhook another name`,
      );
    seen.add(c.name);
  }

  const reliable: ReliableNotifierOptions = {
    retry: {
      attempts: notify.retry.attempts,
      backoffMs: notify.retry.backoff,
      maxBackoffMs: options.maxBackoffMs,
    },
    budget: { maxAlerts: notify.budget.maxAlerts, windowMs: notify.budget.window },
    now: options.now,
    sleep: options.sleep,
    random: options.random,
    schedule: options.schedule,
    onDigest: options.onDigest,
    downCooldownMs: options.downCooldownMs,
  };
  return channels.map((c) => new ReliableNotifier(c, reliable));
}

export interface ReportResult {
  channel: string;
  ok: boolean;
  error?: string;
}

/**
 * Sends the daily report on every channel that can send one (ReliableNotifiers); never throws.
 *
 * @example
 * const results = await sendDailyReport(notifiers, buildDailyReport({ day, windows, alerts }));
 */
export async function sendDailyReport(
  notifiers: readonly Notifier[],
  report: DailyReport,
): Promise<ReportResult[]> {
  const targets = notifiers.filter((n): n is ReliableNotifier => n instanceof ReliableNotifier);
  return Promise.all(
    targets.map(async (n) => {
      try {
        await n.sendReport(report);
        return { channel: n.name, ok: true };
      } catch (err) {
        return { channel: n.name, ok: false, error: messageOf(err) };
      }
    }),
  );
}
