import { describe, expect, it } from 'vitest';
import { alertStorm, storedAlert } from '../../../../test/fixtures/alerts.js';
import { teamsMessage } from './TeamsNotifier.js';

const DASH = 'http://127.0.0.1:8080';
interface Inline {
  type: string;
  text: string;
  selectAction?: { url: string };
}
interface El {
  type: string;
  text?: string;
  inlines?: Inline[];
}

/** Every element of a card body, nested inlines included. */
function textsOf(elements: unknown[]): { type: string; text: string }[] {
  return (elements as El[]).flatMap((e) =>
    e.inlines
      ? e.inlines.map((i) => ({ type: i.type, text: i.text }))
      : [{ type: e.type, text: e.text ?? '' }],
  );
}

describe('teamsMessage', () => {
  it('wraps one Adaptive Card in a message, with a dashboard action', () => {
    // Prepare
    const alert = storedAlert();

    // Act
    const msg = teamsMessage({ kind: 'alert', alert }, { dashboardUrl: DASH });

    // Assess
    expect(msg.type).toBe('message');
    expect(msg.attachments).toHaveLength(1);
    const [attachment] = msg.attachments;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment.content).toMatchObject({
      type: 'AdaptiveCard',
      version: '1.4',
      msteams: { width: 'Full' },
    });
    expect(attachment.content.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Open in dashboard',
        url: `${DASH}/?group=%2Faws%2Flambda%2Ftest-app&from=${alert.window.start}&to=${alert.window.end}&alert=${alert.id}`,
      },
    ]);
    const texts = textsOf(attachment.content.body).map((t) => t.text);
    expect(texts).toContain('CRITICAL /aws/lambda/test-app');
    expect(texts).toContain('CRITICAL 1, ERROR 2, INFO 40 (total 43)');
    expect(texts).toContain('Critical system failure in <*>');
    expect(texts).toContain('Critical system failure in payments: database unreachable');
  });

  it('puts log text in TextRuns only, which Teams shows literally', () => {
    const alert = storedAlert({
      group: '/aws/lambda/my_app_prod',
      examples: [{ id: '1', timestamp: 0, severity: 'ERROR', message: '**not bold** [link](http://x)' }],
    });

    const body = teamsMessage({ kind: 'alert', alert }).attachments[0].content.body;
    const blocks = textsOf(body).filter((t) => t.type === 'TextBlock');

    expect(blocks.map((b) => b.text)).toEqual(['Pattern', 'Example events']);
    expect(textsOf(body).some((t) => t.text === '**not bold** [link](http://x)')).toBe(true);
  });

  it('lists a digest with one link per alert', () => {
    const msg = teamsMessage(
      { kind: 'digest', alerts: alertStorm(15), digest: { channel: 'teams', maxAlerts: 10 } },
      { dashboardUrl: DASH },
    );

    const body = msg.attachments[0].content.body as unknown as El[];
    const links = body.flatMap((e) =>
      (e.inlines ?? []).flatMap((i) => (i.selectAction ? [i.selectAction.url] : [])),
    );
    expect(msg.summary).toBe(
      'Digest: 15 alerts held back on teams in /aws/lambda/test-app (CRITICAL 8, ERROR 7)',
    );
    expect(links).toHaveLength(15);
  });

  it('renders the daily report with no alerts', () => {
    const msg = teamsMessage({ kind: 'report', report: { day: '2026-11-25', groups: [], alerts: [] } });

    const texts = textsOf(msg.attachments[0].content.body).map((t) => t.text);
    expect(texts[0]).toBe('Daily report 2026-11-25: 0 events, 0 alerts');
    expect(texts).toContain('Alerts: none');
    expect(msg.attachments[0].content.actions).toBeUndefined();
  });
});
