/**
 * Severities as the dashboard shows them. Colours live in CSS variables (`--sev-ERROR` ...) and
 * classes (`sev-ERROR`, `fill-ERROR`), so the chart, badges, chips and tail always agree.
 */
import { h } from './dom.js';
import type { Severity } from './types.js';

/** Most severe first, as in src/core/types.ts. */
export const SEVERITIES: readonly Severity[] = ['CRITICAL', 'ERROR', 'WARNING', 'INFO', 'DEBUG'];

const SHORT: Record<Severity, string> = {
  CRITICAL: 'CRIT',
  ERROR: 'ERROR',
  WARNING: 'WARN',
  INFO: 'INFO',
  DEBUG: 'DEBUG',
};

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** A compact badge; the full name is in the accessible label. */
export function severityBadge(severity: Severity): HTMLSpanElement {
  return h(
    'span',
    { class: `badge sev-${severity}`, title: severity, 'aria-label': severity },
    SHORT[severity],
  );
}

/** Capitalised name for legends and tooltips: "Warning". */
export function severityName(severity: Severity): string {
  return severity.charAt(0) + severity.slice(1).toLowerCase();
}
