/**
 * The dashboard's filters live in the URL query, so every view is a link someone can paste into an
 * incident channel. Keys: group, from, to, severity, q, alert, pattern, cid (correlation id).
 * `from=now-1h` with no `to` is a live range that moves with the clock; absolute ranges are epoch
 * ms or ISO 8601.
 */
import { isSeverity } from './severity.js';
import type { Severity } from './types.js';

export interface Filters {
  group?: string;
  /** `now-1h` or an absolute time. */
  from: string;
  /** Absent (or `now`) for a live range. */
  to?: string;
  severity?: Severity;
  q?: string;
  /** Selected alert id (highlighted in the alerts list). */
  alert?: string;
  pattern?: string;
  cid?: string;
}

export interface Preset {
  id: string;
  ms: number;
}

export const PRESETS: readonly Preset[] = [
  { id: '15m', ms: 15 * 60_000 },
  { id: '1h', ms: 3_600_000 },
  { id: '6h', ms: 6 * 3_600_000 },
  { id: '24h', ms: 24 * 3_600_000 },
  { id: '7d', ms: 7 * 86_400_000 },
];

export const DEFAULT_FROM = 'now-1h';

const RELATIVE = /^now-(\d+)([smhd])$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function absolute(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d{1,16}$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

export interface ResolvedRange {
  from: number;
  to: number;
  /** True when the range ends at "now" and follows the clock. */
  live: boolean;
  /** The preset the range matches, when it does. */
  preset?: Preset;
}

/**
 * Epoch ms bounds of the filters' range at `now`.
 *
 * @example
 * resolveRange({ from: 'now-15m' }, 1_000_000_000_000); // { from: 999_999_100_000, to: 1e12, live: true, ... }
 */
export function resolveRange(filters: Filters, now = Date.now()): ResolvedRange {
  const to = filters.to && filters.to !== 'now' ? absolute(filters.to) : undefined;
  const rel = RELATIVE.exec(filters.from);
  if (rel && to === undefined) {
    const ms = Number(rel[1]) * (UNIT_MS[rel[2]!] ?? 60_000);
    return { from: now - ms, to: now, live: true, preset: PRESETS.find((p) => p.ms === ms) };
  }
  const end = to ?? now;
  const from = rel
    ? end - Number(rel[1]) * (UNIT_MS[rel[2]!] ?? 60_000)
    : (absolute(filters.from) ?? end - 3_600_000);
  return { from: Math.min(from, end), to: end, live: to === undefined };
}

export function presetFrom(preset: Preset): string {
  return `now-${preset.id}`;
}

/** Filters from a query string; unknown or malformed values fall back to defaults. */
export function parseFilters(search: string): Filters {
  const p = new URLSearchParams(search);
  const get = (name: string) => {
    const v = p.get(name)?.trim();
    return v ? v : undefined;
  };
  const from = get('from');
  const severity = get('severity')?.toUpperCase();
  return {
    group: get('group'),
    from: from && (RELATIVE.test(from) || absolute(from) !== undefined) ? from : DEFAULT_FROM,
    to: get('to') === 'now' ? undefined : get('to'),
    severity: isSeverity(severity) ? severity : undefined,
    q: get('q'),
    alert: get('alert'),
    pattern: get('pattern'),
    cid: get('cid'),
  };
}

const ORDER: (keyof Filters)[] = ['group', 'from', 'to', 'severity', 'q', 'pattern', 'cid', 'alert'];

/** The query string for `filters` (`?group=...`), leaving out defaults. */
export function filtersToSearch(filters: Filters): string {
  const p = new URLSearchParams();
  for (const key of ORDER) {
    const value = filters[key];
    if (value === undefined || value === '') continue;
    if (key === 'from' && value === DEFAULT_FROM && !filters.to) continue;
    p.set(key, value);
  }
  const qs = p.toString();
  return qs ? `?${qs}` : '';
}

type Listener = (filters: Filters, previous: Filters) => void;

/**
 * Filters synced with the address bar: `set` writes history (push for drill-downs so Back
 * returns, replace for typing), Back/Forward notify subscribers.
 */
export class FilterStore {
  private current: Filters;
  private readonly listeners = new Set<Listener>();

  constructor() {
    this.current = parseFilters(location.search);
    window.addEventListener('popstate', () => this.emit(parseFilters(location.search)));
  }

  get(): Filters {
    return this.current;
  }

  set(patch: Partial<Filters>, options: { push?: boolean } = {}): void {
    const next: Filters = { ...this.current, ...patch };
    for (const key of Object.keys(next) as (keyof Filters)[]) if (next[key] === undefined) delete next[key];
    const search = filtersToSearch(next);
    if (search === filtersToSearch(this.current)) return;
    const url = `${location.pathname}${search}${location.hash}`;
    if (options.push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    this.emit(next);
  }

  subscribe(listener: Listener): void {
    this.listeners.add(listener);
  }

  private emit(next: Filters): void {
    const previous = this.current;
    this.current = next;
    for (const l of this.listeners) l(next, previous);
  }
}
