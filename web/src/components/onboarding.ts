/** The first-run screen: no log has reached this server yet, so say how to send some. */
import { h } from '../dom.js';

function step(title: string, command: string, note: string): HTMLLIElement {
  return h(
    'li',
    null,
    h('strong', null, title),
    h('pre', { class: 'cmd' }, h('code', null, command)),
    h('span', { class: 'muted' }, note),
  );
}

export function createOnboarding(origin: string): HTMLElement {
  return h(
    'section',
    { class: 'panel onboarding', 'data-testid': 'empty-state', 'aria-labelledby': 'onboarding-title' },
    h('div', { class: 'onboarding-mark', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')),
    h('h2', { id: 'onboarding-title' }, 'No logs yet'),
    h(
      'p',
      { class: 'lead' },
      'This logsift server has not received an event. Send it some and this page fills in by itself: charts, patterns, alerts and a live tail.',
    ),
    h(
      'ol',
      { class: 'steps' },
      step(
        'Ship a log file',
        `logsift ingest ./app.log --url ${origin} --group /aws/lambda/test-app`,
        'Add --follow to keep shipping lines as the file grows.',
      ),
      step(
        'Or POST CloudWatch subscription events',
        `curl -X POST ${origin}/ingest/cloudwatch -H 'content-type: application/json' -d @event.json`,
        'The body is the Lambda event CloudWatch Logs delivers: {"awslogs":{"data":"<base64 gzip>"}}.',
      ),
      step(
        'Or watch demo traffic',
        'npm start',
        'Runs the local server with four invented services logging into it.',
      ),
    ),
  );
}
