import { describe, expect, it } from 'vitest';
import { storedAlert } from '../../../../test/fixtures/alerts.js';
import { formatAlert } from '../../../core/alerts/format.js';
import { ConsoleNotifier } from './ConsoleNotifier.js';

describe('ConsoleNotifier', () => {
  it('writes one block: subject, then the text', async () => {
    const chunks: string[] = [];
    const out = { write: (s: string) => chunks.push(s) };
    const alert = storedAlert();

    await new ConsoleNotifier({ out }).notify(alert);

    expect(chunks).toHaveLength(1);
    const { subject, text } = formatAlert(alert);
    expect(chunks[0]).toContain(`\n${subject}\n`);
    expect(chunks[0]).toContain(text);
    expect(chunks[0]!.endsWith('─\n')).toBe(true);
  });
});
