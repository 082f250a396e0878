import { describe, expect, it } from 'vitest';
import { ALERT_WINDOW_START, alertStorm, storedAlert } from '../../../test/fixtures/alerts.js';
import type { DailyReport } from './dailyReport.js';
import {
  cleanText,
  cut,
  dashboardLink,
  describeAlert,
  describeDigest,
  escapeHtml,
  formatAlert,
  formatDailyReport,
  formatDigest,
  formatMessage,
  formatWindow,
} from './format.js';

const DASH = 'http://127.0.0.1:8080';

describe('formatAlert', () => {
  it('puts severity, group, what fired and the rule in the subject', () => {
    const { subject } = formatAlert(storedAlert(), {});

    expect(subject).toBe('[logsift] CRITICAL /aws/lambda/test-app: 1 event CRITICAL (critical)');
  });

  it('uses the configured subject prefix', () => {
    expect(formatAlert(storedAlert(), { subjectPrefix: '[prod]' }).subject).toMatch(/^\[prod\] CRITICAL /);
  });

  it('says in the text what fired, where, when, how much, the pattern, examples and the link', () => {
    // Prepare
    const alert = storedAlert();

    // Act
    const { text } = formatAlert(alert, { dashboardUrl: `${DASH}/` });

    // Assess
    expect(text).toContain(`CRITICAL alert: ${alert.summary}`);
    expect(text).toContain('Group:     /aws/lambda/test-app');
    expect(text).toContain('Window:    2026-11-26 12:00:00 to 12:05:00 UTC (5m)');
    expect(text).toContain('Counts:    CRITICAL 1, ERROR 2, INFO 40 (total 43)');
    expect(text).toContain('Pattern:   Critical system failure in <*>');
    expect(text).toContain(
      '  12:01:02.123  CRITICAL  Critical system failure in payments: database unreachable',
    );
    expect(text).toContain(
      `Open in the dashboard: ${DASH}/?group=%2Faws%2Flambda%2Ftest-app&from=${alert.window.start}&to=${alert.window.end}&alert=${alert.id}`,
    );
  });

  it('leaves the link out when no dashboard URL is configured', () => {
    const { text, html } = formatAlert(storedAlert(), {});

    expect(text).not.toContain('dashboard');
    expect(html).not.toContain('<a ');
  });

  it('shows at most 5 examples and cuts long messages to about 300 characters', () => {
    const examples = Array.from({ length: 8 }, (_, i) => ({
      id: String(i),
      timestamp: ALERT_WINDOW_START + i,
      severity: 'ERROR' as const,
      message: `${i}:${'x'.repeat(1000)}`,
    }));

    const view = describeAlert(storedAlert({ examples }), {});
    const { text } = formatAlert(storedAlert({ examples }), {});

    expect(view.examples).toHaveLength(5);
    expect(view.moreExamples).toBe(3);
    expect(view.examples[0]!.message).toHaveLength(300);
    expect(view.examples[0]!.message.endsWith('…')).toBe(true);
    expect(text).toContain('Example events (5 of 8):');
  });

  it('escapes everything in HTML, including the link', () => {
    const alert = storedAlert({
      group: '<img src=x onerror=alert(1)>',
      summary: '1 event <b>CRITICAL</b>',
      template: '<script>alert("t")</script>',
      examples: [
        { id: '1', timestamp: ALERT_WINDOW_START, severity: 'CRITICAL', message: '"quoted" & <tag>' },
      ],
    });

    const { html } = formatAlert(alert, { dashboardUrl: `${DASH}/x"y` });

    expect(html).not.toMatch(/<(img|script|b)[ >]/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &lt;tag&gt;');
    expect(html).toContain('href="http://127.0.0.1:8080/x&quot;y/?group=');
  });

  it('strips terminal colours and control characters, and keeps the subject one line', () => {
    const alert = storedAlert({
      group: 'app\r\nBcc: victim@example.com',
      examples: [
        {
          id: '1',
          timestamp: ALERT_WINDOW_START,
          severity: 'ERROR',
          message: '\u001b[31mred\u001b[0m\u0007 text',
        },
      ],
    });

    const { subject, text } = formatAlert(alert, {});

    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toContain('app Bcc: victim@example.com');
    expect(text).toContain('red text');
    expect(text).not.toMatch(/[\u0000-\u0008\u001b]/);
  });

  it('indents the continuation lines of a multi-line example', () => {
    const alert = storedAlert({
      examples: [
        {
          id: '1',
          timestamp: ALERT_WINDOW_START,
          severity: 'ERROR',
          message: 'Error: boom\n    at f (a.js:1:1)',
        },
      ],
    });

    const { text } = formatAlert(alert, {});

    expect(text).toContain(
      '  12:00:00.000  ERROR     Error: boom\n                              at f (a.js:1:1)',
    );
  });

  it('words an alert whose summary does not name the group', () => {
    const alert = storedAlert({ rule: 'quiet', type: 'flatline', summary: 'No events for 15m (rule quiet)' });

    expect(formatAlert(alert, {}).subject).toBe(
      '[logsift] CRITICAL /aws/lambda/test-app: No events for 15m (quiet)',
    );
  });

  it('survives a timestamp that is not a time', () => {
    const alert = storedAlert({ firedAt: Number.NaN });

    expect(formatAlert(alert, {}).text).toContain('Fired at:  unknown time');
  });
});

describe('formatDigest', () => {
  it('lists every held-back alert once and says why they are together', () => {
    // Prepare
    const alerts = alertStorm(15);

    // Act
    const { subject, text } = formatDigest([...alerts, alerts[0]!], {
      dashboardUrl: DASH,
      digest: { channel: 'slack', maxAlerts: 10, windowMs: 600_000 },
    });

    // Assess
    expect(subject).toBe(
      '[logsift] Digest: 15 alerts held back on slack in /aws/lambda/test-app (CRITICAL 8, ERROR 7)',
    );
    expect(text).toContain('Storm control: more than 10 alerts on slack within 10m.');
    for (const a of alerts) expect(text.split(`alert ${a.id}\n`).length - 1).toBe(1);
    expect(text).toContain('By rule:     critical 15');
  });

  it('lists the most severe first and counts those beyond maxListed', () => {
    const view = describeDigest(alertStorm(6), { maxListed: 4 });

    expect(view.items.map((i) => i.severity)).toEqual(['CRITICAL', 'CRITICAL', 'CRITICAL', 'ERROR']);
    expect(view.more).toBe(2);
  });

  it('links to the span of the alerts windows', () => {
    const alerts = alertStorm(3);

    const view = describeDigest(alerts, { dashboardUrl: DASH });

    expect(view.link).toBe(
      `${DASH}/?group=%2Faws%2Flambda%2Ftest-app&from=${alerts[0]!.window.start}&to=${alerts[2]!.window.end}`,
    );
  });
});

describe('formatDailyReport', () => {
  const report: DailyReport = {
    day: '2026-11-25',
    groups: [
      {
        group: '/aws/lambda/test-app',
        counts: { total: 12_345, CRITICAL: 3, ERROR: 40, WARNING: 2, INFO: 12_300, DEBUG: 0 },
        topPatterns: [
          { template: 'User <*> logged in', count: 12_000 },
          { template: 'Critical system failure in <*>', count: 3 },
        ],
      },
    ],
    alerts: [
      storedAlert({ window: { start: Date.UTC(2026, 10, 25, 9, 0), end: Date.UTC(2026, 10, 25, 9, 5) } }),
    ],
  };

  it('sums the day in the subject and lists groups, top patterns and alerts', () => {
    const { subject, text, html } = formatDailyReport(report, { dashboardUrl: DASH });

    expect(subject).toBe('[logsift] Daily report 2026-11-25: 12,345 events, 3 CRITICAL, 40 ERROR, 1 alert');
    expect(text).toContain(
      '/aws/lambda/test-app: CRITICAL 3, ERROR 40, WARNING 2, INFO 12,300 (total 12,345)',
    );
    expect(text).toContain('    12,000  User <*> logged in');
    expect(text).toContain('CRITICAL /aws/lambda/test-app: 1 event CRITICAL (critical) [pending]');
    expect(text).toContain(`${DASH}/?from=${Date.UTC(2026, 10, 25)}&to=${Date.UTC(2026, 10, 26)}`);
    expect(html).toContain('<code>User &lt;*&gt; logged in</code>');
  });

  it('says so when nothing arrived that day', () => {
    const { subject, text } = formatDailyReport({ day: '2026-11-25', groups: [], alerts: [] }, {});

    expect(subject).toBe('[logsift] Daily report 2026-11-25: 0 events, 0 alerts');
    expect(text).toContain('No events arrived on 2026-11-25');
    expect(text).toContain('Alerts: none');
  });
});

describe('formatMessage', () => {
  it('renders each kind as its own formatter does', () => {
    const alert = storedAlert();

    expect(formatMessage({ kind: 'alert', alert })).toEqual(formatAlert(alert));
    expect(formatMessage({ kind: 'digest', alerts: [alert], digest: { maxAlerts: 1 } })).toEqual(
      formatDigest([alert], { digest: { maxAlerts: 1 } }),
    );
  });
});

describe('helpers', () => {
  it('cut never splits a surrogate pair', () => {
    expect(cut('ab😀cd', 4)).toBe('ab…');
    expect(cut('abc', 3)).toBe('abc');
  });

  it('cleanText keeps newlines and tabs', () => {
    expect(cleanText('a\r\nb\tc\u0000')).toBe('a\nb\tc');
  });

  it('escapeHtml escapes the five characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('dashboardLink drops trailing slashes and omits undefined parameters', () => {
    expect(dashboardLink('http://h:1//', { from: 1, alert: 'a b' })).toBe('http://h:1/?from=1&alert=a%20b');
    expect(dashboardLink(undefined, { from: 1 })).toBeUndefined();
  });

  it('formatWindow shows the end date when the window crosses midnight', () => {
    expect(formatWindow(Date.UTC(2026, 10, 26, 23, 55), Date.UTC(2026, 10, 27))).toBe(
      '2026-11-26 23:55:00 to 2026-11-27 00:00:00 UTC (5m)',
    );
  });
});
