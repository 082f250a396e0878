/**
 * Stacked bars of events per window and severity. The most severe sit at the bottom so a handful of
 * errors stays visible under a tall pile of INFO. Hover (or arrow keys) shows a window's counts;
 * a click (or Enter) narrows the dashboard to that window. Legend entries hide a severity.
 */
import { h, replace, s } from '../dom.js';
import { compact, count, rangeLabel, spanLabel } from '../format.js';
import type { Bucket, Buckets } from '../metrics.js';
import { SEVERITIES, severityName } from '../severity.js';
import type { Severity } from '../types.js';
import { hideTooltip, niceTicks, onWidth, showTooltip, timeTicks, tooltipRow } from './chartKit.js';

export interface SeverityChartData {
  buckets: Buckets;
  from: number;
  to: number;
}

export interface SeverityChart {
  el: HTMLElement;
  update(data: SeverityChartData): void;
}

const HEIGHT = 220;
const M = { top: 12, right: 8, bottom: 26, left: 44 };
/** Bottom to top. */
const STACK: readonly Severity[] = [...SEVERITIES];

export function createSeverityChart(onSelect: (start: number, end: number) => void): SeverityChart {
  const hidden = new Set<Severity>();
  const legend = h('div', { class: 'legend', role: 'group', 'aria-label': 'Severities shown' });
  const plot = h('div', { class: 'plot' });
  const subtitle = h('span', { class: 'panel-sub' });
  const el = h(
    'section',
    { class: 'panel chart-panel', 'data-testid': 'severity-chart', 'aria-labelledby': 'sev-chart-title' },
    h(
      'header',
      { class: 'panel-head' },
      h('h2', { id: 'sev-chart-title' }, 'Events by severity'),
      subtitle,
      legend,
    ),
    plot,
  );
  let data: SeverityChartData | undefined;
  let width = 0;
  let active = -1;

  const renderLegend = () => {
    const totals = new Map<Severity, number>();
    for (const b of data?.buckets.buckets ?? [])
      for (const sev of SEVERITIES) totals.set(sev, (totals.get(sev) ?? 0) + b.counts[sev]);
    replace(
      legend,
      ...SEVERITIES.map((sev) =>
        h(
          'button',
          {
            type: 'button',
            class: `legend-item${hidden.has(sev) ? ' off' : ''}`,
            'aria-pressed': String(!hidden.has(sev)),
            title: hidden.has(sev) ? `Show ${severityName(sev)}` : `Hide ${severityName(sev)}`,
            onclick: () => {
              if (hidden.has(sev)) hidden.delete(sev);
              else hidden.add(sev);
              renderLegend();
              render();
            },
          },
          h('span', { class: `swatch bg-${sev}` }),
          severityName(sev),
          h('span', { class: 'legend-count' }, compact(totals.get(sev) ?? 0)),
        ),
      ),
    );
  };

  const bucketLabel = (b: Bucket) => {
    const shown = STACK.filter((sev) => !hidden.has(sev));
    const parts = shown
      .filter((sev) => b.counts[sev] > 0)
      .map((sev) => `${count(b.counts[sev])} ${sev.toLowerCase()}`);
    return `${rangeLabel(b.start, b.end)}: ${count(b.counts.total)} events${parts.length ? `, ${parts.join(', ')}` : ''}`;
  };

  const tooltipFor = (b: Bucket) => [
    h(
      'div',
      { class: 'tip-title' },
      rangeLabel(b.start, b.end),
      b.end > Date.now() ? h('span', { class: 'tip-note' }, ' · in progress') : null,
    ),
    ...SEVERITIES.map((sev) => tooltipRow(severityName(sev), count(b.counts[sev]), `bg-${sev}`)),
    tooltipRow('Total', count(b.counts.total), undefined, true),
    h('div', { class: 'tip-hint' }, 'Click to zoom to this window'),
  ];

  function render(): void {
    hideTooltip();
    if (!data || width === 0) return;
    const { buckets, bucketMs } = data.buckets;
    // Whole windows: the one that straddles `from` and the one still filling up are drawn entire.
    const from = Math.floor(data.from / bucketMs) * bucketMs;
    const to = Math.max(from + bucketMs, Math.ceil(data.to / bucketMs) * bucketMs);
    const now = Date.now();
    const innerW = Math.max(10, width - M.left - M.right);
    const innerH = HEIGHT - M.top - M.bottom;
    const x = (t: number) => M.left + ((t - from) / (to - from)) * innerW;
    const visibleTotal = (b: Bucket) =>
      STACK.reduce((n, sev) => n + (hidden.has(sev) ? 0 : b.counts[sev]), 0);
    const max = Math.max(0, ...buckets.map(visibleTotal));
    const ticks = niceTicks(max, 4);
    const top = ticks[ticks.length - 1] || 1;
    const y = (v: number) => M.top + innerH - (v / top) * innerH;
    const slotW = (bucketMs / (to - from)) * innerW;
    const gap = slotW > 8 ? Math.min(4, slotW * 0.2) : slotW > 3 ? 1 : 0;
    const barW = Math.max(1, slotW - gap);

    const svg = s('svg', {
      class: 'chart',
      width,
      height: HEIGHT,
      viewBox: `0 0 ${width} ${HEIGHT}`,
      role: 'img',
      tabindex: buckets.length ? 0 : -1,
      'aria-label': `Events per ${spanLabel(bucketMs)} by severity. Arrow keys step through the windows, Enter zooms in.`,
    });
    const grid = s('g', { class: 'grid' });
    for (const t of ticks) {
      grid.append(
        s('line', { x1: M.left, x2: width - M.right, y1: y(t), y2: y(t) }),
        s(
          'text',
          {
            x: M.left - 8,
            y: y(t),
            class: 'axis-label',
            'text-anchor': 'end',
            'dominant-baseline': 'middle',
          },
          compact(t),
        ),
      );
    }
    const axis = s('g', { class: 'x-axis' });
    for (const tick of timeTicks(from, to, Math.max(2, Math.floor(innerW / 90)))) {
      const tx = x(tick.t);
      axis.append(
        s('line', { x1: tx, x2: tx, y1: M.top + innerH, y2: M.top + innerH + 4 }),
        s('text', { x: tx, y: HEIGHT - 6, class: 'axis-label', 'text-anchor': 'middle' }, tick.label),
      );
    }
    axis.append(
      s('line', {
        class: 'baseline',
        x1: M.left,
        x2: width - M.right,
        y1: M.top + innerH,
        y2: M.top + innerH,
      }),
    );
    svg.append(grid, axis);

    const bars = s('g', { class: 'bars' });
    buckets.forEach((b, i) => {
      const bx = Math.max(M.left, x(b.start) + gap / 2);
      const g = s('g', {
        class: `bar${i === active ? ' active' : ''}${b.end > now ? ' partial' : ''}`,
        'data-testid': 'severity-bar',
        'data-start': b.start,
        'data-end': b.end,
      });
      let acc = 0;
      for (const sev of STACK) {
        const n = hidden.has(sev) ? 0 : b.counts[sev];
        if (n <= 0) continue;
        const y0 = y(acc);
        acc += n;
        const y1 = y(acc);
        g.append(
          s('rect', {
            class: `fill-${sev}`,
            x: bx,
            y: y1,
            width: barW,
            height: Math.max(1, y0 - y1),
            'data-severity': sev,
          }),
        );
      }
      // The whole slot, full height, takes the pointer: thin bars are easy to hit.
      const hit = s('rect', {
        class: 'hit',
        x: x(b.start),
        y: M.top,
        width: Math.max(slotW, 2),
        height: innerH,
      });
      hit.addEventListener('pointermove', (e) => {
        setActive(i);
        showTooltip(e.clientX, e.clientY, ...tooltipFor(b));
      });
      hit.addEventListener('pointerleave', () => {
        setActive(-1);
        hideTooltip();
      });
      hit.addEventListener('click', () => onSelect(b.start, b.end));
      g.append(hit);
      bars.append(g);
    });
    svg.append(bars);

    const setActive = (i: number) => {
      active = i;
      svg.classList.toggle('hovering', i >= 0);
      bars.querySelectorAll('.bar').forEach((node, j) => {
        node.classList.toggle('active', j === i);
      });
      if (i >= 0 && buckets[i]) svg.setAttribute('aria-label', bucketLabel(buckets[i]!));
    };
    const showAt = (i: number) => {
      const b = buckets[i];
      if (!b) return;
      setActive(i);
      const rect = svg.getBoundingClientRect();
      showTooltip(rect.left + x(b.start) + slotW / 2, rect.top + y(visibleTotal(b)) + 10, ...tooltipFor(b));
    };
    svg.addEventListener('keydown', (e) => {
      if (!buckets.length) return;
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        const next =
          active < 0
            ? e.key === 'ArrowRight'
              ? 0
              : buckets.length - 1
            : active + (e.key === 'ArrowRight' ? 1 : -1);
        showAt(Math.min(buckets.length - 1, Math.max(0, next)));
      } else if ((e.key === 'Enter' || e.key === ' ') && active >= 0 && buckets[active]) {
        e.preventDefault();
        onSelect(buckets[active]!.start, buckets[active]!.end);
      } else if (e.key === 'Escape') {
        setActive(-1);
        hideTooltip();
      }
    });
    svg.addEventListener('blur', () => {
      setActive(-1);
      hideTooltip();
    });

    const children: Node[] = [svg];
    if (buckets.length === 0) children.push(h('div', { class: 'chart-empty' }, 'No events in this range'));
    replace(plot, ...children);
  }

  onWidth(plot, (w) => {
    width = w;
    render();
  });

  return {
    el,
    update(next) {
      data = next;
      active = -1;
      subtitle.textContent = `per ${spanLabel(next.buckets.bucketMs)}`;
      renderLegend();
      render();
    },
  };
}
