/**
 * Times and numbers for people: local time on screen, UTC on hover, relative ages that stay
 * current (see {@link refreshRelativeTimes}), compact counts.
 */
import { h } from './dom.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `14:05:09` local time; with `.123` when `ms`. */
export function clock(ts: number, ms = false): string {
  const d = new Date(ts);
  const base = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return ms ? `${base}.${pad(d.getMilliseconds(), 3)}` : base;
}

/** `14:05` local time. */
export function hourMinute(ts: number): string {
  const d = new Date(ts);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const DAY_FORMAT = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const WEEKDAY_FORMAT = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric' });

/** `Nov 26`, local date. */
export function shortDate(ts: number): string {
  return DAY_FORMAT.format(ts);
}

/** `Thu 26`, for day ticks on an axis. */
export function weekdayDate(ts: number): string {
  return WEEKDAY_FORMAT.format(ts);
}

function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

/** Local date and time, the date only when it is not today: `14:05:09` or `Nov 25 14:05:09`. */
export function dateTime(ts: number, now = Date.now(), ms = false): string {
  return sameDay(ts, now) ? clock(ts, ms) : `${shortDate(ts)} ${clock(ts, ms)}`;
}

/** `2026-11-26 12:05:09.123 UTC`: the hover text of every local time. */
export function utc(ts: number): string {
  return `${new Date(ts).toISOString().replace('T', ' ').replace('Z', '')} UTC`;
}

/** A time span as people say it: `14:05 – 14:10`, with the date when it is not today. */
export function rangeLabel(from: number, to: number, now = Date.now()): string {
  const left = sameDay(from, now) ? hourMinute(from) : `${shortDate(from)} ${hourMinute(from)}`;
  const right = sameDay(from, to) ? hourMinute(to) : `${shortDate(to)} ${hourMinute(to)}`;
  return `${left} – ${right}`;
}

/** `just now`, `42 s ago`, `3 min ago`, `2 h ago`, `5 d ago`; future times say `in 3 min`. */
export function relative(ts: number, now = Date.now()): string {
  const diff = now - ts;
  const abs = Math.abs(diff);
  let text: string;
  if (abs < 5_000) return 'just now';
  if (abs < 60_000) text = `${Math.round(abs / 1000)} s`;
  else if (abs < 3_600_000) text = `${Math.round(abs / 60_000)} min`;
  else if (abs < 86_400_000) text = `${Math.round(abs / 3_600_000)} h`;
  else text = `${Math.round(abs / 86_400_000)} d`;
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

/**
 * A `<time>` element: `mode` picks what it shows, the title always has local and UTC time.
 * Relative ones carry `data-rel` so {@link refreshRelativeTimes} keeps them current.
 */
export function timeEl(
  ts: number,
  mode: 'clock' | 'clockMs' | 'relative' | 'dateTime' = 'clock',
): HTMLTimeElement {
  const iso = new Date(ts).toISOString();
  const text =
    mode === 'relative'
      ? relative(ts)
      : mode === 'clockMs'
        ? clock(ts, true)
        : mode === 'dateTime'
          ? dateTime(ts)
          : clock(ts);
  const el = h('time', { datetime: iso, title: `${new Date(ts).toString()}\n${utc(ts)}` }, text);
  if (mode === 'relative') el.dataset.rel = String(ts);
  return el;
}

/** Rewrites every relative `<time>` under `root`; called on a timer. */
export function refreshRelativeTimes(root: ParentNode, now = Date.now()): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-rel]')) {
    const text = relative(Number(el.dataset.rel), now);
    if (el.textContent !== text) el.textContent = text;
  }
}

const GROUPED = new Intl.NumberFormat(undefined);

/** `1,234`. */
export function count(n: number): string {
  return GROUPED.format(n);
}

/** `987`, `12.3k`, `4.5M`: for cards and axes. */
export function compact(n: number): string {
  const abs = Math.abs(n);
  if (abs < 1000) return String(Math.round(n * 10) / 10);
  if (abs < 10_000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  if (abs < 1_000_000) return `${Math.round(n / 1000)}k`;
  if (abs < 10_000_000) return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
  return `${Math.round(n / 1_000_000)}M`;
}

/** `0.4%`, `12%`. */
export function percent(ratio: number): string {
  const p = ratio * 100;
  if (p === 0) return '0%';
  if (p < 0.1) return '<0.1%';
  return p < 10 ? `${p.toFixed(1).replace(/\.0$/, '')}%` : `${Math.round(p)}%`;
}

/** `850 ms`, `1.25 s`, `2.5 min`. */
export function duration(ms: number): string {
  if (ms === 0) return '0 ms';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2).replace(/\.?0+$/, '')} s`;
  return `${(ms / 60_000).toFixed(1).replace(/\.0$/, '')} min`;
}

/** `5m`, `1h`, `7d`: a span as the range presets name it. */
export function spanLabel(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}

/** The last path segment of a log group, for narrow columns: `/aws/lambda/checkout` -> `checkout`. */
export function shortGroup(group: string): string {
  const parts = group.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? group;
}
