/**
 * Alert messages a person can act on, channel-neutral. Each message exists twice here:
 * - a view (`describeAlert`, `describeDigest`, `describeDailyReport`): the facts already worded,
 *   cleaned and cut, which Slack blocks, Teams cards and SNS reuse;
 * - a rendering (`formatAlert`, `formatDigest`, `formatDailyReport`): subject, plain text and HTML,
 *   for email, the console and generic webhooks.
 *
 * Times are UTC. Every text that came from a log (messages, templates, groups, summaries) is
 * stripped of control characters; HTML output escapes everything.
 *
 * @example
 * const { subject, text, html } = formatAlert(alert, { dashboardUrl: 'http://127.0.0.1:8080' });
 * // subject: "[logsift] CRITICAL /aws/lambda/test-app: 1 event CRITICAL (critical)"
 */
import { formatDuration } from '../duration.js';
import type { SeverityCounts } from '../metrics/window.js';
import { SEVERITIES, SEVERITY_RANK, type Severity } from '../types.js';
import { type DailyReport, dayRange } from './dailyReport.js';
import type { StoredAlert } from './types.js';

export type { DailyReport, DailyReportAlert, DailyReportGroup, DailyReportPattern } from './dailyReport.js';

export interface FormatOptions {
  /** Base URL of the dashboard (`http://127.0.0.1:8080`); links are left out when unset. Default none. */
  dashboardUrl?: string;
  /** Subject prefix. Default "[logsift]". */
  subjectPrefix?: string;
  /** Example events shown per alert. Default 5. */
  maxExamples?: number;
  /** Example messages are cut to this many characters. Default 300. */
  maxMessageChars?: number;
  /** Alerts listed one by one in a digest or a daily report; the rest are counted. Default 50. */
  maxListed?: number;
}

export interface FormattedMessage {
  /** One line, no control characters. */
  subject: string;
  text: string;
  html: string;
}

/** Why a digest exists: the storm-control budget that held its alerts back. */
export interface DigestInfo {
  /** The channel whose budget it was, e.g. "slack". */
  channel?: string;
  /** Individual messages allowed per budget window. */
  maxAlerts?: number;
  /** Budget window length, ms. */
  windowMs?: number;
  /** The budget window, epoch ms (end exclusive). */
  from?: number;
  to?: number;
}

/** Everything a channel sends: one alert, a digest of held-back alerts, or the daily report. */
export type OutgoingMessage =
  | { kind: 'alert'; alert: StoredAlert }
  | { kind: 'digest'; alerts: StoredAlert[]; digest: DigestInfo }
  | { kind: 'report'; report: DailyReport };

export interface ExampleView {
  /** `12:01:02.123`, with the date in front when it is not the window's day. */
  time: string;
  severity: Severity;
  /** Cleaned and cut to `maxMessageChars`; may hold newlines (stack traces). */
  message: string;
}

export interface AlertView {
  /** The subject without its prefix: `CRITICAL /aws/lambda/test-app: 1 event CRITICAL (critical)`. */
  title: string;
  /** What fired, short: `1 event CRITICAL`. */
  headline: string;
  /** The alert's own sentence. */
  summary: string;
  severity: Severity;
  group: string;
  rule: string;
  type: string;
  /** `2026-11-26 12:00:00 to 12:05:00 UTC (5m)`. */
  window: string;
  firedAt: string;
  /** Non-zero severities and the total: `CRITICAL 1, ERROR 2, INFO 40 (total 43)`. */
  counts: string;
  template?: string;
  examples: ExampleView[];
  /** Examples the alert carries beyond those shown. */
  moreExamples: number;
  /** Dashboard view of the group and window, focused on the alert. */
  link?: string;
  id: string;
}

export interface DigestItemView {
  id: string;
  severity: Severity;
  title: string;
  window: string;
  link?: string;
}

export interface DigestView {
  /** `Digest: 15 alerts held back on slack (3 CRITICAL, 12 ERROR)`. */
  title: string;
  /** Why these alerts come together. */
  intro: string;
  /** `CRITICAL 3, ERROR 12`. */
  bySeverity: string;
  /** `critical 3, error-burst 12`. */
  byRule: string;
  /** `/aws/lambda/test-app 15`. */
  byGroup: string;
  /** Most severe first, then by window. */
  items: DigestItemView[];
  /** Alerts beyond `maxListed`, counted but not listed. */
  more: number;
  link?: string;
}

export interface DailyReportView {
  /** `Daily report 2026-11-25: 12,345 events, 3 CRITICAL, 40 ERROR, 2 alerts`. */
  title: string;
  /** `12,345 events: CRITICAL 3, ERROR 40, ...`, or that nothing arrived. */
  totals: string;
  link?: string;
  groups: { group: string; counts: string; patterns: { count: string; template: string }[]; link?: string }[];
  moreGroups: number;
  alerts: { time: string; severity: Severity; title: string; state: string; link?: string }[];
  moreAlerts: number;
}

const DEFAULT_PREFIX = '[logsift]';
const DEFAULT_EXAMPLES = 5;
const DEFAULT_MESSAGE_CHARS = 300;
const DEFAULT_LISTED = 50;
const MAX_SUBJECT = 200;
const MAX_TEMPLATE = 500;
const MAX_REPORT_GROUPS = 20;

/** ANSI escape sequences and C0/C1 controls other than tab and newline. */
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const SPACES = /\s+/g;

// Pure helpers, exported for the channel renderers (Slack, Teams, SNS).

/** Removes ANSI colour codes and control characters (keeps newlines and tabs); `\r\n` becomes `\n`. */
export function cleanText(text: string): string {
  let s = text;
  if (s.indexOf('\u001b') !== -1) s = s.replace(ANSI, '');
  if (s.indexOf('\r') !== -1) s = s.replace(/\r\n?/g, '\n');
  return s.replace(CONTROLS, '');
}

/** One line: cleaned, whitespace runs collapsed, trimmed. */
export function oneLine(text: string): string {
  return cleanText(text).replace(SPACES, ' ').trim();
}

/** Cuts to at most `max` characters with an ellipsis, never inside a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * A dashboard URL: `${base}/?group=<enc>&from=<ms>&to=<ms>&alert=<id>`; parameters left undefined are
 * omitted. Undefined when no base is configured.
 */
export function dashboardLink(
  base: string | undefined,
  params: { group?: string; from?: number; to?: number; alert?: string },
): string | undefined {
  if (!base) return undefined;
  const query: string[] = [];
  if (params.group !== undefined) query.push(`group=${encodeURIComponent(params.group)}`);
  if (params.from !== undefined) query.push(`from=${params.from}`);
  if (params.to !== undefined) query.push(`to=${params.to}`);
  if (params.alert !== undefined) query.push(`alert=${encodeURIComponent(params.alert)}`);
  return `${base.replace(/\/+$/, '')}/${query.length > 0 ? `?${query.join('&')}` : ''}`;
}

/** `12345` -> `12,345`. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `2026-11-26 12:01:02 UTC`; `unknown time` for a value that is not a time. */
export function formatUtc(ms: number, withMs = false): string {
  const iso = isoOf(ms);
  if (!iso) return 'unknown time';
  return `${iso.slice(0, 10)} ${iso.slice(11, withMs ? 23 : 19)} UTC`;
}

/** `2026-11-26 12:00:00 to 12:05:00 UTC (5m)`. */
export function formatWindow(start: number, end: number): string {
  const a = isoOf(start);
  const b = isoOf(end);
  if (!a || !b) return 'unknown window';
  const endText =
    a.slice(0, 10) === b.slice(0, 10) ? b.slice(11, 19) : `${b.slice(0, 10)} ${b.slice(11, 19)}`;
  return `${a.slice(0, 10)} ${a.slice(11, 19)} to ${endText} UTC (${formatDuration(Math.max(0, end - start))})`;
}

/** Non-zero severities, most severe first, and the total: `CRITICAL 1, ERROR 2 (total 43)`. */
export function formatCounts(counts: SeverityCounts): string {
  const parts: string[] = [];
  for (const s of SEVERITIES) if ((counts[s] ?? 0) > 0) parts.push(`${s} ${formatCount(counts[s])}`);
  const total = counts.total ?? 0;
  if (parts.length === 0) return total > 0 ? `total ${formatCount(total)}` : 'no events in the window';
  return `${parts.join(', ')} (total ${formatCount(total)})`;
}

function isoOf(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function prefixOf(opts: FormatOptions): string {
  return opts.subjectPrefix ?? DEFAULT_PREFIX;
}

function subjectOf(prefix: string, title: string): string {
  return cut(oneLine(prefix ? `${prefix} ${title}` : title), MAX_SUBJECT);
}

/**
 * What fired, without where: the summary up to " in <group>" (`1 event CRITICAL`), else the
 * summary without a trailing "(rule ...)".
 */
function headlineOf(alert: Pick<StoredAlert, 'summary' | 'group'>): string {
  const summary = oneLine(alert.summary);
  const at = summary.indexOf(` in ${oneLine(alert.group)}`);
  if (at > 0) return summary.slice(0, at);
  return summary.replace(/\s*\(rule [^)]*\)$/, '') || summary;
}

/** The facts of one alert, worded, cleaned and cut. */
export function describeAlert(alert: StoredAlert, opts: FormatOptions = {}): AlertView {
  const maxExamples = opts.maxExamples ?? DEFAULT_EXAMPLES;
  const maxChars = opts.maxMessageChars ?? DEFAULT_MESSAGE_CHARS;
  const group = oneLine(alert.group);
  const rule = oneLine(alert.rule);
  const headline = cut(headlineOf(alert), 150);
  const windowDay = isoOf(alert.window.start)?.slice(0, 10);
  const examples = alert.examples.slice(0, maxExamples).map((e) => {
    const iso = isoOf(e.timestamp);
    const time = !iso
      ? 'unknown time'
      : iso.slice(0, 10) === windowDay
        ? iso.slice(11, 23)
        : `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
    return { time, severity: e.severity, message: cut(cleanText(e.message).trim(), maxChars) };
  });
  const view: AlertView = {
    title: `${alert.severity} ${group}: ${headline} (${rule})`,
    headline,
    summary: oneLine(alert.summary),
    severity: alert.severity,
    group,
    rule,
    type: alert.type,
    window: formatWindow(alert.window.start, alert.window.end),
    firedAt: formatUtc(alert.firedAt),
    counts: formatCounts(alert.counts),
    examples,
    moreExamples: Math.max(0, alert.examples.length - examples.length),
    id: alert.id,
  };
  if (alert.template) view.template = cut(oneLine(alert.template), MAX_TEMPLATE);
  const link = dashboardLink(opts.dashboardUrl, {
    group: alert.group,
    from: alert.window.start,
    to: alert.window.end,
    alert: alert.id,
  });
  if (link) view.link = link;
  return view;
}

/**
 * One alert as subject, text and HTML.
 *
 * @example
 * formatAlert(alert, { dashboardUrl: 'http://127.0.0.1:8080', subjectPrefix: '[prod]' }).subject
 */
export function formatAlert(alert: StoredAlert, opts: FormatOptions = {}): FormattedMessage {
  const v = describeAlert(alert, opts);
  return { subject: subjectOf(prefixOf(opts), v.title), text: alertText(v), html: alertHtml(v) };
}

function alertText(v: AlertView): string {
  const lines = [
    `${v.severity} alert: ${v.summary}`,
    '',
    `Rule:      ${v.rule} (${v.type})`,
    `Group:     ${v.group}`,
    `Window:    ${v.window}`,
    `Fired at:  ${v.firedAt}`,
    `Counts:    ${v.counts}`,
  ];
  if (v.template) lines.push(`Pattern:   ${v.template}`);
  if (v.link) lines.push('', `Open in the dashboard: ${v.link}`);
  if (v.examples.length > 0) {
    lines.push(
      '',
      `Example events (${v.examples.length}${v.moreExamples > 0 ? ` of ${v.examples.length + v.moreExamples}` : ''}):`,
    );
    for (const e of v.examples) lines.push(...exampleLines(e));
  }
  lines.push('', `Alert id ${v.id}`);
  return `${lines.join('\n')}\n`;
}

/** `  12:01:02.123  CRITICAL  message`, continuation lines indented under the message. */
function exampleLines(e: ExampleView): string[] {
  const head = `  ${e.time}  ${e.severity.padEnd(8)}  `;
  const indent = ' '.repeat(head.length);
  return e.message.split('\n').map((line, i) => (i === 0 ? head : indent) + line);
}

const SEVERITY_COLOUR: Readonly<Record<Severity, string>> = {
  CRITICAL: '#a50e0e',
  ERROR: '#d93025',
  WARNING: '#b06000',
  INFO: '#1a73e8',
  DEBUG: '#5f6368',
};

function badge(severity: Severity): string {
  return `<span style="background:${SEVERITY_COLOUR[severity]};color:#fff;padding:2px 6px;border-radius:3px;font-weight:bold">${severity}</span>`;
}

function htmlPage(title: string, body: string): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#202124">\n${body}\n</body></html>\n`;
}

function factRows(rows: [string, string][]): string {
  return `<table style="border-collapse:collapse">${rows
    .map(
      ([k, v]) =>
        `<tr><th style="text-align:left;padding:2px 12px 2px 0;vertical-align:top">${escapeHtml(k)}</th><td style="padding:2px 0">${escapeHtml(v)}</td></tr>`,
    )
    .join('')}</table>`;
}

function linkHtml(link: string | undefined, label: string): string {
  return link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(label)}</a></p>` : '';
}

function alertHtml(v: AlertView): string {
  const facts: [string, string][] = [
    ['Rule', `${v.rule} (${v.type})`],
    ['Group', v.group],
    ['Window', v.window],
    ['Fired at', v.firedAt],
    ['Counts', v.counts],
  ];
  if (v.template) facts.push(['Pattern', v.template]);
  const examples =
    v.examples.length === 0
      ? ''
      : `<h3 style="margin:16px 0 4px">Example events</h3><table style="border-collapse:collapse">${v.examples
          .map(
            (e) =>
              `<tr><td style="padding:2px 8px 2px 0;vertical-align:top;white-space:nowrap;font-family:monospace">${escapeHtml(e.time)}</td><td style="padding:2px 8px 2px 0;vertical-align:top">${escapeHtml(e.severity)}</td><td style="padding:2px 0"><pre style="margin:0;white-space:pre-wrap;word-break:break-word">${escapeHtml(e.message)}</pre></td></tr>`,
          )
          .join('')}</table>${v.moreExamples > 0 ? `<p>and ${v.moreExamples} more</p>` : ''}`;
  return htmlPage(
    v.title,
    [
      `<p>${badge(v.severity)} <strong>${escapeHtml(v.group)}</strong></p>`,
      `<p style="font-size:16px">${escapeHtml(v.summary)}</p>`,
      factRows(facts),
      linkHtml(v.link, 'Open in the logsift dashboard'),
      examples,
      `<p style="color:#5f6368;font-size:12px">Alert id ${escapeHtml(v.id)}</p>`,
    ].join('\n'),
  );
}

function tally(values: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

function tallyText(m: Map<string, number>): string {
  return [...m]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, n]) => `${k} ${formatCount(n)}`)
    .join(', ');
}

function severityTally(severities: Iterable<Severity>): string {
  const m = tally(severities);
  return SEVERITIES.filter((s) => m.has(s))
    .map((s) => `${s} ${formatCount(m.get(s) ?? 0)}`)
    .join(', ');
}

/** The facts of a digest of held-back alerts, each alert listed once. */
export function describeDigest(
  alerts: readonly StoredAlert[],
  opts: FormatOptions & { digest?: DigestInfo } = {},
): DigestView {
  const info = opts.digest ?? {};
  const unique = [...new Map(alerts.map((a) => [a.id, a])).values()];
  const sorted = unique.sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      a.window.start - b.window.start ||
      a.firedAt - b.firedAt,
  );
  const maxListed = opts.maxListed ?? DEFAULT_LISTED;
  const n = sorted.length;
  const groups = tally(sorted.map((a) => oneLine(a.group)));
  const bySeverity = severityTally(sorted.map((a) => a.severity));
  const where = info.channel ? ` on ${oneLine(info.channel)}` : '';
  const groupText =
    groups.size === 1 ? ` in ${[...groups.keys()][0]}` : groups.size > 1 ? ` in ${groups.size} groups` : '';
  const limit =
    info.maxAlerts !== undefined
      ? `more than ${info.maxAlerts} alert${info.maxAlerts === 1 ? '' : 's'}${where}`
      : `too many alerts${where}`;
  const span =
    info.from !== undefined && info.to !== undefined
      ? ` in the budget window ${formatWindow(info.from, info.to)}`
      : info.windowMs !== undefined
        ? ` within ${formatDuration(info.windowMs)}`
        : '';
  const view: DigestView = {
    title: `Digest: ${formatCount(n)} alert${n === 1 ? '' : 's'} held back${where}${groupText} (${bySeverity || 'none'})`,
    intro: `Storm control: ${limit}${span}. These ${formatCount(n)} alert${n === 1 ? ' was' : 's were'} held back and are listed here once each.`,
    bySeverity,
    byRule: tallyText(tally(sorted.map((a) => oneLine(a.rule)))),
    byGroup: tallyText(groups),
    items: sorted.slice(0, maxListed).map((a) => {
      const v = describeAlert(a, { ...opts, maxExamples: 0 });
      const item: DigestItemView = { id: a.id, severity: a.severity, title: v.title, window: v.window };
      if (v.link) item.link = v.link;
      return item;
    }),
    more: Math.max(0, n - maxListed),
  };
  if (n > 0) {
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    for (const a of sorted) {
      if (a.window.start < from) from = a.window.start;
      if (a.window.end > to) to = a.window.end;
    }
    const link = dashboardLink(opts.dashboardUrl, {
      ...(groups.size === 1 ? { group: sorted[0]!.group } : {}),
      from,
      to,
    });
    if (link) view.link = link;
  }
  return view;
}

/**
 * Alerts held back by storm control, as one message.
 *
 * @example
 * formatDigest(held, { dashboardUrl, digest: { channel: 'email', maxAlerts: 10, windowMs: 600_000 } })
 */
export function formatDigest(
  alerts: readonly StoredAlert[],
  opts: FormatOptions & { digest?: DigestInfo } = {},
): FormattedMessage {
  const v = describeDigest(alerts, opts);
  const lines = [
    v.intro,
    '',
    `By severity: ${v.bySeverity}`,
    `By rule:     ${v.byRule}`,
    `By group:    ${v.byGroup}`,
  ];
  if (v.link) lines.push('', `Open in the dashboard: ${v.link}`);
  lines.push('');
  v.items.forEach((item, i) => {
    lines.push(`${i + 1}. ${item.title}`, `   Window ${item.window}, alert ${item.id}`);
    if (item.link) lines.push(`   ${item.link}`);
  });
  if (v.more > 0) lines.push(`... and ${formatCount(v.more)} more`);
  const html = htmlPage(
    v.title,
    [
      `<p>${escapeHtml(v.intro)}</p>`,
      factRows([
        ['By severity', v.bySeverity],
        ['By rule', v.byRule],
        ['By group', v.byGroup],
      ]),
      linkHtml(v.link, 'Open in the logsift dashboard'),
      `<ol>${v.items
        .map(
          (item) =>
            `<li style="margin-bottom:6px">${badge(item.severity)} ${item.link ? `<a href="${escapeHtml(item.link)}">${escapeHtml(item.title)}</a>` : escapeHtml(item.title)}<br><span style="color:#5f6368">Window ${escapeHtml(item.window)}, alert ${escapeHtml(item.id)}</span></li>`,
        )
        .join('')}</ol>`,
      v.more > 0 ? `<p>... and ${formatCount(v.more)} more</p>` : '',
    ].join('\n'),
  );
  return { subject: subjectOf(prefixOf(opts), v.title), text: `${lines.join('\n')}\n`, html };
}

/** The facts of a daily report, worded. */
export function describeDailyReport(report: DailyReport, opts: FormatOptions = {}): DailyReportView {
  const { from, to } = dayRange(report.day);
  const total = { total: 0, CRITICAL: 0, ERROR: 0, WARNING: 0, INFO: 0, DEBUG: 0 } as SeverityCounts;
  for (const g of report.groups) {
    total.total += g.counts.total;
    for (const s of SEVERITIES) total[s] += g.counts[s];
  }
  const nAlerts = report.alerts.length;
  const headline = [`${formatCount(total.total)} event${total.total === 1 ? '' : 's'}`];
  if (total.CRITICAL > 0) headline.push(`${formatCount(total.CRITICAL)} CRITICAL`);
  if (total.ERROR > 0) headline.push(`${formatCount(total.ERROR)} ERROR`);
  headline.push(`${formatCount(nAlerts)} alert${nAlerts === 1 ? '' : 's'}`);
  const maxListed = opts.maxListed ?? DEFAULT_LISTED;
  const view: DailyReportView = {
    title: `Daily report ${report.day}: ${headline.join(', ')}`,
    totals:
      total.total === 0
        ? `No events arrived on ${report.day} (UTC). If logs were expected, check the subscription and the ingest path.`
        : `${formatCount(total.total)} events in ${report.groups.length} group${report.groups.length === 1 ? '' : 's'}: ${formatCounts(total)}`,
    groups: report.groups.slice(0, MAX_REPORT_GROUPS).map((g) => {
      const out: DailyReportView['groups'][number] = {
        group: oneLine(g.group),
        counts: formatCounts(g.counts),
        patterns: g.topPatterns.map((p) => ({
          count: formatCount(p.count),
          template: cut(oneLine(p.template), 200),
        })),
      };
      const link = dashboardLink(opts.dashboardUrl, { group: g.group, from, to });
      if (link) out.link = link;
      return out;
    }),
    moreGroups: Math.max(0, report.groups.length - MAX_REPORT_GROUPS),
    alerts: report.alerts.slice(0, maxListed).map((a) => {
      const iso = isoOf(a.firedAt);
      const item: DailyReportView['alerts'][number] = {
        time: iso ? `${iso.slice(11, 16)} UTC` : 'unknown time',
        severity: a.severity,
        title: `${a.severity} ${oneLine(a.group)}: ${cut(headlineOf(a), 150)} (${oneLine(a.rule)})`,
        state: a.state,
      };
      const link = dashboardLink(opts.dashboardUrl, {
        group: a.group,
        from: a.window.start,
        to: a.window.end,
        alert: a.id,
      });
      if (link) item.link = link;
      return item;
    }),
    moreAlerts: Math.max(0, nAlerts - maxListed),
  };
  const link = dashboardLink(opts.dashboardUrl, { from, to });
  if (link) view.link = link;
  return view;
}

/**
 * The daily report as one message.
 *
 * @example
 * formatDailyReport(buildDailyReport({ day: '2026-11-25', windows, alerts }), { dashboardUrl })
 */
export function formatDailyReport(report: DailyReport, opts: FormatOptions = {}): FormattedMessage {
  const v = describeDailyReport(report, opts);
  const lines = [`logsift daily report for ${report.day} (UTC)`, '', v.totals];
  if (v.link) lines.push(`Open in the dashboard: ${v.link}`);
  for (const g of v.groups) {
    lines.push('', `${g.group}: ${g.counts}`);
    if (g.patterns.length > 0) {
      lines.push('  Top patterns:');
      const width = Math.max(...g.patterns.map((p) => p.count.length));
      for (const p of g.patterns) lines.push(`    ${p.count.padStart(width)}  ${p.template}`);
    }
    if (g.link) lines.push(`  ${g.link}`);
  }
  if (v.moreGroups > 0) lines.push('', `... and ${formatCount(v.moreGroups)} more groups`);
  lines.push('', v.alerts.length === 0 ? 'Alerts: none' : `Alerts (${formatCount(report.alerts.length)}):`);
  for (const a of v.alerts) lines.push(`  ${a.time}  ${a.title} [${a.state}]`);
  if (v.moreAlerts > 0) lines.push(`  ... and ${formatCount(v.moreAlerts)} more`);
  const html = htmlPage(
    v.title,
    [
      `<h2 style="margin:0 0 8px">logsift daily report for ${escapeHtml(report.day)} (UTC)</h2>`,
      `<p>${escapeHtml(v.totals)}</p>`,
      linkHtml(v.link, 'Open the day in the logsift dashboard'),
      ...v.groups.map(
        (g) =>
          `<h3 style="margin:16px 0 4px">${g.link ? `<a href="${escapeHtml(g.link)}">${escapeHtml(g.group)}</a>` : escapeHtml(g.group)}</h3><p style="margin:0">${escapeHtml(g.counts)}</p>${
            g.patterns.length === 0
              ? ''
              : `<table style="border-collapse:collapse">${g.patterns
                  .map(
                    (p) =>
                      `<tr><td style="text-align:right;padding:2px 8px 2px 0">${escapeHtml(p.count)}</td><td><code>${escapeHtml(p.template)}</code></td></tr>`,
                  )
                  .join('')}</table>`
          }`,
      ),
      v.moreGroups > 0 ? `<p>... and ${formatCount(v.moreGroups)} more groups</p>` : '',
      `<h3 style="margin:16px 0 4px">Alerts</h3>`,
      v.alerts.length === 0
        ? '<p>none</p>'
        : `<ul>${v.alerts
            .map(
              (a) =>
                `<li>${escapeHtml(a.time)} ${badge(a.severity)} ${a.link ? `<a href="${escapeHtml(a.link)}">${escapeHtml(a.title)}</a>` : escapeHtml(a.title)} [${escapeHtml(a.state)}]</li>`,
            )
            .join('')}</ul>`,
      v.moreAlerts > 0 ? `<p>... and ${formatCount(v.moreAlerts)} more</p>` : '',
    ].join('\n'),
  );
  return { subject: subjectOf(prefixOf(opts), v.title), text: `${lines.join('\n')}\n`, html };
}

/** Any outgoing message as subject, text and HTML. */
export function formatMessage(message: OutgoingMessage, opts: FormatOptions = {}): FormattedMessage {
  switch (message.kind) {
    case 'alert':
      return formatAlert(message.alert, opts);
    case 'digest':
      return formatDigest(message.alerts, { ...opts, digest: message.digest });
    case 'report':
      return formatDailyReport(message.report, opts);
  }
}
