/**
 * Slack incoming webhook: `{ text, blocks }` in Block Kit (mrkdwn). `text` is the notification
 * fallback; blocks hold a header, the summary, fields, the pattern, examples in a code block and a
 * button to the dashboard. Slack's limits are respected: header 150 chars, section text 3000,
 * a field 2000, at most 10 fields and 50 blocks.
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

export type SlackBlock = Record<string, unknown>;

export interface SlackPayload {
  text: string;
  blocks: SlackBlock[];
}

export interface SlackNotifierOptions extends FormatOptions, Omit<PostJsonOptions, 'headers'> {
  webhookUrl: string;
}

const EMOJI: Readonly<Record<Severity, string>> = {
  CRITICAL: ':rotating_light:',
  ERROR: ':red_circle:',
  WARNING: ':warning:',
  INFO: ':information_source:',
  DEBUG: ':mag:',
};

const SECTION_MAX = 3000;
const HEADER_MAX = 150;

/** Slack's three control characters; everything else is literal in mrkdwn and code blocks. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inside a code block a log line must not close it. */
function codeSafe(text: string): string {
  return escapeMrkdwn(text).replace(/```/g, "'''");
}

function inlineCode(text: string): string {
  return `\`${escapeMrkdwn(text).replace(/`/g, "'")}\``;
}

/** `<url|label>`: the label may not hold `|` or `>`. */
function mrkdwnLink(url: string, label: string): string {
  return `<${url}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function header(text: string): SlackBlock {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, HEADER_MAX), emoji: true } };
}

function section(mrkdwn: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(mrkdwn, SECTION_MAX) } };
}

function fields(pairs: [string, string][]): SlackBlock {
  return {
    type: 'section',
    fields: pairs
      .slice(0, 10)
      .map(([k, v]) => ({ type: 'mrkdwn', text: clip(`*${k}*\n${escapeMrkdwn(v)}`, 2000) })),
  };
}

function button(url: string | undefined, label: string, danger = false): SlackBlock[] {
  if (!url) return [];
  const b: Record<string, unknown> = {
    type: 'button',
    text: { type: 'plain_text', text: label },
    url,
    action_id: 'open_dashboard',
  };
  if (danger) b.style = 'danger';
  return [{ type: 'actions', elements: [b] }];
}

function context(text: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, SECTION_MAX) }] };
}

/** Lines into sections of at most SECTION_MAX characters, each line whole when it fits. */
function listSections(lines: string[], wrap: (body: string) => string = (b) => b): SlackBlock[] {
  const out: SlackBlock[] = [];
  let chunk = '';
  const budget = SECTION_MAX - wrap('').length;
  for (const line of lines) {
    const piece = clip(line, budget);
    if (chunk && chunk.length + 1 + piece.length > budget) {
      out.push(section(wrap(chunk)));
      chunk = '';
    }
    chunk = chunk ? `${chunk}\n${piece}` : piece;
  }
  if (chunk) out.push(section(wrap(chunk)));
  return out;
}

function alertBlocks(alert: StoredAlert, opts: FormatOptions): SlackPayload {
  const v = describeAlert(alert, opts);
  const blocks: SlackBlock[] = [
    header(`${EMOJI[v.severity]} ${v.severity} ${v.group}`),
    section(`*${escapeMrkdwn(v.headline)}* (rule ${inlineCode(v.rule)})\n${escapeMrkdwn(v.summary)}`),
    fields([
      ['Group', v.group],
      ['Rule', `${v.rule} (${v.type})`],
      ['Window', v.window],
      ['Fired at', v.firedAt],
      ['Counts', v.counts],
    ]),
  ];
  if (v.template) blocks.push(section(`*Pattern*\n${inlineCode(v.template)}`));
  if (v.examples.length > 0) {
    const lines = v.examples.map((e) => codeSafe(`${e.time}  ${e.severity.padEnd(8)}  ${e.message}`));
    if (v.moreExamples > 0) lines.push(`… and ${v.moreExamples} more`);
    blocks.push(section('*Example events*'), ...listSections(lines, (body) => `\`\`\`${body}\`\`\``));
  }
  blocks.push(
    ...button(v.link, 'Open in dashboard', v.severity === 'CRITICAL'),
    context(`Alert id \`${v.id}\``),
  );
  return { text: escapeMrkdwn(v.title), blocks: blocks.slice(0, 50) };
}

function digestBlocks(alerts: StoredAlert[], opts: FormatOptions & { digest: object }): SlackPayload {
  const v = describeDigest(alerts, opts);
  const lines = v.items.map(
    (item) =>
      `${EMOJI[item.severity]} ${item.link ? mrkdwnLink(item.link, item.title) : escapeMrkdwn(item.title)}`,
  );
  if (v.more > 0) lines.push(`… and ${v.more} more`);
  const blocks: SlackBlock[] = [
    header(`:package: ${v.title}`),
    section(escapeMrkdwn(v.intro)),
    fields([
      ['By severity', v.bySeverity],
      ['By rule', v.byRule],
      ['By group', v.byGroup],
    ]),
  ];
  // Leave room for the button: 50 blocks at most.
  blocks.push(...listSections(lines).slice(0, 45), ...button(v.link, 'Open in dashboard'));
  return { text: escapeMrkdwn(v.title), blocks };
}

function reportBlocks(
  message: Extract<OutgoingMessage, { kind: 'report' }>,
  opts: FormatOptions,
): SlackPayload {
  const v = describeDailyReport(message.report, opts);
  const blocks: SlackBlock[] = [header(`:bar_chart: ${v.title}`), section(escapeMrkdwn(v.totals))];
  for (const g of v.groups.slice(0, 20)) {
    const title = g.link ? mrkdwnLink(g.link, g.group) : escapeMrkdwn(g.group);
    const patterns = g.patterns.map((p) => `${p.count}  ${inlineCode(p.template)}`);
    blocks.push(section([`*${title}*: ${escapeMrkdwn(g.counts)}`, ...patterns].join('\n')));
  }
  if (v.moreGroups > 0) blocks.push(section(`… and ${v.moreGroups} more groups`));
  const alertLines = v.alerts.map(
    (a) =>
      `${a.time} ${EMOJI[a.severity]} ${a.link ? mrkdwnLink(a.link, a.title) : escapeMrkdwn(a.title)} [${a.state}]`,
  );
  if (v.moreAlerts > 0) alertLines.push(`… and ${v.moreAlerts} more`);
  blocks.push(section(alertLines.length > 0 ? '*Alerts*' : '*Alerts*: none'));
  blocks.push(...listSections(alertLines).slice(0, Math.max(0, 48 - blocks.length)));
  blocks.push(...button(v.link, 'Open the day in the dashboard'));
  return { text: escapeMrkdwn(v.title), blocks: blocks.slice(0, 50) };
}

/**
 * The Slack message for any outgoing message.
 *
 * @example
 * const { text, blocks } = slackPayload({ kind: 'alert', alert }, { dashboardUrl: 'http://127.0.0.1:8080' });
 */
export function slackPayload(message: OutgoingMessage, opts: FormatOptions = {}): SlackPayload {
  switch (message.kind) {
    case 'alert':
      return alertBlocks(message.alert, opts);
    case 'digest':
      return digestBlocks(message.alerts, { ...opts, digest: message.digest });
    case 'report':
      return reportBlocks(message, opts);
  }
}

/**
 * Posts alerts to a Slack incoming webhook. Name "slack".
 *
 * @example
 * const slack = new SlackNotifier({ webhookUrl: 'https://hooks.slack.com/services/T/B/X', dashboardUrl });
 */
export class SlackNotifier extends JsonPostChannel {
  readonly name = 'slack';
  constructor(private readonly options: SlackNotifierOptions) {
    super(options.webhookUrl, options);
  }

  protected payload(message: OutgoingMessage): SlackPayload {
    return slackPayload(message, this.options);
  }
}
