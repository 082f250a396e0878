/**
 * Generic JSON webhook: the alert itself, for scripts and other systems. Body per message kind:
 * - alert:  `{ kind: 'alert', alert: StoredAlert, subject, text, dashboardUrl? }`
 * - digest: `{ kind: 'digest', alerts: StoredAlert[], digest: DigestInfo, subject, text, dashboardUrl? }`
 * - report: `{ kind: 'report', report: DailyReport, subject, text, dashboardUrl? }`
 * `text` is the plain-text message a person would read; `dashboardUrl` is the dashboard view of
 * this alert (digest: its groups and windows; report: the day), present when a dashboard URL is configured.
 */
import {
  describeAlert,
  describeDailyReport,
  describeDigest,
  type FormatOptions,
  formatMessage,
  type OutgoingMessage,
} from '../../../core/alerts/format.js';
import { JsonPostChannel, type PostJsonOptions } from './postJson.js';

export interface WebhookNotifierOptions extends FormatOptions, PostJsonOptions {
  /** Channel name, as rules select it (config.notify.webhooks[].name). */
  name: string;
  url: string;
}

export type WebhookBody = Record<string, unknown> & {
  kind: OutgoingMessage['kind'];
  subject: string;
  text: string;
};

/**
 * The JSON body for any outgoing message.
 *
 * @example
 * webhookBody({ kind: 'alert', alert }, { dashboardUrl }) // { kind: 'alert', alert, subject, text, dashboardUrl }
 */
export function webhookBody(message: OutgoingMessage, opts: FormatOptions = {}): WebhookBody {
  const { subject, text } = formatMessage(message, opts);
  let body: WebhookBody;
  let link: string | undefined;
  switch (message.kind) {
    case 'alert':
      body = { kind: 'alert', alert: message.alert, subject, text };
      link = describeAlert(message.alert, { ...opts, maxExamples: 0 }).link;
      break;
    case 'digest':
      body = { kind: 'digest', alerts: message.alerts, digest: message.digest, subject, text };
      link = describeDigest(message.alerts, { ...opts, digest: message.digest }).link;
      break;
    case 'report':
      body = { kind: 'report', report: message.report, subject, text };
      link = describeDailyReport(message.report, opts).link;
      break;
  }
  if (link) body.dashboardUrl = link;
  return body;
}

/**
 * POSTs alerts as JSON to any URL, with the configured headers (e.g. an Authorization token).
 *
 * @example
 * new WebhookNotifier({ name: 'pager', url: 'https://example.com/hook', headers: { authorization: 'Bearer x' } })
 */
export class WebhookNotifier extends JsonPostChannel {
  readonly name: string;
  constructor(private readonly options: WebhookNotifierOptions) {
    super(options.url, options);
    this.name = options.name;
  }

  protected payload(message: OutgoingMessage): WebhookBody {
    return webhookBody(message, this.options);
  }
}
