import { describe, expect, it } from 'vitest';
import { alertStorm, storedAlert } from '../../../../test/fixtures/alerts.js';
import { escapeMrkdwn, SlackNotifier, slackPayload } from './SlackNotifier.js';

const DASH = 'http://127.0.0.1:8080';
interface Block {
  type: string;
  text?: { type: string; text: string; emoji?: boolean };
  fields?: { type: string; text: string }[];
  elements?: Record<string, unknown>[];
}

describe('slackPayload', () => {
  it('builds a header, fields, the pattern, examples in a code block and a dashboard button', () => {
    // Prepare
    const alert = storedAlert();

    // Act
    const { text, blocks } = slackPayload({ kind: 'alert', alert }, { dashboardUrl: DASH });

    // Assess
    expect(text).toBe('CRITICAL /aws/lambda/test-app: 1 event CRITICAL (critical)');
    expect(blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'section',
      'section',
      'section',
      'actions',
      'context',
    ]);
    const [head, , facts, pattern, , examples, actions] = blocks as unknown as Block[];
    expect(head!.text).toEqual({
      type: 'plain_text',
      text: ':rotating_light: CRITICAL /aws/lambda/test-app',
      emoji: true,
    });
    expect(facts!.fields!.map((f) => f.text)).toContain('*Counts*\nCRITICAL 1, ERROR 2, INFO 40 (total 43)');
    expect(pattern!.text!.text).toBe('*Pattern*\n`Critical system failure in &lt;*&gt;`');
    expect(examples!.text!.text).toBe(
      '```12:01:02.123  CRITICAL  Critical system failure in payments: database unreachable```',
    );
    expect(actions!.elements![0]).toMatchObject({
      type: 'button',
      style: 'danger',
      url: `${DASH}/?group=%2Faws%2Flambda%2Ftest-app&from=${alert.window.start}&to=${alert.window.end}&alert=${alert.id}`,
    });
  });

  it('escapes Slack control characters and keeps log lines from closing the code block', () => {
    const alert = storedAlert({
      examples: [{ id: '1', timestamp: 0, severity: 'ERROR', message: '<!channel> a&b ```rm -rf```' }],
    });

    const { blocks } = slackPayload({ kind: 'alert', alert });
    const code = (blocks as unknown as Block[]).find((b) => b.text?.text.startsWith('```'))!.text!.text;

    expect(code).toContain("&lt;!channel&gt; a&amp;b '''rm -rf'''");
    expect(code.match(/```/g)).toHaveLength(2);
    expect(escapeMrkdwn('<@U123>')).toBe('&lt;@U123&gt;');
  });

  it('omits the button without a dashboard URL', () => {
    const { blocks } = slackPayload({ kind: 'alert', alert: storedAlert() });

    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('keeps a large digest within Slack limits and links each alert', () => {
    const { blocks, text } = slackPayload(
      { kind: 'digest', alerts: alertStorm(300), digest: { channel: 'slack', maxAlerts: 10 } },
      { dashboardUrl: DASH, maxListed: 300 },
    );

    expect(text).toContain('Digest: 300 alerts held back on slack');
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks as unknown as Block[])
      if (b.text?.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(blocks)).toContain(`<${DASH}/?group=%2Faws%2Flambda%2Ftest-app&from=`);
  });

  it('renders the daily report', () => {
    const { blocks } = slackPayload({
      kind: 'report',
      report: {
        day: '2026-11-25',
        groups: [
          {
            group: 'g',
            counts: { total: 3, CRITICAL: 0, ERROR: 1, WARNING: 0, INFO: 2, DEBUG: 0 },
            topPatterns: [{ template: 'a <*>', count: 2 }],
          },
        ],
        alerts: [],
      },
    });

    expect((blocks[0] as unknown as Block).text!.text).toBe(
      ':bar_chart: Daily report 2026-11-25: 3 events, 1 ERROR, 0 alerts',
    );
    expect(JSON.stringify(blocks)).toContain('*g*: ERROR 1, INFO 2 (total 3)\\n2  `a &lt;*&gt;`');
  });
});

describe('SlackNotifier', () => {
  it('posts the payload to the webhook URL', async () => {
    const bodies: unknown[] = [];
    const fetch = (async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)));
      return new Response('ok');
    }) as unknown as typeof globalThis.fetch;
    const slack = new SlackNotifier({ webhookUrl: 'https://hooks.slack.com/services/T/B/X', fetch });

    await slack.notify(storedAlert());

    expect(slack.name).toBe('slack');
    expect(bodies).toEqual([slackPayload({ kind: 'alert', alert: storedAlert() })]);
  });
});
