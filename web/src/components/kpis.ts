/**
 * The row of headline cards: events, errors + critical (with their share), alerts, patterns, and
 * p99 latency when the logs carry latencies. Each compares with the period just before when the
 * metrics cover it.
 */
import { h, replace } from '../dom.js';
import { compact, count, duration, percent, shortGroup, spanLabel } from '../format.js';
import type { Counts } from '../metrics.js';
import type { PatternView, StoredAlert } from '../types.js';
import { sparkline } from './timeSeriesChart.js';

export interface KpiData {
  current: Counts;
  previous: Counts;
  spanMs: number;
  /** Whether the metrics reach back over the previous period at all. */
  hasPrevious: boolean;
  eventsSeries: number[];
  errorsSeries: number[];
  alerts: StoredAlert[];
  patterns: PatternView[];
  from: number;
  latency?: { p99: number; group: string; series: number[] };
}

interface Card {
  el: HTMLElement;
  value: HTMLElement;
  delta: HTMLElement;
  sub: HTMLElement;
  spark: HTMLElement;
}

function card(id: string, label: string): Card {
  const value = h('div', { class: 'kpi-value' }, '–');
  const delta = h('span', { class: 'kpi-delta' });
  const sub = h('div', { class: 'kpi-sub' });
  const spark = h('div', { class: 'kpi-spark' });
  const el = h(
    'div',
    { class: 'kpi', 'data-testid': `kpi-${id}`, role: 'group', 'aria-label': label },
    h('div', { class: 'kpi-label' }, label),
    h('div', { class: 'kpi-main' }, value, delta),
    sub,
    spark,
  );
  return { el, value, delta, sub, spark };
}

/** `▲ 12%` coloured by whether up is bad; empty when there is nothing to compare. */
function setDelta(
  target: HTMLElement,
  now: number,
  before: number,
  upIsBad: boolean,
  spanMs: number,
  hasPrevious: boolean,
): void {
  target.className = 'kpi-delta';
  target.removeAttribute('title');
  if (!hasPrevious) {
    target.textContent = '';
    return;
  }
  const label = `vs previous ${spanLabel(spanMs)}`;
  target.title = `${count(before)} in the previous ${spanLabel(spanMs)}`;
  if (before === 0) {
    target.textContent = now === 0 ? '' : 'new';
    if (now > 0) target.classList.add(upIsBad ? 'bad' : 'neutral');
    return;
  }
  const change = (now - before) / before;
  if (Math.abs(change) < 0.005) {
    target.textContent = `= ${label}`;
    target.classList.add('flat');
    return;
  }
  const arrow = change > 0 ? '▲' : '▼';
  target.textContent = `${arrow} ${percent(Math.abs(change))}`;
  target.title = `${target.title} (${label})`;
  target.classList.add(upIsBad ? (change > 0 ? 'bad' : 'good') : 'neutral');
}

export function createKpis(): { el: HTMLElement; update(data: KpiData): void } {
  const events = card('events', 'Events');
  const errors = card('errors', 'Errors + critical');
  const alerts = card('alerts', 'Alerts fired');
  const patterns = card('patterns', 'Patterns');
  const latency = card('latency', 'p99 latency');
  const el = h(
    'section',
    { class: 'kpis', 'aria-label': 'Summary' },
    events.el,
    errors.el,
    alerts.el,
    patterns.el,
    latency.el,
  );

  return {
    el,
    update(d) {
      const errNow = d.current.ERROR + d.current.CRITICAL;
      const errBefore = d.previous.ERROR + d.previous.CRITICAL;

      events.value.textContent = compact(d.current.total);
      events.value.title = count(d.current.total);
      setDelta(events.delta, d.current.total, d.previous.total, false, d.spanMs, d.hasPrevious);
      events.sub.textContent = d.hasPrevious
        ? `vs ${compact(d.previous.total)} the ${spanLabel(d.spanMs)} before`
        : `in the last ${spanLabel(d.spanMs)}`;
      replace(events.spark, sparkline(d.eventsSeries, 'spark-neutral', 160, 28));

      errors.value.textContent = compact(errNow);
      errors.value.title = `${count(d.current.ERROR)} errors, ${count(d.current.CRITICAL)} critical`;
      errors.el.classList.toggle('alarm', d.current.CRITICAL > 0);
      setDelta(errors.delta, errNow, errBefore, true, d.spanMs, d.hasPrevious);
      replace(
        errors.sub,
        h('strong', null, d.current.total > 0 ? percent(errNow / d.current.total) : '0%'),
        ' of events',
        d.current.CRITICAL > 0
          ? h('span', { class: 'crit-note' }, ` · ${count(d.current.CRITICAL)} critical`)
          : '',
      );
      replace(errors.spark, sparkline(d.errorsSeries, 'spark-error', 160, 28));

      const critical = d.alerts.filter((a) => a.severity === 'CRITICAL').length;
      const failed = d.alerts.filter((a) => a.state === 'failed').length;
      const pending = d.alerts.filter((a) => a.state === 'pending').length;
      alerts.value.textContent = count(d.alerts.length);
      alerts.el.classList.toggle('alarm', d.alerts.length > 0);
      const parts: string[] = [];
      if (critical) parts.push(`${critical} critical`);
      if (failed) parts.push(`${failed} delivery failed`);
      if (pending) parts.push(`${pending} sending`);
      alerts.sub.textContent =
        d.alerts.length === 0 ? 'Rules are quiet' : parts.join(' · ') || 'All delivered';
      alerts.sub.classList.toggle('warn-text', failed > 0);

      const fresh = d.patterns.filter((p) => p.firstSeen >= d.from).length;
      patterns.value.textContent = count(d.patterns.length);
      patterns.sub.textContent = fresh > 0 ? `${fresh} new in this range` : 'No new patterns';
      patterns.sub.classList.toggle('new-text', fresh > 0);

      latency.el.hidden = !d.latency;
      if (d.latency) {
        latency.value.textContent = duration(d.latency.p99);
        latency.sub.textContent = shortGroup(d.latency.group);
        latency.sub.title = d.latency.group;
        replace(latency.spark, sparkline(d.latency.series, 'spark-latency', 160, 28));
      }
      el.classList.toggle('five', Boolean(d.latency));
    },
  };
}
