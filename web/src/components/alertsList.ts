/**
 * Alerts fired in the range, newest first: severity, rule, group, window, summary and whether the
 * notification went out. Selecting one narrows the dashboard to its group and window. Alerts that
 * arrive over the live tail are prepended with a flash.
 */
import { h, icon, replace } from '../dom.js';
import { count, rangeLabel, shortGroup, timeEl } from '../format.js';
import { severityBadge } from '../severity.js';
import type { StoredAlert } from '../types.js';

export interface AlertsList {
  el: HTMLElement;
  update(alerts: StoredAlert[], selectedId: string | undefined): void;
  /** Adds an alert that just fired (from the live tail); returns false when it was already shown. */
  flash(alert: StoredAlert): boolean;
  setError(message: string | undefined): void;
}

function deliveryLine(alert: StoredAlert): HTMLElement {
  const deliveries = alert.deliveries ?? [];
  const channels = [...new Set(deliveries.map((d) => d.channel))];
  const failures = deliveries.filter((d) => !d.ok);
  const title = deliveries
    .map((d) => `${d.channel}: ${d.ok ? 'delivered' : `failed${d.error ? ` (${d.error})` : ''}`}`)
    .join('\n');
  if (alert.state === 'failed')
    return h(
      'span',
      { class: 'delivery failed', title },
      icon('warn', 13),
      `Delivery failed${failures[0]?.channel ? ` · ${failures[0].channel}` : ''}`,
    );
  if (alert.state === 'pending')
    return h('span', { class: 'delivery pending', title }, icon('clock', 13), 'Sending…');
  return h(
    'span',
    { class: 'delivery ok', title },
    icon('check', 13),
    channels.length ? `Sent · ${channels.join(', ')}` : 'Delivered',
  );
}

export function createAlertsList(onSelect: (alert: StoredAlert) => void): AlertsList {
  const list = h('ol', { class: 'alert-items' });
  const counter = h('span', { class: 'panel-count' });
  const body = h('div', { class: 'panel-body scroll' }, list);
  const el = h(
    'section',
    { class: 'panel alerts-panel', 'data-testid': 'alerts-list', 'aria-labelledby': 'alerts-title' },
    h(
      'header',
      { class: 'panel-head' },
      h('h2', { id: 'alerts-title' }, icon('bell', 15), 'Alerts'),
      counter,
    ),
    body,
  );
  let shown: StoredAlert[] = [];
  let selected: string | undefined;

  const item = (alert: StoredAlert, fresh = false): HTMLLIElement => {
    const button = h(
      'button',
      {
        type: 'button',
        class: 'alert-button',
        'aria-pressed': String(alert.id === selected),
        title: 'Show the events of this alert’s group and window',
        onclick: () => onSelect(alert),
      },
      h(
        'div',
        { class: 'alert-top' },
        severityBadge(alert.severity),
        h('span', { class: 'alert-rule' }, alert.rule),
        alert.firedAt ? timeEl(alert.firedAt, 'relative') : '',
      ),
      h(
        'div',
        { class: 'alert-meta' },
        h('span', { class: 'group-name', title: alert.group }, shortGroup(alert.group)),
        alert.window
          ? h('span', { class: 'alert-window' }, rangeLabel(alert.window.start, alert.window.end))
          : '',
      ),
      h('div', { class: 'alert-summary' }, alert.summary),
      h('div', { class: 'alert-foot' }, deliveryLine(alert)),
    );
    return h(
      'li',
      {
        class: `alert-item sev-edge-${alert.severity}${alert.id === selected ? ' selected' : ''}${fresh ? ' flash' : ''}`,
        'data-testid': 'alert-item',
        'data-alert-id': alert.id,
      },
      button,
    );
  };

  const render = () => {
    counter.textContent = shown.length ? count(shown.length) : '';
    if (shown.length === 0) {
      replace(
        list,
        h(
          'li',
          { class: 'empty-note' },
          h('strong', null, 'No alerts in this range'),
          h(
            'span',
            null,
            'Rules are checked on every window; when one fires it shows up here and goes to your channels.',
          ),
        ),
      );
      return;
    }
    replace(list, ...shown.map((a) => item(a)));
  };

  return {
    el,
    update(alerts, selectedId) {
      selected = selectedId;
      shown = [...alerts].sort(
        (a, b) => (b.firedAt ?? b.window?.start ?? 0) - (a.firedAt ?? a.window?.start ?? 0),
      );
      el.classList.remove('has-error');
      render();
    },
    flash(alert) {
      if (shown.some((a) => a.id === alert.id)) return false;
      shown = [alert, ...shown];
      counter.textContent = count(shown.length);
      if (shown.length === 1) list.replaceChildren();
      list.prepend(item(alert, true));
      return true;
    },
    setError(message) {
      el.classList.toggle('has-error', Boolean(message));
      if (message)
        replace(
          list,
          h(
            'li',
            { class: 'empty-note error-note' },
            h('strong', null, 'Alerts could not be loaded'),
            h('span', null, message),
          ),
        );
    },
  };
}
