/**
 * Latency percentiles over the range (p50, p90, p99 per window). Percentiles of different groups
 * cannot be merged, so the panel shows one group at a time, the busiest by default.
 */
import { h, replace } from '../dom.js';
import { duration, shortGroup } from '../format.js';
import type { LatencyPoint } from '../metrics.js';
import { createTimeSeriesChart } from './timeSeriesChart.js';

export interface LatencyData {
  byGroup: Map<string, LatencyPoint[]>;
  from: number;
  to: number;
  windowMs: number;
}

export function createLatencyPanel(): { el: HTMLElement; update(data: LatencyData): void } {
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Log group' });
  const stats = h('div', { class: 'stat-row' });
  const chart = createTimeSeriesChart({
    height: 180,
    axes: true,
    format: duration,
    label: 'Latency percentiles per window',
  });
  const el = h(
    'section',
    { class: 'panel latency-panel', 'data-testid': 'latency-panel', 'aria-labelledby': 'latency-title' },
    h('header', { class: 'panel-head' }, h('h2', { id: 'latency-title' }, 'Latency'), tabs),
    stats,
    h('div', { class: 'panel-body' }, chart.el),
  );
  let chosen: string | undefined;
  let data: LatencyData | undefined;

  const render = () => {
    if (!data) return;
    const groups = [...data.byGroup.entries()].sort((a, b) => total(b[1]) - total(a[1]));
    if (!chosen || !data.byGroup.has(chosen)) chosen = groups[0]?.[0];
    const points = (chosen && data.byGroup.get(chosen)) || [];
    replace(
      tabs,
      ...(groups.length > 1
        ? groups.map(([g]) =>
            h(
              'button',
              {
                type: 'button',
                role: 'tab',
                class: 'tab',
                'aria-selected': String(g === chosen),
                title: g,
                onclick: () => {
                  chosen = g;
                  render();
                },
              },
              shortGroup(g),
            ),
          )
        : [h('span', { class: 'panel-sub', title: chosen ?? '' }, chosen ?? '')]),
    );
    const last = points[points.length - 1];
    const peak = points.reduce((m, p) => Math.max(m, p.p99), 0);
    const requests = total(points);
    const avg = requests > 0 ? points.reduce((n, p) => n + p.avg * p.count, 0) / requests : 0;
    replace(
      stats,
      stat('p50', last ? duration(last.p50) : '–', 'stroke-p50', 'latest window'),
      stat('p90', last ? duration(last.p90) : '–', 'stroke-p90', 'latest window'),
      stat('p99', last ? duration(last.p99) : '–', 'stroke-p99', 'latest window'),
      stat('peak p99', duration(peak), undefined, 'highest window in range'),
      stat('mean', duration(avg), undefined, `${requests.toLocaleString()} timed requests`),
    );
    chart.update({
      t: points.map((p) => p.t),
      slotMs: data.windowMs,
      from: data.from,
      to: data.to,
      series: [
        { name: 'p50', cls: 'stroke-p50', kind: 'line', values: points.map((p) => p.p50) },
        { name: 'p90', cls: 'stroke-p90', kind: 'line', values: points.map((p) => p.p90) },
        { name: 'p99', cls: 'stroke-p99', kind: 'area', values: points.map((p) => p.p99) },
      ],
    });
  };

  return {
    el,
    update(next) {
      data = next;
      render();
    },
  };
}

function total(points: LatencyPoint[]): number {
  return points.reduce((n, p) => n + p.count, 0);
}

export function stat(label: string, value: string, swatch?: string, title?: string): HTMLElement {
  return h(
    'div',
    { class: 'stat', title: title ?? '' },
    h('div', { class: 'stat-label' }, swatch ? h('span', { class: `swatch line ${swatch}` }) : null, label),
    h('div', { class: 'stat-value' }, value),
  );
}
