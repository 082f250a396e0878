/**
 * Shared pieces of the hand-made SVG charts: nice axis ticks, time ticks in local time, one
 * floating tooltip for the whole page, and a resize hook.
 */
import { h, replace } from '../dom.js';
import { hourMinute, weekdayDate } from '../format.js';

/** Up to about `count` round tick values from 0 to at least `max`: 0, 25, 50, 75, 100. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const TIME_STEPS = [
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
];

export interface TimeTick {
  t: number;
  label: string;
}

/** Time ticks on local-time boundaries, at most `maxTicks` of them. */
export function timeTicks(from: number, to: number, maxTicks: number): TimeTick[] {
  const span = to - from;
  const step =
    TIME_STEPS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / (24 * HOUR)) * 24 * HOUR;
  // Align to local time: offset by the zone so 00:00 and whole hours land on ticks.
  const offset = new Date(from).getTimezoneOffset() * MINUTE;
  let t = Math.ceil((from - offset) / step) * step + offset;
  const ticks: TimeTick[] = [];
  for (; t <= to; t += step) {
    const d = new Date(t);
    const midnight = d.getHours() === 0 && d.getMinutes() === 0;
    ticks.push({
      t,
      label: step >= 24 * HOUR || (midnight && span > 6 * HOUR) ? weekdayDate(t) : hourMinute(t),
    });
  }
  return ticks;
}

let tooltipEl: HTMLDivElement | undefined;

function tooltip(): HTMLDivElement {
  if (!tooltipEl) {
    tooltipEl = h('div', { class: 'tooltip', role: 'tooltip', 'data-testid': 'chart-tooltip' });
    document.body.append(tooltipEl);
  }
  return tooltipEl;
}

/** Shows the page's tooltip near a viewport point, kept inside the window. */
export function showTooltip(x: number, y: number, ...content: (Node | string)[]): void {
  const tip = tooltip();
  replace(tip, ...content);
  tip.classList.add('visible');
  const { width, height } = tip.getBoundingClientRect();
  const left = x + 14 + width > window.innerWidth - 8 ? x - width - 14 : x + 14;
  const top = Math.min(Math.max(8, y - height / 2), window.innerHeight - height - 8);
  tip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
}

export function hideTooltip(): void {
  tooltipEl?.classList.remove('visible');
}

/** Calls `render(width)` now and whenever the element's width changes. */
export function onWidth(el: Element, render: (width: number) => void): void {
  let last = -1;
  const observer = new ResizeObserver((entries) => {
    const width = Math.floor(entries[0]?.contentRect.width ?? 0);
    if (width > 0 && width !== last) {
      last = width;
      render(width);
    }
  });
  observer.observe(el);
}

/** A row of the tooltip: colour swatch, label, value. */
export function tooltipRow(
  label: string,
  value: string,
  swatchClass?: string,
  strong = false,
): HTMLDivElement {
  return h(
    'div',
    { class: `tip-row${strong ? ' strong' : ''}` },
    swatchClass ? h('span', { class: `swatch ${swatchClass}` }) : h('span', { class: 'swatch none' }),
    h('span', { class: 'tip-label' }, label),
    h('span', { class: 'tip-value' }, value),
  );
}
