/**
 * The dashboard: lays out the panels, loads what the filters ask for from the API (all requests in
 * parallel, stale ones aborted), keeps the live tail connected, refreshes every 10 s while the
 * range ends now, and reports API failures in a banner with a retry.
 */
import {
  connectTail,
  type EventsQuery,
  fetchAlerts,
  fetchEvents,
  fetchGroups,
  fetchMetrics,
  fetchPatterns,
  type TailStatus,
} from './api.js';
import { createAlertsList } from './components/alertsList.js';
import { createEventsTable, type EventsView } from './components/eventsTable.js';
import { createGroupPicker } from './components/groupPicker.js';
import { createKpis } from './components/kpis.js';
import { createLambdaPanel } from './components/lambdaPanel.js';
import { createLatencyPanel } from './components/latencyPanel.js';
import { createLiveTail } from './components/liveTail.js';
import { createOnboarding } from './components/onboarding.js';
import { createPatternsTable } from './components/patternsTable.js';
import { createSeverityChart } from './components/severityChart.js';
import { templateEl } from './components/template.js';
import { createTimeRange } from './components/timeRange.js';
import { h, icon, replace } from './dom.js';
import { ApiRequestError } from './errors.js';
import { clock, refreshRelativeTimes, relative, shortGroup, utc } from './format.js';
import { bucketize, lambdaSeries, latencyByGroup, previousTotals, totals } from './metrics.js';
import { severityName } from './severity.js';
import { type FilterStore, type Filters, presetFrom, type ResolvedRange, resolveRange } from './state.js';
import type { AnalyzedEvent, GroupView, PatternView, StoredAlert, WindowView } from './types.js';

/** Auto-refresh period while the range ends now. */
export const REFRESH_MS = 10_000;
const PAGE_SIZE = 100;

type Loaded<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function settle<T>(promise: Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function describe(error: unknown): string {
  if (error instanceof ApiRequestError) return `GET ${error.path}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export class Dashboard {
  private readonly store: FilterStore;
  private readonly groupPicker = createGroupPicker((group) =>
    this.store.set({ group, alert: undefined, pattern: undefined, cid: undefined }, { push: true }),
  );
  private readonly timeRange = createTimeRange((preset) =>
    this.store.set({ from: presetFrom(preset), to: undefined, alert: undefined }, { push: true }),
  );
  private readonly kpis = createKpis();
  private readonly chart = createSeverityChart((start, end) =>
    this.store.set({ from: String(start), to: String(end), alert: undefined }, { push: true }),
  );
  private readonly alerts = createAlertsList((alert) => this.selectAlert(alert));
  private readonly latency = createLatencyPanel();
  private readonly lambda = createLambdaPanel();
  private readonly patterns = createPatternsTable((p) =>
    this.filterEvents({ pattern: p.id, cid: undefined }),
  );
  private readonly events = createEventsTable({
    onSeverity: (severity) => this.store.set({ severity }),
    onPattern: (e) => this.filterEvents({ pattern: e.patternId, cid: undefined }),
    onCorrelation: (cid) => this.filterEvents({ cid, pattern: undefined }),
    onLoadMore: () => void this.loadMoreEvents(),
    onShowNew: () => void this.loadEvents(),
    onClearFilters: () =>
      this.store.set(
        { severity: undefined, q: undefined, pattern: undefined, cid: undefined, alert: undefined },
        { push: true },
      ),
  });
  private readonly tail = createLiveTail();
  private readonly onboarding = createOnboarding(location.origin);

  private readonly search = h('input', {
    type: 'search',
    class: 'search-input',
    placeholder: 'Search messages',
    'aria-label': 'Search log messages (press / to focus)',
    'data-testid': 'search',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  private readonly liveButton = h('button', {
    type: 'button',
    class: 'live',
    'data-testid': 'live-indicator',
  });
  private readonly banner = h('div', {
    class: 'banner',
    role: 'alert',
    hidden: true,
    'data-testid': 'error-banner',
  });
  private readonly filterBar = h('div', { class: 'filterbar', hidden: true, 'data-testid': 'filter-bar' });
  private readonly progress = h('div', { class: 'progress', 'aria-hidden': 'true' });
  private readonly updated = h('span', { class: 'updated muted' });
  private readonly panels = h('div', { class: 'panels' });
  private readonly metricsRow = h('div', { class: 'row row-metrics', hidden: true });

  private controller: AbortController | undefined;
  private eventsController: AbortController | undefined;
  private range: ResolvedRange;
  private windows: WindowView[] = [];
  private patternList: PatternView[] = [];
  private alertList: StoredAlert[] = [];
  private groups: GroupView[] = [];
  /** False once the server answered 404 for /api/groups: groups then come from the metrics. */
  private groupsEndpoint = true;
  private nextCursor: string | null = null;
  private topEventId: string | undefined;
  private failures = new Map<string, string>();
  private tailStatus: TailStatus = 'connecting';
  private tailConnection: { close(): void } | undefined;
  private tailKey = '';
  private loading = false;
  private firstLoad = true;
  private empty = false;
  private lastLoadedAt = 0;

  constructor(root: HTMLElement, store: FilterStore) {
    this.store = store;
    this.range = resolveRange(store.get());
    root.replaceChildren(this.layout());
    store.subscribe((next, previous) => this.onFilters(next, previous));
    this.onFilters(store.get(), undefined);
    window.setInterval(() => this.tick(), REFRESH_MS);
    window.setInterval(() => refreshRelativeTimes(document), 15_000);
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && this.range.live && Date.now() - this.lastLoadedAt > REFRESH_MS)
        void this.load('refresh');
    });
    document.addEventListener('keydown', (e) => this.onKey(e));
  }

  private layout(): HTMLElement {
    const form = h(
      'form',
      { class: 'search', role: 'search', onsubmit: (e: Event) => this.submitSearch(e) },
      icon('search', 15),
      this.search,
      h('kbd', { class: 'kbd', title: 'Press / to search' }, '/'),
    );
    let debounce = 0;
    this.search.addEventListener('input', () => {
      window.clearTimeout(debounce);
      debounce = window.setTimeout(() => this.store.set({ q: this.search.value.trim() || undefined }), 400);
    });
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        if (this.search.value) {
          this.search.value = '';
          this.store.set({ q: undefined });
        } else this.search.blur();
      }
    });
    this.liveButton.addEventListener('click', () => {
      if (!this.range.live)
        this.store.set(
          { from: presetFrom(this.lastPreset()), to: undefined, alert: undefined },
          { push: true },
        );
      else void this.load('refresh');
    });
    const topbar = h(
      'header',
      { class: 'topbar' },
      h(
        'a',
        { class: 'brand', href: './', title: 'logsift: back to the default view' },
        h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')),
        h('span', { class: 'brand-name' }, 'logsift'),
      ),
      this.groupPicker.el,
      this.timeRange.el,
      form,
      this.liveButton,
    );
    this.panels.append(
      this.onboarding,
      this.kpis.el,
      h('div', { class: 'row row-chart' }, this.chart.el, this.alerts.el),
      this.metricsRow,
      this.patterns.el,
      h('div', { class: 'row row-events' }, this.events.el, this.tail.el),
    );
    this.onboarding.hidden = true;
    return h(
      'div',
      { class: 'shell' },
      topbar,
      this.progress,
      h('main', { class: 'main' }, this.banner, this.filterBar, this.panels),
      h(
        'footer',
        { class: 'foot' },
        this.updated,
        h(
          'span',
          null,
          'Shortcuts: ',
          h('kbd', { class: 'kbd' }, '/'),
          ' search · ',
          h('kbd', { class: 'kbd' }, 'Esc'),
          ' clear',
        ),
        h('a', { href: '/healthz' }, 'health'),
      ),
    );
  }

  private lastPresetId = '1h';

  private lastPreset() {
    return resolveRange({ from: `now-${this.lastPresetId}` }).preset ?? { id: '1h', ms: 3_600_000 };
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement | null;
    const typing =
      target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
    if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      this.search.focus();
      this.search.select();
    }
  }

  private submitSearch(e: Event): void {
    e.preventDefault();
    this.store.set({ q: this.search.value.trim() || undefined });
  }

  private filterEvents(patch: Partial<Filters>): void {
    this.store.set(patch, { push: true });
    this.events.el.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  private selectAlert(alert: StoredAlert): void {
    this.store.set(
      {
        group: alert.group,
        from: String(alert.window.start),
        to: String(alert.window.end),
        alert: alert.id,
        pattern: alert.patternId,
        cid: undefined,
        severity: undefined,
      },
      { push: true },
    );
  }

  private onFilters(next: Filters, previous: Filters | undefined): void {
    this.range = resolveRange(next);
    if (this.range.preset) this.lastPresetId = this.range.preset.id;
    if (document.activeElement !== this.search) this.search.value = next.q ?? '';
    this.timeRange.update(this.range);
    this.groupPicker.update(this.groups, next.group);
    this.renderLive();
    this.connectTail(next);
    this.renderFilterBar(next);
    document.title = next.group ? `${shortGroup(next.group)} · logsift` : 'logsift';
    const scopeChanged =
      !previous || previous.group !== next.group || previous.from !== next.from || previous.to !== next.to;
    if (scopeChanged) void this.load('full');
    else {
      this.alerts.update(this.visibleAlerts(), next.alert);
      this.renderPatterns();
      void this.loadEvents();
    }
  }

  private tick(): void {
    if (document.hidden || this.loading) return;
    if (this.range.live || this.failures.size > 0) void this.load('refresh');
  }

  /** Loads everything for the current filters; `refresh` keeps the events the user is reading. */
  async load(kind: 'full' | 'refresh'): Promise<void> {
    const filters = this.store.get();
    this.range = resolveRange(filters);
    const { from, to } = this.range;
    const span = to - from;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const { signal } = controller;
    this.setLoading(true);

    const metrics = settle(fetchMetrics({ group: filters.group, from: from - span, to }, signal));
    const alerts = settle(fetchAlerts({ from, to }, signal));
    const patterns = settle(fetchPatterns({ group: filters.group, from, to }, signal));
    const groups = this.groupsEndpoint
      ? settle(fetchGroups({ from, to }, signal))
      : Promise.resolve(undefined);
    const events = kind === 'full' ? this.loadEvents() : this.checkNewEvents(signal);

    const [m, a, p, g] = await Promise.all([metrics, alerts, patterns, groups]);
    await events;
    if (signal.aborted) return;
    this.failures.delete('metrics');
    this.failures.delete('alerts');
    this.failures.delete('patterns');
    this.failures.delete('groups');

    if (m.ok) this.windows = m.value;
    else if (!isAbort(m.error)) this.failures.set('metrics', describe(m.error));
    if (a.ok) this.alertList = a.value;
    else if (!isAbort(a.error)) this.failures.set('alerts', describe(a.error));
    if (p.ok) this.patternList = p.value;
    else if (!isAbort(p.error)) this.failures.set('patterns', describe(p.error));
    if (g?.ok) {
      if (g.value === undefined) this.groupsEndpoint = false;
      else this.groups = g.value;
    } else if (g && !isAbort(g.error)) this.failures.set('groups', describe(g.error));
    if (!this.groupsEndpoint) await this.deriveGroups(filters, signal);
    if (signal.aborted) return;

    this.render(filters);
    if (!a.ok && !isAbort(a.error)) this.alerts.setError(describe(a.error));
    if (!p.ok && !isAbort(p.error)) this.patterns.setError(describe(p.error));
    this.lastLoadedAt = Date.now();
    this.firstLoad = false;
    this.setLoading(false);
    this.renderBanner();
  }

  /** Without /api/groups: the groups are those the metrics know, with their newest window. */
  private async deriveGroups(filters: Filters, signal: AbortSignal): Promise<void> {
    let windows = this.windows;
    if (filters.group) {
      const all = await settle(fetchMetrics({ from: this.range.from, to: this.range.to }, signal));
      if (!all.ok) return;
      windows = all.value;
    }
    const byGroup = new Map<string, GroupView>();
    for (const w of windows) {
      const g = byGroup.get(w.group) ?? { group: w.group, count: 0 };
      if (w.end > this.range.from) g.count = (g.count ?? 0) + (w.counts?.total ?? 0);
      if ((w.counts?.total ?? 0) > 0)
        g.lastEventAt = Math.max(g.lastEventAt ?? 0, Math.min(w.end, Date.now()));
      byGroup.set(w.group, g);
    }
    const known = new Map(this.groups.map((g) => [g.group, g]));
    for (const [name, g] of byGroup) known.set(name, g);
    this.groups = [...known.values()];
  }

  private visibleAlerts(): StoredAlert[] {
    const group = this.store.get().group;
    return group ? this.alertList.filter((a) => a.group === group) : this.alertList;
  }

  private render(filters: Filters): void {
    const { from, to } = this.range;
    const span = to - from;
    const windows = this.windows;
    const buckets = bucketize(windows, from, to);
    const current = totals(windows, from, to);
    const previous = previousTotals(windows, from, to);
    const hasPrevious = windows.some((w) => w.end <= from);

    this.empty =
      this.groups.length === 0 &&
      windows.length === 0 &&
      this.topEventId === undefined &&
      this.failures.size === 0;
    this.onboarding.hidden = !this.empty;
    for (const child of this.panels.children) {
      if (child !== this.onboarding && !child.classList.contains('row-events'))
        (child as HTMLElement).hidden = this.empty;
    }
    this.events.el.hidden = this.empty;
    this.tail.el.parentElement?.classList.toggle('solo', this.empty);
    this.groupPicker.update(this.groups, filters.group);

    const latency = latencyByGroup(windows, from, to);
    const busiest = [...latency.entries()].sort((x, y) => sum(y[1]) - sum(x[1]))[0];
    const errorsSeries = buckets.buckets.map((b) => b.counts.ERROR + b.counts.CRITICAL);
    this.kpis.update({
      current,
      previous,
      spanMs: span,
      hasPrevious,
      eventsSeries: buckets.buckets.map((b) => b.counts.total),
      errorsSeries,
      alerts: this.visibleAlerts(),
      patterns: this.patternList,
      from,
      latency: busiest
        ? {
            p99: busiest[1][busiest[1].length - 1]?.p99 ?? 0,
            group: busiest[0],
            series: busiest[1].map((p) => p.p99),
          }
        : undefined,
    });
    this.chart.update({ buckets, from, to });
    this.alerts.update(this.visibleAlerts(), filters.alert);

    const lambda = lambdaSeries(windows, from, to);
    this.latency.el.hidden = latency.size === 0;
    this.lambda.el.hidden = lambda.length === 0;
    this.metricsRow.hidden = this.empty || (latency.size === 0 && lambda.length === 0);
    replace(this.metricsRow, latency.size ? this.latency.el : null, lambda.length ? this.lambda.el : null);
    this.metricsRow.classList.toggle('single', latency.size === 0 || lambda.length === 0);
    if (latency.size) this.latency.update({ byGroup: latency, from, to, windowMs: buckets.windowMs });
    if (lambda.length) this.lambda.update({ points: lambda, from, to, windowMs: buckets.windowMs });

    this.bucketsCache = buckets;
    this.countsCache = current;
    this.renderPatterns();
    this.renderFilterBar(filters);
    this.updateEventChips();
  }

  private bucketsCache: ReturnType<typeof bucketize> | undefined;
  private countsCache: ReturnType<typeof totals> | undefined;

  private renderPatterns(): void {
    const filters = this.store.get();
    const buckets = this.bucketsCache?.buckets ?? [];
    this.patterns.update({
      patterns: this.patternList,
      trend: (p) => {
        const ids = [p.id, ...(p.aliases ?? [])];
        const values = buckets.map((b) => ids.reduce((n, id) => n + (b.patterns.get(id) ?? 0), 0));
        return values.some((v) => v > 0) ? values : undefined;
      },
      from: this.range.from,
      selectedId: filters.pattern,
      showGroup: !filters.group,
    });
  }

  private lastEventsView: EventsView | undefined;

  private updateEventChips(): void {
    if (!this.lastEventsView || !this.countsCache) return;
    this.lastEventsView = { ...this.lastEventsView, counts: this.countsCache };
    this.events.update(this.lastEventsView);
  }

  private eventsQuery(filters: Filters): EventsQuery {
    return {
      // A correlation id spans groups: that is the point of following it.
      group: filters.cid ? undefined : filters.group,
      severity: filters.severity,
      from: this.range.from,
      to: this.range.to,
      q: filters.q,
      patternId: filters.pattern,
      correlationId: filters.cid,
      limit: PAGE_SIZE,
    };
  }

  /** First page of events for the filters, replacing the table. */
  private async loadEvents(): Promise<void> {
    const filters = this.store.get();
    this.eventsController?.abort();
    const controller = new AbortController();
    this.eventsController = controller;
    this.events.el.classList.add('is-loading');
    const result = await settle(fetchEvents(this.eventsQuery(filters), controller.signal));
    if (controller.signal.aborted) return;
    this.events.el.classList.remove('is-loading');
    this.events.setNewAvailable(false);
    if (!result.ok) {
      this.failures.set('events', describe(result.error));
      this.events.setError(describe(result.error));
      this.renderBanner();
      return;
    }
    this.failures.delete('events');
    const { events, nextCursor } = result.value;
    this.nextCursor = nextCursor ?? null;
    this.topEventId = events[0]?.id ?? this.topEventId;
    const filtered = Boolean(filters.severity || filters.q || filters.pattern || filters.cid);
    this.lastEventsView = {
      events,
      nextCursor: this.nextCursor,
      severity: filters.severity,
      counts: this.countsCache ?? { total: 0, CRITICAL: 0, ERROR: 0, WARNING: 0, INFO: 0, DEBUG: 0 },
      filtered,
      emptyHint: this.emptyHint(),
    };
    this.events.update(this.lastEventsView);
    if (!this.firstLoad) this.renderBanner();
  }

  /** Where the newest event is, when the range is empty: one click widens to it. */
  private emptyHint(): Node | undefined {
    const newest = this.groups.reduce<GroupView | undefined>(
      (best, g) => ((g.lastEventAt ?? 0) > (best?.lastEventAt ?? 0) ? g : best),
      undefined,
    );
    if (!newest?.lastEventAt || newest.lastEventAt >= this.range.from) return undefined;
    const age = Date.now() - newest.lastEventAt;
    const preset = [
      ...[
        { id: '6h', ms: 6 * 3_600_000 },
        { id: '24h', ms: 86_400_000 },
        { id: '7d', ms: 7 * 86_400_000 },
      ],
    ].find((p) => p.ms > age);
    return h(
      'span',
      null,
      `The newest event arrived ${relative(newest.lastEventAt)} in ${newest.group}. `,
      preset
        ? h(
            'button',
            {
              type: 'button',
              class: 'ghost-button small',
              onclick: () => this.store.set({ from: `now-${preset.id}`, to: undefined }, { push: true }),
            },
            `Show the last ${preset.id}`,
          )
        : null,
    );
  }

  /** On refresh: is there anything newer than the top row? Then offer it instead of jumping. */
  private async checkNewEvents(signal: AbortSignal): Promise<void> {
    const filters = this.store.get();
    const result = await settle(fetchEvents({ ...this.eventsQuery(filters), limit: 1 }, signal));
    if (!result.ok || signal.aborted) return;
    const top = result.value.events[0]?.id;
    if (top === undefined || top === this.topEventId) return;
    if (this.topEventId === undefined || this.lastEventsView?.events.length === 0) {
      await this.loadEvents();
      return;
    }
    this.events.setNewAvailable(true);
  }

  private async loadMoreEvents(): Promise<void> {
    if (!this.nextCursor) return;
    const filters = this.store.get();
    this.events.setLoadingMore(true);
    const result = await settle(fetchEvents({ ...this.eventsQuery(filters), cursor: this.nextCursor }));
    this.events.setLoadingMore(false);
    if (!result.ok) {
      this.failures.set('events', describe(result.error));
      this.renderBanner();
      return;
    }
    this.nextCursor = result.value.nextCursor ?? null;
    this.events.append(result.value.events, this.nextCursor);
  }

  private connectTail(filters: Filters): void {
    const key = `${filters.group ?? ''}|${filters.severity ?? ''}`;
    const words = [
      filters.group ?? 'All groups',
      filters.severity ? `${severityName(filters.severity)} and above` : 'every level',
    ];
    if (filters.q) words.push(`matching “${filters.q}”`);
    this.tail.setFilter(filters.q, words.join(' · '));
    if (key === this.tailKey && this.tailConnection) return;
    this.tailKey = key;
    this.tailConnection?.close();
    this.tailConnection = connectTail(
      { group: filters.group, severity: filters.severity },
      {
        onEvent: (event: AnalyzedEvent) => {
          this.tail.push(event);
          // The first event on an empty server: bring the whole page to life.
          if (this.empty && !this.loading) void this.load('full');
        },
        onAlert: (alert) => {
          const f = this.store.get();
          if (f.group && alert.group !== f.group) return;
          if (!this.alertList.some((a) => a.id === alert.id)) this.alertList = [alert, ...this.alertList];
          this.alerts.flash(alert);
        },
        onStatus: (status) => {
          this.tailStatus = status;
          this.tail.setStatus(status);
          this.renderLive();
        },
      },
    );
  }

  private setLoading(loading: boolean): void {
    this.loading = loading;
    this.progress.classList.toggle('active', loading);
    document.body.classList.toggle('first-load', loading && this.firstLoad);
    document.body.setAttribute('aria-busy', String(loading));
    this.renderLive();
  }

  private renderLive(): void {
    const b = this.liveButton;
    if (!this.range.live) {
      b.className = 'live off';
      replace(b, icon('pause', 13), 'Paused · go live');
      b.title = 'This range is fixed. Back to a live range that refreshes every 10 s.';
      return;
    }
    const reconnecting = this.tailStatus === 'reconnecting';
    b.className = `live ${reconnecting ? 'warn' : 'on'}`;
    replace(b, h('span', { class: 'pulse-dot' }), reconnecting ? 'Reconnecting' : 'Live');
    b.title = `Refreshing every ${REFRESH_MS / 1000} s${this.lastLoadedAt ? `; updated ${clock(this.lastLoadedAt)}` : ''}. Click to refresh now.`;
    this.updated.textContent = this.lastLoadedAt ? `Updated ${clock(this.lastLoadedAt)}` : '';
    this.updated.title = this.lastLoadedAt ? utc(this.lastLoadedAt) : '';
  }

  private renderBanner(): void {
    if (this.failures.size === 0) {
      this.banner.hidden = true;
      return;
    }
    const messages = [...this.failures.values()];
    const unreachable = messages.every((m) => m.includes('did not answer'));
    replace(
      this.banner,
      icon('warn', 16),
      h(
        'div',
        { class: 'banner-text' },
        h(
          'strong',
          null,
          unreachable ? 'The logsift server is not answering.' : 'Some data could not be loaded.',
        ),
        h(
          'span',
          null,
          unreachable
            ? ` Retrying every ${REFRESH_MS / 1000} s. Start it with \`npm start\` or \`logsift serve\`.`
            : ` ${messages.join(' · ')}`,
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'ghost-button small',
          'data-testid': 'retry',
          onclick: () => {
            void this.load('full');
          },
        },
        icon('refresh', 13),
        'Retry',
      ),
    );
    this.banner.hidden = false;
  }

  private renderFilterBar(filters: Filters): void {
    const chips: HTMLElement[] = [];
    const chip = (label: string, value: Node | string, clear: Partial<Filters>, testid: string) =>
      h(
        'span',
        { class: 'filter-chip', 'data-testid': `filter-${testid}` },
        h('span', { class: 'filter-key' }, label),
        h('span', { class: 'filter-value' }, value),
        h(
          'button',
          {
            type: 'button',
            class: 'chip-x',
            'aria-label': `Remove the ${label} filter`,
            onclick: () => this.store.set(clear, { push: true }),
          },
          icon('close', 11),
        ),
      );
    if (filters.alert) {
      const alert = this.alertList.find((a) => a.id === filters.alert);
      chips.push(chip('alert', alert ? alert.rule : filters.alert, { alert: undefined }, 'alert'));
    }
    if (filters.severity)
      chips.push(chip('level', severityName(filters.severity), { severity: undefined }, 'severity'));
    if (filters.q) chips.push(chip('text', `“${filters.q}”`, { q: undefined }, 'q'));
    if (filters.pattern) {
      const p = this.patternList.find((x) => x.id === filters.pattern);
      chips.push(
        chip('pattern', p ? templateEl(p.template) : filters.pattern, { pattern: undefined }, 'pattern'),
      );
    }
    if (filters.cid) chips.push(chip('request', h('code', null, filters.cid), { cid: undefined }, 'cid'));
    this.filterBar.hidden = chips.length === 0;
    if (chips.length === 0) return;
    replace(
      this.filterBar,
      h('span', { class: 'filterbar-label' }, icon('filter', 13), 'Events filtered by'),
      ...chips,
      h(
        'button',
        {
          type: 'button',
          class: 'link-button clear-all',
          onclick: () =>
            this.store.set(
              { alert: undefined, severity: undefined, q: undefined, pattern: undefined, cid: undefined },
              { push: true },
            ),
        },
        'Clear all',
      ),
    );
  }
}

function sum(points: { count: number }[]): number {
  return points.reduce((n, p) => n + p.count, 0);
}
