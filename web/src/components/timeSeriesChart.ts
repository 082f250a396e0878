/**
 * A small time-series chart for the latency and Lambda panels: lines, bars or a filled line over
 * shared time slots, an optional dashed limit line, axes when there is room, and a hover guide
 * with a tooltip of every series at that time.
 */
import { h, replace, s } from '../dom.js';
import { rangeLabel } from '../format.js';
import { hideTooltip, niceTicks, onWidth, showTooltip, timeTicks, tooltipRow } from './chartKit.js';

export interface Series {
  name: string;
  /** CSS class that colours it (`stroke`/`fill` come from the class). */
  cls: string;
  kind: 'line' | 'bar' | 'area';
  values: number[];
}

export interface TimeSeriesData {
  /** Slot starts, ascending. */
  t: number[];
  /** Slot length, ms. */
  slotMs: number;
  from: number;
  to: number;
  series: Series[];
  /** A dashed horizontal line, e.g. the memory size. */
  limit?: { value: number; label: string };
}

export interface TimeSeriesOptions {
  height: number;
  axes: boolean;
  format: (v: number) => string;
  label: string;
}

export function createTimeSeriesChart(options: TimeSeriesOptions): {
  el: HTMLElement;
  update(data: TimeSeriesData): void;
} {
  const el = h('div', { class: `ts-chart${options.axes ? '' : ' mini'}` });
  let data: TimeSeriesData | undefined;
  let width = 0;

  function render(): void {
    if (!data || width === 0) return;
    const d = data;
    const m = options.axes
      ? { top: 10, right: 8, bottom: 22, left: 48 }
      : { top: 4, right: 2, bottom: 2, left: 2 };
    const height = options.height;
    const innerW = Math.max(10, width - m.left - m.right);
    const innerH = height - m.top - m.bottom;
    const x = (t: number) => m.left + ((t - d.from) / (d.to - d.from)) * innerW;
    let max = d.limit?.value ?? 0;
    for (const series of d.series) for (const v of series.values) if (v > max) max = v;
    const ticks = niceTicks(max * 1.05, 3);
    const top = ticks[ticks.length - 1] || 1;
    const y = (v: number) => m.top + innerH - (v / top) * innerH;
    const slotW = (d.slotMs / (d.to - d.from)) * innerW;
    const mid = (t: number) => x(t) + slotW / 2;

    const svg = s('svg', {
      class: 'chart',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': options.label,
    });
    if (options.axes) {
      const grid = s('g', { class: 'grid' });
      for (const t of ticks) {
        grid.append(
          s('line', { x1: m.left, x2: width - m.right, y1: y(t), y2: y(t) }),
          s(
            'text',
            {
              x: m.left - 8,
              y: y(t),
              class: 'axis-label',
              'text-anchor': 'end',
              'dominant-baseline': 'middle',
            },
            options.format(t),
          ),
        );
      }
      for (const tick of timeTicks(d.from, d.to, Math.max(2, Math.floor(innerW / 90)))) {
        grid.append(
          s(
            'text',
            { x: x(tick.t), y: height - 5, class: 'axis-label', 'text-anchor': 'middle' },
            tick.label,
          ),
        );
      }
      svg.append(grid);
    } else {
      svg.append(s('line', { class: 'baseline', x1: 0, x2: width, y1: m.top + innerH, y2: m.top + innerH }));
    }
    if (d.limit) {
      svg.append(
        s('line', {
          class: 'limit-line',
          x1: m.left,
          x2: width - m.right,
          y1: y(d.limit.value),
          y2: y(d.limit.value),
        }),
        s(
          'text',
          { class: 'limit-label', x: width - m.right - 4, y: y(d.limit.value) - 4, 'text-anchor': 'end' },
          d.limit.label,
        ),
      );
    }
    const barSeries = d.series.filter((series) => series.kind === 'bar');
    const barW = Math.max(1, (slotW * 0.8) / Math.max(1, barSeries.length));
    barSeries.forEach((series, k) => {
      const g = s('g', { class: series.cls });
      series.values.forEach((v, i) => {
        if (!(v > 0)) return;
        const t = d.t[i]!;
        g.append(
          s('rect', {
            x: x(t) + slotW * 0.1 + k * barW,
            y: y(v),
            width: barW,
            height: Math.max(1, y(0) - y(v)),
          }),
        );
      });
      svg.append(g);
    });
    for (const series of d.series) {
      if (series.kind === 'bar' || d.t.length === 0) continue;
      const points = d.t.map((t, i) => `${mid(t).toFixed(1)},${y(series.values[i] ?? 0).toFixed(1)}`);
      if (series.kind === 'area') {
        const first = mid(d.t[0]!).toFixed(1);
        const last = mid(d.t[d.t.length - 1]!).toFixed(1);
        svg.append(
          s('path', {
            class: `area ${series.cls}`,
            d: `M${first},${y(0)} L${points.join(' L')} L${last},${y(0)} Z`,
          }),
        );
      }
      svg.append(s('path', { class: `line ${series.cls}`, d: `M${points.join(' L')}` }));
      if (d.t.length === 1)
        svg.append(
          s('circle', { class: `dot ${series.cls}`, cx: mid(d.t[0]!), cy: y(series.values[0] ?? 0), r: 3 }),
        );
    }

    const guide = s('line', {
      class: 'guide',
      y1: m.top,
      y2: m.top + innerH,
      x1: 0,
      x2: 0,
      visibility: 'hidden',
    });
    svg.append(guide);
    svg.addEventListener('pointermove', (e) => {
      const rect = svg.getBoundingClientRect();
      const px = e.clientX - rect.left;
      let best = -1;
      let bestDist = Number.POSITIVE_INFINITY;
      d.t.forEach((t, i) => {
        const dist = Math.abs(mid(t) - px);
        if (dist < bestDist) {
          best = i;
          bestDist = dist;
        }
      });
      if (best < 0 || bestDist > Math.max(slotW, 24)) {
        hideTooltip();
        guide.setAttribute('visibility', 'hidden');
        return;
      }
      const t = d.t[best]!;
      guide.setAttribute('x1', String(mid(t)));
      guide.setAttribute('x2', String(mid(t)));
      guide.setAttribute('visibility', 'visible');
      showTooltip(
        e.clientX,
        e.clientY,
        h('div', { class: 'tip-title' }, rangeLabel(t, t + d.slotMs)),
        ...d.series.map((series) =>
          tooltipRow(series.name, options.format(series.values[best] ?? 0), series.cls),
        ),
        ...(d.limit ? [tooltipRow(d.limit.label, options.format(d.limit.value))] : []),
      );
    });
    svg.addEventListener('pointerleave', () => {
      hideTooltip();
      guide.setAttribute('visibility', 'hidden');
    });
    replace(el, svg);
  }

  onWidth(el, (w) => {
    width = w;
    render();
  });
  return {
    el,
    update(next) {
      data = next;
      render();
    },
  };
}

/** A tiny inline trend line (no axes, no hover) for table cells and cards. */
export function sparkline(values: readonly number[], cls: string, width = 80, height = 22): SVGSVGElement {
  const svg = s('svg', {
    class: `sparkline ${cls}`,
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    'aria-hidden': 'true',
  });
  if (values.length === 0) return svg;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const pts = values.map(
    (v, i) =>
      `${(values.length > 1 ? i * step : width / 2).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`,
  );
  svg.append(
    s('path', { class: 'area', d: `M0,${height} L${pts.join(' L')} L${width},${height} Z` }),
    s('path', { class: 'line', d: `M${pts.join(' L')}` }),
  );
  return svg;
}
