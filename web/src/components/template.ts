import { h } from '../dom.js';

/** A pattern template with each `<*>` shown as a highlighted variable chip. */
export function templateEl(template: string): HTMLElement {
  const el = h('code', { class: 'template', title: template });
  const parts = template.split('<*>');
  parts.forEach((part, i) => {
    if (part) el.append(part);
    if (i < parts.length - 1) el.append(h('span', { class: 'var', 'aria-label': 'variable' }, '∗'));
  });
  return el;
}
