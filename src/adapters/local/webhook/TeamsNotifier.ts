/**
 * Microsoft Teams incoming webhook (Workflows "post to a channel when a webhook request is
 * received", or a legacy connector URL): a message with one Adaptive Card attachment (schema 1.4).
 *
 * Text that comes from logs goes into RichTextBlock TextRuns, which Teams renders literally:
 * TextBlock and FactSet values are markdown in Teams, and escaping markdown there renders
 * differently per client, so a group like `/aws/lambda/my_app_prod` would lose its underscores.
 */
import {
  describeAlert,
  describeDailyReport,
  describeDigest,
  type FormatOptions,
  type OutgoingMessage,
} from '../../../core/alerts/format.js';
import type { StoredAlert } from '../../../core/alerts/types.js';
import type { Severity } from '../../../core/types.js';
import { JsonPostChannel, type PostJsonOptions } from './postJson.js';

export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  $schema: string;
  type: 'AdaptiveCard';
  version: string;
  msteams: { width: 'Full' };
  body: CardElement[];
  actions?: CardElement[];
}

export interface TeamsMessage {
  type: 'message';
  summary: string;
  attachments: [
    { contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: AdaptiveCard },
  ];
}

export interface TeamsNotifierOptions extends FormatOptions, Omit<PostJsonOptions, 'headers'> {
  webhookUrl: string;
}

const COLOUR: Readonly<Record<Severity, string>> = {
  CRITICAL: 'Attention',
  ERROR: 'Attention',
  WARNING: 'Warning',
  INFO: 'Accent',
  DEBUG: 'Default',
};

function run(text: string, style: Record<string, unknown> = {}): CardElement {
  return { type: 'TextRun', text, ...style };
}

function rich(inlines: CardElement[], extra: Record<string, unknown> = {}): CardElement {
  return { type: 'RichTextBlock', inlines, ...extra };
}

/** A heading we write ourselves (no log text), so a TextBlock is safe. */
function heading(text: string): CardElement {
  return { type: 'TextBlock', text, weight: 'Bolder', spacing: 'Medium', wrap: true };
}

/** One `Label: value` line with the value literal. */
function fact(label: string, value: string): CardElement {
  return rich([run(`${label}: `, { weight: 'Bolder' }), run(value)], { spacing: 'None' });
}

function openUrl(url: string | undefined, title: string): CardElement[] | undefined {
  return url ? [{ type: 'Action.OpenUrl', title, url }] : undefined;
}

function card(body: CardElement[], actions: CardElement[] | undefined, summary: string): TeamsMessage {
  const content: AdaptiveCard = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body,
  };
  if (actions) content.actions = actions;
  return {
    type: 'message',
    summary,
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }],
  };
}

function alertCard(alert: StoredAlert, opts: FormatOptions): TeamsMessage {
  const v = describeAlert(alert, opts);
  const body: CardElement[] = [
    rich([run(`${v.severity} ${v.group}`, { weight: 'Bolder', size: 'Large', color: COLOUR[v.severity] })]),
    rich([run(v.summary)]),
    fact('Rule', `${v.rule} (${v.type})`),
    fact('Window', v.window),
    fact('Fired at', v.firedAt),
    fact('Counts', v.counts),
  ];
  if (v.template) body.push(heading('Pattern'), rich([run(v.template, { fontType: 'Monospace' })]));
  if (v.examples.length > 0) {
    body.push(heading('Example events'));
    for (const e of v.examples)
      body.push(
        rich(
          [
            run(`${e.time} ${e.severity} `, { fontType: 'Monospace', weight: 'Bolder' }),
            run(e.message, { fontType: 'Monospace' }),
          ],
          { spacing: 'Small' },
        ),
      );
    if (v.moreExamples > 0) body.push(rich([run(`… and ${v.moreExamples} more`, { isSubtle: true })]));
  }
  body.push(rich([run(`Alert id ${v.id}`, { isSubtle: true, size: 'Small' })]));
  return card(body, openUrl(v.link, 'Open in dashboard'), v.title);
}

function digestCard(
  message: Extract<OutgoingMessage, { kind: 'digest' }>,
  opts: FormatOptions,
): TeamsMessage {
  const v = describeDigest(message.alerts, { ...opts, digest: message.digest });
  const body: CardElement[] = [
    rich([run(v.title, { weight: 'Bolder', size: 'Large' })]),
    rich([run(v.intro)]),
    fact('By severity', v.bySeverity),
    fact('By rule', v.byRule),
    fact('By group', v.byGroup),
    heading('Alerts'),
  ];
  for (const item of v.items) {
    // A TextRun can carry its own link (selectAction), so each alert opens its dashboard view.
    const title = run(item.title, {
      color: COLOUR[item.severity],
      ...(item.link ? { selectAction: { type: 'Action.OpenUrl', url: item.link } } : {}),
    });
    body.push(rich([title, run(` (${item.window})`, { isSubtle: true })], { spacing: 'Small' }));
  }
  if (v.more > 0) body.push(rich([run(`… and ${v.more} more`, { isSubtle: true })]));
  return card(body, openUrl(v.link, 'Open in dashboard'), v.title);
}

function reportCard(
  message: Extract<OutgoingMessage, { kind: 'report' }>,
  opts: FormatOptions,
): TeamsMessage {
  const v = describeDailyReport(message.report, opts);
  const body: CardElement[] = [
    rich([run(v.title, { weight: 'Bolder', size: 'Large' })]),
    rich([run(v.totals)]),
  ];
  // Teams rejects cards over about 28 KB: ten groups keep the report well under it.
  for (const g of v.groups.slice(0, 10)) {
    body.push(rich([run(g.group, { weight: 'Bolder' })], { spacing: 'Medium' }), rich([run(g.counts)]));
    for (const p of g.patterns)
      body.push(
        rich(
          [
            run(`${p.count.padStart(8)}  `, { fontType: 'Monospace' }),
            run(p.template, { fontType: 'Monospace' }),
          ],
          { spacing: 'None' },
        ),
      );
  }
  const moreGroups = v.moreGroups + Math.max(0, v.groups.length - 10);
  if (moreGroups > 0) body.push(rich([run(`… and ${moreGroups} more groups`, { isSubtle: true })]));
  body.push(heading(v.alerts.length > 0 ? 'Alerts' : 'Alerts: none'));
  for (const a of v.alerts)
    body.push(
      rich(
        [
          run(`${a.time} `),
          run(a.title, { color: COLOUR[a.severity] }),
          run(` [${a.state}]`, { isSubtle: true }),
        ],
        {
          spacing: 'None',
        },
      ),
    );
  if (v.moreAlerts > 0) body.push(rich([run(`… and ${v.moreAlerts} more`, { isSubtle: true })]));
  return card(body, openUrl(v.link, 'Open the day in the dashboard'), v.title);
}

/**
 * The Teams message (Adaptive Card) for any outgoing message.
 *
 * @example
 * const msg = teamsMessage({ kind: 'alert', alert }, { dashboardUrl });
 * msg.attachments[0].content.body // RichTextBlocks, ...
 */
export function teamsMessage(message: OutgoingMessage, opts: FormatOptions = {}): TeamsMessage {
  switch (message.kind) {
    case 'alert':
      return alertCard(message.alert, opts);
    case 'digest':
      return digestCard(message, opts);
    case 'report':
      return reportCard(message, opts);
  }
}

/**
 * Posts alerts to a Microsoft Teams webhook as Adaptive Cards. Name "teams".
 *
 * @example
 * const teams = new TeamsNotifier({ webhookUrl: 'https://prod-00.westus.logic.azure.com/workflows/...', dashboardUrl });
 */
export class TeamsNotifier extends JsonPostChannel {
  readonly name = 'teams';
  constructor(private readonly options: TeamsNotifierOptions) {
    super(options.webhookUrl, options);
  }

  protected payload(message: OutgoingMessage): TeamsMessage {
    return teamsMessage(message, this.options);
  }
}
