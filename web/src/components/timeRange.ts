/**
 * Time range presets (15m, 1h, 6h, 24h, 7d), all ending now; a zoomed-in absolute range shows as
 * its own pill with a way back to the preset it came from.
 */
import { h, icon, replace } from '../dom.js';
import { rangeLabel } from '../format.js';
import { PRESETS, type Preset, type ResolvedRange } from '../state.js';

export function createTimeRange(onPreset: (preset: Preset) => void): {
  el: HTMLElement;
  update(range: ResolvedRange): void;
} {
  const el = h('div', {
    class: 'range',
    role: 'group',
    'aria-label': 'Time range',
    'data-testid': 'time-range',
  });
  let lastPreset: Preset = PRESETS[1]!;
  return {
    el,
    update(range) {
      if (range.preset) lastPreset = range.preset;
      const custom = !range.preset;
      replace(
        el,
        ...PRESETS.map((p) =>
          h(
            'button',
            {
              type: 'button',
              class: 'seg',
              'aria-pressed': String(range.preset?.id === p.id),
              title: `Last ${p.id}`,
              'data-preset': p.id,
              onclick: () => onPreset(p),
            },
            p.id,
          ),
        ),
        custom
          ? h(
              'button',
              {
                type: 'button',
                class: 'seg custom',
                'aria-pressed': 'true',
                title: `Back to the last ${lastPreset.id}`,
                onclick: () => onPreset(lastPreset),
              },
              rangeLabel(range.from, range.to),
              icon('close', 12),
            )
          : null,
      );
    },
  };
}
