/**
 * AWS Lambda health from REPORT lines: invocations with cold starts, duration, timeouts and errors,
 * and peak memory against the configured size. Four small charts rather than a table: a spike or a
 * creep towards the memory limit is seen at a glance.
 */
import { h, replace } from '../dom.js';
import { compact, count, duration, percent } from '../format.js';
import type { LambdaPoint } from '../metrics.js';
import { createTimeSeriesChart } from './timeSeriesChart.js';

export interface LambdaData {
  points: LambdaPoint[];
  from: number;
  to: number;
  windowMs: number;
}

interface Tile {
  el: HTMLElement;
  value: HTMLElement;
  sub: HTMLElement;
  chart: ReturnType<typeof createTimeSeriesChart>;
}

function tile(id: string, label: string, format: (v: number) => string): Tile {
  const value = h('div', { class: 'tile-value' });
  const sub = h('div', { class: 'tile-sub' });
  const chart = createTimeSeriesChart({ height: 56, axes: false, format, label });
  const el = h(
    'div',
    { class: 'tile', 'data-testid': `lambda-${id}` },
    h('div', { class: 'tile-label' }, label),
    value,
    sub,
    chart.el,
  );
  return { el, value, sub, chart };
}

export function createLambdaPanel(): { el: HTMLElement; update(data: LambdaData): void } {
  const n = (v: number) => count(Math.round(v));
  const mb = (v: number) => `${Math.round(v)} MB`;
  const invocations = tile('invocations', 'Invocations', n);
  const durations = tile('duration', 'Duration', duration);
  const failures = tile('failures', 'Timeouts & errors', n);
  const memory = tile('memory', 'Peak memory', mb);
  const el = h(
    'section',
    { class: 'panel lambda-panel', 'data-testid': 'lambda-panel', 'aria-labelledby': 'lambda-title' },
    h(
      'header',
      { class: 'panel-head' },
      h('h2', { id: 'lambda-title' }, 'Lambda'),
      h('span', { class: 'panel-sub' }, 'from REPORT lines'),
    ),
    h('div', { class: 'panel-body tiles' }, invocations.el, durations.el, failures.el, memory.el),
  );

  return {
    el,
    update({ points, from, to, windowMs }) {
      const t = points.map((p) => p.t);
      const base = { t, slotMs: windowMs, from, to };
      const sum = (f: (p: LambdaPoint) => number) => points.reduce((acc, p) => acc + f(p), 0);
      const inv = sum((p) => p.invocations);
      const cold = sum((p) => p.coldStarts);
      const initAvg = cold > 0 ? sum((p) => p.initAvg * p.coldStarts) / cold : 0;
      invocations.value.textContent = compact(inv);
      replace(
        invocations.sub,
        `${count(cold)} cold starts (${inv > 0 ? percent(cold / inv) : '0%'})`,
        cold > 0 ? ` · init ${duration(initAvg)}` : '',
      );
      invocations.chart.update({
        ...base,
        series: [
          {
            name: 'Invocations',
            cls: 'fill-invocations',
            kind: 'bar',
            values: points.map((p) => p.invocations),
          },
          { name: 'Cold starts', cls: 'fill-cold', kind: 'bar', values: points.map((p) => p.coldStarts) },
        ],
      });

      const avg = inv > 0 ? sum((p) => p.durationAvg * p.invocations) / inv : 0;
      const max = points.reduce((m, p) => Math.max(m, p.durationMax), 0);
      durations.value.textContent = duration(avg);
      durations.sub.textContent = `avg · max ${duration(max)}`;
      durations.chart.update({
        ...base,
        series: [
          { name: 'Average', cls: 'stroke-p50', kind: 'area', values: points.map((p) => p.durationAvg) },
          { name: 'Max', cls: 'stroke-p99', kind: 'line', values: points.map((p) => p.durationMax) },
        ],
      });

      const timeouts = sum((p) => p.timeouts);
      const errors = sum((p) => p.errors);
      failures.value.textContent = count(timeouts + errors);
      failures.el.classList.toggle('alarm', timeouts + errors > 0);
      failures.sub.textContent = `${count(timeouts)} timeouts · ${count(errors)} errors`;
      failures.chart.update({
        ...base,
        series: [
          { name: 'Timeouts', cls: 'fill-CRITICAL', kind: 'bar', values: points.map((p) => p.timeouts) },
          { name: 'Errors', cls: 'fill-ERROR', kind: 'bar', values: points.map((p) => p.errors) },
        ],
      });

      const peak = points.reduce((m, p) => Math.max(m, p.maxMemoryUsedMb), 0);
      const size = points.reduce((m, p) => Math.max(m, p.memorySizeMb), 0);
      memory.value.textContent = size > 0 ? `${Math.round(peak)} / ${size} MB` : mb(peak);
      memory.sub.textContent =
        size > 0 ? `${percent(peak / size)} of configured memory` : 'memory size unknown';
      memory.el.classList.toggle('alarm', size > 0 && peak / size >= 0.9);
      memory.chart.update({
        ...base,
        series: [
          {
            name: 'Max used',
            cls: 'stroke-memory',
            kind: 'area',
            values: points.map((p) => p.maxMemoryUsedMb),
          },
        ],
        limit: size > 0 ? { value: size, label: `${size} MB` } : undefined,
      });
    },
  };
}
