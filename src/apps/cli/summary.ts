/**
 * What `logsift analyze` reports: built up batch by batch, printed as text or JSON.
 */
import type { StoredAlert } from '../../core/alerts/types.js';
import type { WindowDelta } from '../../core/metrics/window.js';
import { severityCounts } from '../../core/metrics/window.js';
import type { PatternInfo } from '../../core/patterns/index.js';
import type { BatchResult } from '../../core/pipeline.js';
import { SEVERITIES, type Severity } from '../../core/types.js';
import { formatBytes } from './progress.js';

/** Fields whose most frequent values are worth showing. */
const VALUE_FIELDS = new Set([
  'http.status',
  'http.method',
  'http.path',
  'ip',
  'lambda.status',
  'level',
  'logger',
  'component',
]);
const TOP_FIELDS = 12;
const TOP_PATTERNS = 15;
/** Firings listed one per line in the text summary; --json has them all. */
const MAX_LISTED_ALERTS = 30;
/** Distinct values tracked per field before new ones are ignored: bounds memory on huge inputs. */
const MAX_TRACKED_VALUES = 1000;

export interface SummaryJson {
  input: string;
  group: string;
  lines: number;
  bytes: number;
  events: number;
  failures: number;
  timeRange?: { from: string; to: string };
  severities: Record<Severity, number>;
  windows: { count: number; busiest?: { start: string; total: number; errors: number } };
  fields: { name: string; count: number; top?: { value: string; count: number }[] }[];
  patterns: {
    id: string;
    template: string;
    count: number;
    severities: Partial<Record<Severity, number>>;
    example: string;
  }[];
  /** Per rule that would have fired: how often and between which windows (a backtest of the rules). */
  alertRules: { rule: string; type: string; firings: number; first: string; last: string }[];
  alerts: {
    rule: string;
    type: string;
    group: string;
    key: string;
    window: { start: string; end: string };
    severity: Severity;
    summary: string;
    patternId?: string;
    template?: string;
    value?: number;
    baseline?: number;
    example?: string;
  }[];
  redactions: Record<string, number>;
}

export class AnalysisSummary {
  lines = 0;
  bytes = 0;
  failures = 0;
  private events = 0;
  private from = Number.POSITIVE_INFINITY;
  private to = Number.NEGATIVE_INFINITY;
  private readonly severities: Record<Severity, number> = {
    CRITICAL: 0,
    ERROR: 0,
    WARNING: 0,
    INFO: 0,
    DEBUG: 0,
  };
  private readonly fieldCounts = new Map<string, number>();
  private readonly fieldValues = new Map<string, Map<string, number>>();
  private readonly patternSeverities = new Map<string, Partial<Record<Severity, number>>>();
  private readonly redactions: Record<string, number> = {};
  private patterns: PatternInfo[] = [];
  private alerts: StoredAlert[] = [];
  private windows: WindowDelta[] = [];

  constructor(
    readonly input: string,
    readonly group: string,
  ) {}

  add(result: BatchResult): void {
    for (const s of SEVERITIES) this.severities[s] += result.severities[s];
    for (const k in result.redactions)
      this.redactions[k] = (this.redactions[k] ?? 0) + (result.redactions[k] ?? 0);
    for (const e of result.events) {
      this.events++;
      if (e.timestamp < this.from) this.from = e.timestamp;
      if (e.timestamp > this.to) this.to = e.timestamp;
      for (const name in e.fields) {
        this.fieldCounts.set(name, (this.fieldCounts.get(name) ?? 0) + 1);
        if (VALUE_FIELDS.has(name)) this.countValue(name, String(e.fields[name]));
      }
      if (e.patternId) {
        let mix = this.patternSeverities.get(e.patternId);
        if (!mix) {
          mix = {};
          this.patternSeverities.set(e.patternId, mix);
        }
        mix[e.severity] = (mix[e.severity] ?? 0) + 1;
      }
    }
  }

  private countValue(name: string, value: string): void {
    let values = this.fieldValues.get(name);
    if (!values) {
      values = new Map();
      this.fieldValues.set(name, values);
    }
    const n = values.get(value);
    if (n !== undefined) values.set(value, n + 1);
    else if (values.size < MAX_TRACKED_VALUES) values.set(value, 1);
  }

  setPatterns(patterns: PatternInfo[]): void {
    this.patterns = patterns;
  }
  setAlerts(alerts: StoredAlert[]): void {
    this.alerts = alerts;
  }
  setWindows(windows: WindowDelta[]): void {
    this.windows = windows;
  }

  toJSON(): SummaryJson {
    const fields = [...this.fieldCounts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, TOP_FIELDS)
      .map(([name, count]) => {
        const values = this.fieldValues.get(name);
        if (!values) return { name, count };
        const top = [...values.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3)
          .map(([value, n]) => ({ value, count: n }));
        return { name, count, top };
      });
    let busiest: SummaryJson['windows']['busiest'];
    for (const w of this.windows) {
      const c = severityCounts(w);
      if (!busiest || c.total > busiest.total)
        busiest = { start: iso(w.start), total: c.total, errors: c.ERROR + c.CRITICAL };
    }
    const patterns = [...this.patterns]
      .sort((a, b) => b.count - a.count)
      .slice(0, TOP_PATTERNS)
      .map((p) => ({
        id: p.id,
        template: p.template,
        count: p.count,
        severities: this.patternSeverities.get(p.id) ?? {},
        example: p.example,
      }));
    const json: SummaryJson = {
      input: this.input,
      group: this.group,
      lines: this.lines,
      bytes: this.bytes,
      events: this.events,
      failures: this.failures,
      severities: { ...this.severities },
      windows: busiest ? { count: this.windows.length, busiest } : { count: this.windows.length },
      fields,
      patterns,
      alertRules: alertRules(this.alerts),
      alerts: this.alerts
        .sort((a, b) => a.window.start - b.window.start || a.rule.localeCompare(b.rule))
        .map((a) => {
          const out: SummaryJson['alerts'][number] = {
            rule: a.rule,
            type: a.type,
            group: a.group,
            key: a.key,
            window: { start: iso(a.window.start), end: iso(a.window.end) },
            severity: a.severity,
            summary: a.summary,
          };
          if (a.patternId !== undefined) out.patternId = a.patternId;
          if (a.template !== undefined) out.template = a.template;
          if (a.value !== undefined) out.value = a.value;
          if (a.baseline !== undefined) out.baseline = a.baseline;
          if (a.examples[0]) out.example = a.examples[0].message;
          return out;
        }),
      redactions: { ...this.redactions },
    };
    if (this.events > 0) json.timeRange = { from: iso(this.from), to: iso(this.to) };
    return json;
  }
}

/** Firings per rule with their first and last window, in the order the rules first fired. */
function alertRules(alerts: readonly StoredAlert[]): SummaryJson['alertRules'] {
  const byRule = new Map<string, { type: string; firings: number; first: number; last: number }>();
  for (const a of alerts) {
    const r = byRule.get(a.rule);
    if (!r) byRule.set(a.rule, { type: a.type, firings: 1, first: a.window.start, last: a.window.start });
    else {
      r.firings++;
      if (a.window.start < r.first) r.first = a.window.start;
      if (a.window.start > r.last) r.last = a.window.start;
    }
  }
  return [...byRule.entries()]
    .sort((a, b) => a[1].first - b[1].first || a[0].localeCompare(b[0]))
    .map(([rule, r]) => ({ rule, type: r.type, firings: r.firings, first: iso(r.first), last: iso(r.last) }));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

const COLORS: Record<Severity, string> = {
  CRITICAL: '\x1b[1;35m',
  ERROR: '\x1b[31m',
  WARNING: '\x1b[33m',
  INFO: '\x1b[32m',
  DEBUG: '\x1b[2m',
};

/** The summary as a person reads it in a terminal. */
export function formatSummary(s: SummaryJson, color: boolean): string {
  const paint = (sev: Severity, text: string) => (color ? `${COLORS[sev]}${text}\x1b[0m` : text);
  const bold = (text: string) => (color ? `\x1b[1m${text}\x1b[0m` : text);
  const out: string[] = [];
  out.push(`${bold(s.input)}  (group ${s.group})`);
  out.push(
    `${s.events.toLocaleString('en-US')} events from ${s.lines.toLocaleString('en-US')} lines, ${formatBytes(s.bytes)}` +
      (s.failures > 0 ? `, ${s.failures} unreadable lines skipped` : '') +
      (s.timeRange ? `\n${s.timeRange.from} .. ${s.timeRange.to}` : ''),
  );
  out.push('', bold('Severity'));
  const max = Math.max(1, ...SEVERITIES.map((sev) => s.severities[sev]));
  for (const sev of SEVERITIES) {
    const n = s.severities[sev];
    const pct = s.events > 0 ? ((n / s.events) * 100).toFixed(1) : '0.0';
    const bar = '█'.repeat(Math.round((n / max) * 30));
    out.push(
      `  ${paint(sev, sev.padEnd(8))} ${String(n).padStart(9)}  ${pct.padStart(5)}%  ${paint(sev, bar)}`,
    );
  }
  if (s.windows.busiest) {
    out.push(
      `  ${s.windows.count} window${s.windows.count === 1 ? '' : 's'}; busiest ${s.windows.busiest.start}: ${s.windows.busiest.total} events, ${s.windows.busiest.errors} at ERROR or above`,
    );
  }
  if (s.patterns.length > 0) {
    out.push('', bold('Top patterns'));
    for (const p of s.patterns) {
      const mix = SEVERITIES.filter((sev) => (p.severities[sev] ?? 0) > 0)
        .map((sev) => paint(sev, `${sev[0]}${p.severities[sev]}`))
        .join(' ');
      out.push(`  ${String(p.count).padStart(8)}  ${truncate(p.template, 100)}`);
      out.push(`            ${mix}  id ${p.id}  e.g. ${truncate(p.example, 80)}`);
    }
  }
  if (s.fields.length > 0) {
    out.push('', bold('Top fields'));
    for (const f of s.fields) {
      const top = f.top ? `  ${f.top.map((v) => `${truncate(v.value, 40)} (${v.count})`).join(', ')}` : '';
      out.push(`  ${f.name.padEnd(24)} ${String(f.count).padStart(9)}${top}`);
    }
  }
  out.push('', bold(`Alerts that would fire: ${s.alerts.length}`));
  if (s.alertRules.length > 0) {
    const width = Math.max(4, ...s.alertRules.map((r) => r.rule.length));
    out.push(
      `  ${'rule'.padEnd(width)}  ${'type'.padEnd(11)} ${'firings'.padStart(7)}  first window              last window`,
    );
    for (const r of s.alertRules) {
      out.push(
        `  ${r.rule.padEnd(width)}  ${r.type.padEnd(11)} ${String(r.firings).padStart(7)}  ${r.first}  ${r.last}`,
      );
    }
    out.push('');
  }
  for (const a of s.alerts.slice(0, MAX_LISTED_ALERTS)) {
    out.push(
      `  ${paint(a.severity, a.severity.padEnd(8))} ${a.window.start}  ${a.rule}: ${truncate(a.summary, 300)}`,
    );
  }
  if (s.alerts.length > MAX_LISTED_ALERTS)
    out.push(`  ... and ${s.alerts.length - MAX_LISTED_ALERTS} more (use --json for all)`);
  // Most masked first (ties by name): counts come in whatever order the rules found them.
  const masked = Object.entries(s.redactions)
    .filter(([, n]) => n > 0)
    .sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : 1));
  if (masked.length > 0)
    out.push('', `Masked before analysis: ${masked.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  return `${out.join('\n')}\n`;
}

function truncate(text: string, n: number): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}
