/**
 * The events matching the filters, newest first, a page at a time. A row opens to the full message,
 * its fields and links to the events that share its pattern or its request id. Severity chips
 * filter by exact severity (the counts come from the metrics).
 */
import { h, icon, replace } from '../dom.js';
import { compact, count, dateTime, shortGroup, timeEl, utc } from '../format.js';
import { SEVERITIES, severityBadge, severityName } from '../severity.js';
import type { AnalyzedEvent, Severity } from '../types.js';
import { templateEl } from './template.js';

export interface EventsTableCallbacks {
  onSeverity(severity: Severity | undefined): void;
  onPattern(event: AnalyzedEvent): void;
  onCorrelation(correlationId: string): void;
  onLoadMore(): void;
  onShowNew(): void;
  onClearFilters(): void;
}

export interface EventsView {
  events: AnalyzedEvent[];
  nextCursor: string | null;
  severity?: Severity;
  /** Events per severity in the range, for the chips. */
  counts: Record<Severity, number> & { total: number };
  /** Whether any filter beyond the time range narrows the events. */
  filtered: boolean;
  /** Shown in the empty state when the range is empty. */
  emptyHint?: Node;
}

const PREVIEW = 240;

const SKIP_KEYS = new Set([
  'level',
  'levelname',
  'severity',
  'timestamp',
  'time',
  '@timestamp',
  'message',
  'msg',
]);

/**
 * The row's preview. A JSON log line reads better as its message followed by its other keys
 * (`Checkout completed  order_id=123 ...`) than as raw JSON; the opened row shows the raw line.
 */
function preview(message: string): HTMLElement {
  if (message.charCodeAt(0) === 123 /* { */) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      parsed = undefined;
    }
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const o = parsed as Record<string, unknown>;
      const text = typeof o.message === 'string' ? o.message : typeof o.msg === 'string' ? o.msg : undefined;
      if (text !== undefined) {
        const rest = Object.entries(o)
          .filter(([k]) => !SKIP_KEYS.has(k))
          .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
          .join(' ');
        return h(
          'span',
          { class: 'msg-text' },
          firstLine(text),
          rest ? h('span', { class: 'msg-kv' }, ` ${firstLine(rest)}`) : null,
        );
      }
    }
  }
  return h('span', { class: 'msg-text' }, firstLine(message));
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  const line = nl >= 0 ? `${message.slice(0, nl)} …` : message;
  return line.length > PREVIEW ? `${line.slice(0, PREVIEW)}…` : line;
}

function copyButton(label: string, text: () => string): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'ghost-button small' }, label);
  button.addEventListener('click', async (e) => {
    e.stopPropagation();
    try {
      await navigator.clipboard.writeText(text());
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Copy failed';
    }
    setTimeout(() => {
      button.textContent = label;
    }, 1500);
  });
  return button;
}

export function createEventsTable(cb: EventsTableCallbacks): {
  el: HTMLElement;
  update(view: EventsView): void;
  append(events: AnalyzedEvent[], nextCursor: string | null): void;
  setLoadingMore(loading: boolean): void;
  setNewAvailable(available: boolean): void;
  setError(message: string | undefined): void;
} {
  const chips = h('div', { class: 'chips', role: 'group', 'aria-label': 'Filter by severity' });
  const counter = h('span', { class: 'panel-count' });
  const tbody = h('tbody');
  const newBanner = h(
    'button',
    { type: 'button', class: 'new-events', hidden: true, onclick: () => cb.onShowNew() },
    icon('refresh', 14),
    'Newer events are in · show them',
  );
  const moreButton = h(
    'button',
    { type: 'button', class: 'ghost-button more-button', onclick: () => cb.onLoadMore() },
    'Load more',
  );
  const footer = h('div', { class: 'table-foot' });
  const table = h(
    'table',
    { class: 'data-table events' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col', class: 'time-col' }, 'Time'),
        h('th', { scope: 'col', class: 'sev-col' }, 'Level'),
        h('th', { scope: 'col', class: 'group-col' }, 'Group'),
        h('th', { scope: 'col' }, 'Message'),
        h('th', { scope: 'col', class: 'link-col' }, 'Pattern'),
        h('th', { scope: 'col', class: 'link-col' }, 'Request'),
      ),
    ),
    tbody,
  );
  const el = h(
    'section',
    { class: 'panel events-panel', 'data-testid': 'events-table', 'aria-labelledby': 'events-title' },
    h('header', { class: 'panel-head' }, h('h2', { id: 'events-title' }, 'Events'), counter, chips),
    newBanner,
    h('div', { class: 'panel-body table-wrap' }, table),
    footer,
  );
  let shown: AnalyzedEvent[] = [];
  let cursor: string | null = null;
  const open = new Set<string>();

  const detail = (e: AnalyzedEvent): HTMLTableRowElement => {
    const fields = Object.entries(e.fields ?? {});
    return h(
      'tr',
      { class: 'detail-row' },
      h(
        'td',
        { colspan: 6 },
        h(
          'div',
          { class: 'detail' },
          h('pre', { class: 'full-message' }, e.message),
          e.truncated
            ? h(
                'p',
                { class: 'note' },
                icon('warn', 13),
                `The stored message was cut to size; the whole line is in the archive (batch ${e.batchId}).`,
              )
            : null,
          h(
            'dl',
            { class: 'fields' },
            ...(
              [
                ['time', `${dateTime(e.timestamp, Date.now(), true)} local · ${utc(e.timestamp)}`],
                ['group', e.group],
                ['stream', e.stream],
                ...(e.correlationId ? [['correlation id', e.correlationId]] : []),
                ...(e.template ? [['pattern', templateEl(e.template)]] : []),
                ...fields.map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
                ['event id', e.id],
              ] as [string, string | Node][]
            ).flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
          ),
          h(
            'div',
            { class: 'detail-actions' },
            e.patternId
              ? h(
                  'button',
                  { type: 'button', class: 'ghost-button small', onclick: () => cb.onPattern(e) },
                  icon('filter', 13),
                  'Events with this pattern',
                )
              : null,
            e.correlationId
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'ghost-button small',
                    onclick: () => cb.onCorrelation(e.correlationId!),
                  },
                  icon('link', 13),
                  'Events of this request',
                )
              : null,
            copyButton('Copy message', () => e.message),
            copyButton('Copy JSON', () => JSON.stringify(e, null, 2)),
          ),
        ),
      ),
    );
  };

  const row = (e: AnalyzedEvent): HTMLTableRowElement => {
    const isOpen = open.has(e.id);
    const toggle = () => {
      if (open.has(e.id)) open.delete(e.id);
      else open.add(e.id);
      const replacement = row(e);
      tr.replaceWith(replacement);
      const next = replacement.nextElementSibling;
      if (next?.classList.contains('detail-row')) next.remove();
      if (open.has(e.id)) replacement.after(detail(e));
      replacement.focus();
    };
    const tr = h(
      'tr',
      {
        class: `event-row sev-row-${e.severity}${isOpen ? ' open' : ''}`,
        tabindex: 0,
        'aria-expanded': String(isOpen),
        'data-testid': 'event-row',
        'data-event-id': e.id,
        onclick: (ev: Event) => {
          if (!(ev.target as Element).closest('button')) toggle();
        },
        onkeydown: (ev: Event) => {
          const key = (ev as KeyboardEvent).key;
          if ((key === 'Enter' || key === ' ') && ev.target === tr) {
            ev.preventDefault();
            toggle();
          }
        },
      },
      h(
        'td',
        { class: 'time-col' },
        timeEl(e.timestamp, Date.now() - e.timestamp > 20 * 3_600_000 ? 'dateTime' : 'clockMs'),
      ),
      h('td', { class: 'sev-col' }, severityBadge(e.severity)),
      h('td', { class: 'group-col', title: e.group }, shortGroup(e.group)),
      h('td', { class: 'msg' }, preview(e.message)),
      h(
        'td',
        { class: 'link-col' },
        e.patternId
          ? h(
              'button',
              {
                type: 'button',
                class: 'link-button',
                title: e.template ? `Pattern: ${e.template}` : 'Events with this pattern',
                onclick: () => cb.onPattern(e),
              },
              icon('filter', 13),
              h('span', { class: 'sr-only' }, 'Events with this pattern'),
            )
          : null,
      ),
      h(
        'td',
        { class: 'link-col' },
        e.correlationId
          ? h(
              'button',
              {
                type: 'button',
                class: 'link-button mono',
                title: `Events of request ${e.correlationId}`,
                onclick: () => cb.onCorrelation(e.correlationId!),
              },
              e.correlationId.slice(0, 8),
            )
          : null,
      ),
    );
    return tr;
  };

  const renderRows = (events: AnalyzedEvent[]): Node[] =>
    events.flatMap((e) => (open.has(e.id) ? [row(e), detail(e)] : [row(e)]));

  const renderFooter = () => {
    if (shown.length === 0) {
      footer.replaceChildren();
      return;
    }
    replace(
      footer,
      h('span', { class: 'muted' }, `${count(shown.length)} events shown`),
      cursor ? moreButton : h('span', { class: 'muted' }, ' · that is all of them'),
    );
  };

  return {
    el,
    update(view) {
      shown = view.events;
      cursor = view.nextCursor;
      const keep = new Set(shown.map((e) => e.id));
      for (const id of open) if (!keep.has(id)) open.delete(id);
      replace(
        chips,
        h(
          'button',
          {
            type: 'button',
            class: 'chip',
            'aria-pressed': String(!view.severity),
            onclick: () => cb.onSeverity(undefined),
          },
          'All',
          h('span', { class: 'chip-count' }, compact(view.counts.total)),
        ),
        ...SEVERITIES.map((sev) =>
          h(
            'button',
            {
              type: 'button',
              class: `chip chip-${sev}`,
              'aria-pressed': String(view.severity === sev),
              title: `Only ${severityName(sev)} events`,
              'data-testid': `severity-chip-${sev}`,
              onclick: () => cb.onSeverity(view.severity === sev ? undefined : sev),
            },
            h('span', { class: `swatch bg-${sev}` }),
            severityName(sev),
            h('span', { class: 'chip-count' }, compact(view.counts[sev])),
          ),
        ),
      );
      counter.textContent = '';
      if (shown.length === 0) {
        replace(
          tbody,
          h(
            'tr',
            { class: 'empty-row' },
            h(
              'td',
              { colspan: 6 },
              h('strong', null, view.filtered ? 'No events match these filters' : 'No events in this range'),
              view.filtered
                ? h(
                    'button',
                    { type: 'button', class: 'ghost-button small', onclick: () => cb.onClearFilters() },
                    'Clear filters',
                  )
                : (view.emptyHint ?? h('span', null, 'Try a wider time range.')),
            ),
          ),
        );
      } else replace(tbody, ...renderRows(shown));
      renderFooter();
    },
    append(events, nextCursor) {
      const seen = new Set(shown.map((e) => e.id));
      const fresh = events.filter((e) => !seen.has(e.id));
      shown = [...shown, ...fresh];
      cursor = nextCursor;
      tbody.append(...renderRows(fresh));
      renderFooter();
    },
    setLoadingMore(loading) {
      moreButton.disabled = loading;
      moreButton.textContent = loading ? 'Loading…' : 'Load more';
    },
    setNewAvailable(available) {
      newBanner.hidden = !available;
    },
    setError(message) {
      if (message)
        replace(
          tbody,
          h(
            'tr',
            { class: 'empty-row' },
            h(
              'td',
              { colspan: 6 },
              h('strong', null, 'Events could not be loaded'),
              h('span', null, message),
            ),
          ),
        );
    },
  };
}
