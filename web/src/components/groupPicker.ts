/**
 * The log group chooser: "All groups" or one group, each with a dot that says how recently it
 * logged (green within 2 minutes, amber within 30, grey before) and its event count. A listbox
 * with a filter field, driven by keyboard as well as pointer.
 */
import { h, icon, replace } from '../dom.js';
import { compact, relative, shortGroup } from '../format.js';
import type { GroupView } from '../types.js';

export function activity(lastEventAt: number | undefined, now = Date.now()): 'active' | 'recent' | 'idle' {
  if (lastEventAt === undefined) return 'idle';
  const age = now - lastEventAt;
  return age < 120_000 ? 'active' : age < 1_800_000 ? 'recent' : 'idle';
}

export function createGroupPicker(onChange: (group: string | undefined) => void): {
  el: HTMLElement;
  update(groups: GroupView[], selected: string | undefined): void;
} {
  const label = h('span', { class: 'picker-label' });
  const dot = h('span', { class: 'dot idle' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'picker-button',
      'aria-haspopup': 'listbox',
      'aria-expanded': 'false',
      'data-testid': 'group-picker',
    },
    dot,
    label,
    icon('chevron', 14),
  );
  const filter = h('input', {
    type: 'search',
    class: 'picker-filter',
    placeholder: 'Filter groups…',
    'aria-label': 'Filter groups',
  });
  const list = h('ul', {
    class: 'picker-list',
    role: 'listbox',
    id: 'group-listbox',
    'aria-label': 'Log groups',
  });
  const pop = h('div', { class: 'picker-pop', hidden: true }, filter, list);
  const el = h('div', { class: 'picker' }, h('span', { class: 'sr-only' }, 'Log group'), button, pop);
  button.setAttribute('aria-controls', 'group-listbox');
  let groups: GroupView[] = [];
  let selected: string | undefined;
  let active = 0;

  const options = (): (GroupView | undefined)[] => {
    const text = filter.value.trim().toLowerCase();
    const matching = groups.filter((g) => !text || g.group.toLowerCase().includes(text));
    return text ? matching : [undefined, ...matching];
  };

  const renderList = () => {
    const opts = options();
    active = Math.min(Math.max(0, active), Math.max(0, opts.length - 1));
    const total = groups.reduce((n, g) => n + (g.count ?? 0), 0);
    replace(
      list,
      ...opts.map((g, i) =>
        h(
          'li',
          {
            role: 'option',
            id: `group-opt-${i}`,
            class: `picker-option${i === active ? ' active' : ''}`,
            'aria-selected': String((g?.group ?? undefined) === selected),
            onclick: () => choose(g?.group),
            onpointermove: () => {
              if (active !== i) {
                active = i;
                renderList();
              }
            },
          },
          h('span', { class: `dot ${g ? activity(g.lastEventAt) : 'all'}` }),
          h('span', { class: 'opt-name', title: g?.group ?? '' }, g ? g.group : 'All groups'),
          h(
            'span',
            { class: 'opt-meta' },
            g
              ? `${g.count !== undefined ? compact(g.count) : ''}${g.lastEventAt ? ` · ${relative(g.lastEventAt)}` : ''}`
              : total
                ? compact(total)
                : '',
          ),
        ),
      ),
    );
    if (opts.length === 0) list.append(h('li', { class: 'picker-none' }, 'No group matches'));
    list.setAttribute('aria-activedescendant', `group-opt-${active}`);
    list.querySelector('.active')?.scrollIntoView({ block: 'nearest' });
  };

  const open = () => {
    pop.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    filter.value = '';
    active = Math.max(
      0,
      options().findIndex((g) => g?.group === selected),
    );
    renderList();
    filter.focus();
  };
  const close = (focus = true) => {
    if (pop.hidden) return;
    pop.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (focus) button.focus();
  };
  const choose = (group: string | undefined) => {
    close();
    if (group !== selected) onChange(group);
  };

  button.addEventListener('click', () => (pop.hidden ? open() : close()));
  filter.addEventListener('input', () => {
    active = 0;
    renderList();
  });
  pop.addEventListener('keydown', (e) => {
    const opts = options();
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + opts.length) % Math.max(1, opts.length);
      renderList();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      active = e.key === 'Home' ? 0 : opts.length - 1;
      renderList();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (opts.length) choose(opts[active]?.group);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });
  document.addEventListener('pointerdown', (e) => {
    if (!el.contains(e.target as Node)) close(false);
  });

  const renderButton = () => {
    const g = groups.find((x) => x.group === selected);
    label.textContent = selected ? shortGroup(selected) : 'All groups';
    button.title = selected ?? 'All log groups';
    dot.className = `dot ${selected ? activity(g?.lastEventAt) : 'all'}`;
  };

  return {
    el,
    update(next, sel) {
      groups = [...next].sort(
        (a, b) => (b.lastEventAt ?? 0) - (a.lastEventAt ?? 0) || a.group.localeCompare(b.group),
      );
      selected = sel;
      renderButton();
      if (!pop.hidden) renderList();
    },
  };
}
