/**
 * Events as they arrive over `GET /api/tail`, newest on top, at most 500 rows. Pausing freezes the
 * list (so a line can be read) and counts what arrives meanwhile; resuming shows it. Rows render
 * once per animation frame, so a burst of thousands of events costs one layout.
 */
import type { TailStatus } from '../api.js';
import { h, icon, replace } from '../dom.js';
import { compact, count, shortGroup, timeEl } from '../format.js';
import { severityBadge } from '../severity.js';
import type { AnalyzedEvent } from '../types.js';

export const TAIL_MAX_ROWS = 500;

export interface LiveTail {
  el: HTMLElement;
  push(event: AnalyzedEvent): void;
  setStatus(status: TailStatus): void;
  /** Client-side text filter (the server filters group and severity). */
  setFilter(text: string | undefined, description: string): void;
  clear(): void;
}

export function createLiveTail(): LiveTail {
  const list = h('ol', { class: 'tail-rows', 'aria-live': 'off' });
  const status = h('span', { class: 'tail-status connecting', role: 'status' }, 'Connecting…');
  const rate = h('span', { class: 'tail-rate muted' });
  const scope = h('span', { class: 'tail-scope muted' });
  const pauseButton = h('button', {
    type: 'button',
    class: 'ghost-button small',
    'data-testid': 'tail-pause',
  });
  const clearButton = h(
    'button',
    {
      type: 'button',
      class: 'ghost-button small icon-only',
      title: 'Clear',
      'aria-label': 'Clear the live tail',
    },
    icon('trash', 14),
  );
  const empty = h(
    'div',
    { class: 'tail-empty' },
    h('span', { class: 'pulse-dot' }),
    h('strong', null, 'Waiting for events…'),
    h('span', null, 'New log lines appear here the moment they are ingested.'),
  );
  const body = h('div', { class: 'panel-body scroll tail-body' }, empty, list);
  const el = h(
    'section',
    { class: 'panel tail-panel', 'data-testid': 'live-tail', 'aria-labelledby': 'tail-title' },
    h(
      'header',
      { class: 'panel-head' },
      h('h2', { id: 'tail-title' }, 'Live tail'),
      status,
      rate,
      h('span', { class: 'spacer' }),
      pauseButton,
      clearButton,
    ),
    h('div', { class: 'tail-sub' }, scope),
    body,
  );

  let paused = false;
  let pending: AnalyzedEvent[] = [];
  let held: AnalyzedEvent[] = [];
  let heldCount = 0;
  let frame = 0;
  let text: string | undefined;
  let connection: TailStatus = 'connecting';
  const arrivals: number[] = [];

  const matches = (e: AnalyzedEvent) => !text || e.message.toLowerCase().includes(text);

  const row = (e: AnalyzedEvent) => {
    const li = h(
      'li',
      {
        class: `tail-row sev-row-${e.severity}`,
        'data-testid': 'tail-row',
        title: 'Click to show the whole line',
      },
      timeEl(e.timestamp, 'clockMs'),
      severityBadge(e.severity),
      h('span', { class: 'tail-group', title: e.group }, shortGroup(e.group)),
      h('span', { class: 'tail-msg' }, e.message),
    );
    li.addEventListener('click', () => li.classList.toggle('wrap'));
    return li;
  };

  const flush = () => {
    frame = 0;
    if (pending.length === 0) return;
    const batch = pending.slice(-TAIL_MAX_ROWS);
    pending = [];
    const fragment = document.createDocumentFragment();
    for (let i = batch.length - 1; i >= 0; i--) fragment.append(row(batch[i]!));
    list.prepend(fragment);
    while (list.childElementCount > TAIL_MAX_ROWS) list.lastElementChild?.remove();
    empty.hidden = list.childElementCount > 0;
  };

  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(flush);
  };

  const renderStatus = () => {
    status.className = `tail-status ${paused ? 'paused' : connection}`;
    if (paused) status.textContent = heldCount > 0 ? `Paused · ${compact(heldCount)} new` : 'Paused';
    else
      status.textContent =
        connection === 'live' ? 'Streaming' : connection === 'connecting' ? 'Connecting…' : 'Reconnecting…';
    replace(
      pauseButton,
      icon(paused ? 'play' : 'pause', 13),
      paused ? (heldCount > 0 ? `Resume (${count(heldCount)})` : 'Resume') : 'Pause',
    );
    pauseButton.setAttribute('aria-pressed', String(paused));
  };

  const setPaused = (next: boolean) => {
    paused = next;
    if (!paused) {
      pending.push(...held);
      held = [];
      heldCount = 0;
      schedule();
    }
    renderStatus();
  };

  pauseButton.addEventListener('click', () => setPaused(!paused));
  clearButton.addEventListener('click', () => {
    list.replaceChildren();
    pending = [];
    held = [];
    heldCount = 0;
    empty.hidden = false;
    renderStatus();
  });

  window.setInterval(() => {
    const cutoff = Date.now() - 10_000;
    while (arrivals.length && arrivals[0]! < cutoff) arrivals.shift();
    rate.textContent = arrivals.length
      ? `${(arrivals.length / 10).toFixed(arrivals.length < 100 ? 1 : 0)}/s`
      : '';
  }, 1000);

  renderStatus();
  return {
    el,
    push(e) {
      if (!matches(e)) return;
      if (arrivals.length < 50_000) arrivals.push(Date.now());
      if (paused) {
        held.push(e);
        if (held.length > TAIL_MAX_ROWS) held.shift();
        heldCount++;
        renderStatus();
        return;
      }
      pending.push(e);
      if (pending.length > TAIL_MAX_ROWS * 2) pending = pending.slice(-TAIL_MAX_ROWS);
      schedule();
    },
    setStatus(next) {
      connection = next;
      renderStatus();
    },
    setFilter(next, description) {
      text = next?.toLowerCase();
      scope.textContent = description;
    },
    clear() {
      clearButton.click();
    },
  };
}
