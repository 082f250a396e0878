/**
 * Mined log patterns in the range: the template with its variables as chips, how many events, its
 * share, its trend over the range, its severity mix and when it was first and last seen. A pattern
 * first seen inside the range is marked new: that is usually the interesting one. Choosing a pattern
 * filters the events to it.
 */
import { h, replace } from '../dom.js';
import { compact, count, percent, shortGroup, timeEl } from '../format.js';
import { SEVERITIES } from '../severity.js';
import type { PatternView } from '../types.js';
import { templateEl } from './template.js';
import { sparkline } from './timeSeriesChart.js';

export interface PatternsData {
  patterns: PatternView[];
  /** Events per bucket for each pattern id (from the metrics), for the trend column. */
  trend: (pattern: PatternView) => number[] | undefined;
  from: number;
  selectedId?: string;
  showGroup: boolean;
}

type SortKey = 'count' | 'lastSeen' | 'firstSeen';

const PAGE = 25;

function severityMix(p: PatternView): HTMLElement {
  const sev = p.severities;
  const total = sev ? SEVERITIES.reduce((n, s) => n + (sev[s] ?? 0), 0) : 0;
  if (!sev || total === 0) return h('span', { class: 'muted' }, '—');
  const bar = h('span', {
    class: 'mix',
    title: SEVERITIES.filter((s) => sev[s])
      .map((s) => `${s}: ${count(sev[s] ?? 0)}`)
      .join('\n'),
  });
  for (const s of SEVERITIES) {
    const n = sev[s] ?? 0;
    if (n > 0) bar.append(h('span', { class: `bg-${s}`, style: `flex-grow:${n}` }));
  }
  return bar;
}

export function createPatternsTable(onSelect: (pattern: PatternView) => void): {
  el: HTMLElement;
  update(data: PatternsData): void;
  setError(message: string | undefined): void;
} {
  const tbody = h('tbody');
  const headRow = h('tr');
  const counter = h('span', { class: 'panel-count' });
  const more = h('button', { type: 'button', class: 'ghost-button more-button', hidden: true });
  const table = h('table', { class: 'data-table patterns' }, h('thead', null, headRow), tbody);
  const el = h(
    'section',
    { class: 'panel patterns-panel', 'data-testid': 'patterns-table', 'aria-labelledby': 'patterns-title' },
    h(
      'header',
      { class: 'panel-head' },
      h('h2', { id: 'patterns-title' }, 'Patterns'),
      counter,
      h('span', { class: 'panel-hint' }, 'Choose one to see its events'),
    ),
    h('div', { class: 'panel-body table-wrap' }, table, more),
  );
  let data: PatternsData | undefined;
  let sort: SortKey = 'count';
  let expanded = false;

  const sortHeader = (key: SortKey, label: string) =>
    h(
      'th',
      { scope: 'col', class: 'num', 'aria-sort': sort === key ? 'descending' : 'none' },
      h(
        'button',
        {
          type: 'button',
          class: `sort${sort === key ? ' on' : ''}`,
          onclick: () => {
            sort = key;
            render();
          },
        },
        label,
        sort === key ? ' ↓' : '',
      ),
    );

  function render(): void {
    if (!data) return;
    const d = data;
    // Servers that do not count severities per pattern get no empty column.
    const showMix = d.patterns.some((p) => p.severities && Object.keys(p.severities).length > 0);
    replace(
      headRow,
      h('th', { scope: 'col' }, 'Pattern'),
      d.showGroup ? h('th', { scope: 'col' }, 'Group') : null,
      sortHeader('count', 'Events'),
      h('th', { scope: 'col', class: 'share-col' }, 'Share'),
      h('th', { scope: 'col' }, 'Trend'),
      showMix ? h('th', { scope: 'col', class: 'mix-col' }, 'Severity') : null,
      sortHeader('lastSeen', 'Last seen'),
      sortHeader('firstSeen', 'First seen'),
    );
    const sorted = [...d.patterns].sort((a, b) => b[sort] - a[sort] || b.count - a.count);
    const total = sorted.reduce((n, p) => n + p.count, 0);
    counter.textContent = d.patterns.length ? count(d.patterns.length) : '';
    if (sorted.length === 0) {
      replace(
        tbody,
        h(
          'tr',
          { class: 'empty-row' },
          h(
            'td',
            { colspan: 8 },
            h('strong', null, 'No patterns yet'),
            h(
              'span',
              null,
              'Patterns are mined from every event as it arrives; similar lines group under one template.',
            ),
          ),
        ),
      );
      more.hidden = true;
      return;
    }
    const visible = expanded ? sorted : sorted.slice(0, PAGE);
    replace(
      tbody,
      ...visible.map((p) => {
        const isNew = p.firstSeen >= d.from;
        const trend = d.trend(p);
        const share = total > 0 ? p.count / total : 0;
        const row = h(
          'tr',
          {
            class: `clickable${p.id === d.selectedId ? ' selected' : ''}`,
            'data-testid': 'pattern-row',
            'data-pattern-id': p.id,
            onclick: (e: Event) => {
              if (!(e.target as Element).closest('button')) onSelect(p);
            },
          },
          h(
            'td',
            { class: 'template-cell' },
            h(
              'div',
              { class: 'template-wrap' },
              isNew
                ? h('span', { class: 'tag new', title: 'First seen inside this time range' }, 'new')
                : null,
              h(
                'button',
                {
                  type: 'button',
                  class: 'row-button',
                  onclick: () => onSelect(p),
                  'aria-label': `Show events of pattern ${p.template}`,
                },
                templateEl(p.template),
              ),
            ),
          ),
          d.showGroup
            ? h('td', { class: 'group-cell', title: p.group ?? '' }, p.group ? shortGroup(p.group) : '—')
            : null,
          h('td', { class: 'num strong', title: count(p.count) }, compact(p.count)),
          h(
            'td',
            { class: 'share-col' },
            h(
              'span',
              { class: 'share' },
              h(
                'span',
                { class: 'share-bar' },
                h('span', { style: `width:${Math.max(2, share * 100).toFixed(1)}%` }),
              ),
              h('span', { class: 'share-pct' }, percent(share)),
            ),
          ),
          h(
            'td',
            { class: 'trend' },
            trend?.some((v) => v > 0)
              ? sparkline(trend, isNew ? 'spark-new' : 'spark-neutral', 90, 20)
              : h('span', { class: 'muted' }, '—'),
          ),
          showMix ? h('td', { class: 'mix-col' }, severityMix(p)) : null,
          h('td', { class: 'num muted' }, timeEl(p.lastSeen, 'relative')),
          h('td', { class: 'num muted' }, timeEl(p.firstSeen, 'relative')),
        );
        return row;
      }),
    );
    more.hidden = sorted.length <= PAGE;
    more.textContent = expanded ? 'Show top 25' : `Show all ${count(sorted.length)} patterns`;
  }

  more.addEventListener('click', () => {
    expanded = !expanded;
    render();
  });

  return {
    el,
    update(next) {
      data = next;
      render();
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
              { colspan: 8 },
              h('strong', null, 'Patterns could not be loaded'),
              h('span', null, message),
            ),
          ),
        );
    },
  };
}
