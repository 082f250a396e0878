/**
 * The dashboard in a real browser (headless chromium via playwright-core) against a real HTTP
 * server: dist/web served statically, /api answered from fixture data (dashboardFixtures.ts).
 * Builds the dashboard first when dist/web is missing or older than web/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DashboardFixture, DIST_WEB, fixtureEvent, startDashboardFixture } from './dashboardFixtures.js';
import { type LaunchedBrowser, launchBrowser } from './helpers/browser.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const WEB = join(ROOT, 'web');
const SCREENSHOT = '/tmp/logsift-dashboard.png';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function ensureBuilt(): void {
  const index = join(DIST_WEB, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(WEB)) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs', 'web'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dashboard build failed:\n${r.stdout}\n${r.stderr}`);
}

let fixture: DashboardFixture;
let browser: LaunchedBrowser;
const pageErrors: string[] = [];

async function open(
  path = '',
  options: { colorScheme?: 'dark' | 'light'; width?: number } = {},
): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.setViewportSize({ width: options.width ?? 1440, height: 900 });
  await page.emulateMedia({ colorScheme: options.colorScheme ?? 'dark', reducedMotion: 'reduce' });
  await page.goto(`${fixture.url}${path}`);
  return page;
}

/** The page's own query string (the dashboard keeps its filters there). */
function query(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

async function waitForTail(): Promise<void> {
  const until = Date.now() + 10_000;
  while (fixture.tailClients() === 0) {
    if (Date.now() > until) throw new Error('the page never opened /api/tail');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Windows the chart must draw for the last hour: every distinct start overlapping the range. */
function expectedBars(now: number): number {
  const from = now - 3_600_000;
  return new Set(fixture.data.windows.filter((w) => w.end > from && w.start < now).map((w) => w.start)).size;
}

beforeAll(async () => {
  ensureBuilt();
  fixture = await startDashboardFixture();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
});

beforeEach(() => {
  fixture.setEmpty(false);
  fixture.setFailing(undefined);
  pageErrors.length = 0;
});

describe('dashboard', () => {
  it('renders every panel from the API: one bar group per window, events, alerts, patterns, tail', async () => {
    // Prepare
    const page = await open();
    const now = Date.now();

    // Act
    await page.getByTestId('event-row').first().waitFor();

    // Assess
    for (const id of ['severity-chart', 'events-table', 'alerts-list', 'patterns-table', 'live-tail']) {
      await expect(page.getByTestId(id).isVisible(), id).resolves.toBe(true);
    }
    expect(await page.getByTestId('severity-bar').count()).toBe(expectedBars(now));
    const lastHour = fixture.data.events.filter((e) => e.timestamp >= now - 3_600_000).length;
    expect(await page.getByTestId('event-row').count()).toBe(Math.min(100, lastHour));
    expect(await page.getByTestId('alert-item').count()).toBe(fixture.data.alerts.length);
    expect(await page.getByTestId('pattern-row').count()).toBe(fixture.data.patterns.length);
    const failed = fixture.data.alerts.find((a) => a.state === 'failed')!;
    await expect(page.locator(`[data-alert-id="${failed.id}"]`).textContent()).resolves.toContain(
      'Delivery failed',
    );
    await expect(page.getByTestId('latency-panel').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('lambda-panel').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('empty-state').isVisible()).resolves.toBe(false);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('the KPI cards add up the windows of the range and compare with the hour before', async () => {
    // Prepare
    const page = await open();
    await page.getByTestId('event-row').first().waitFor();
    const now = Date.now();
    const from = now - 3_600_000;
    const total = fixture.data.windows
      .filter((w) => w.end > from && w.start < now)
      .reduce((n, w) => n + w.counts.total, 0);

    // Act
    const title = await page.getByTestId('kpi-events').locator('.kpi-value').getAttribute('title');

    // Assess
    expect(Number(title?.replace(/\D/g, ''))).toBe(total);
    await expect(page.getByTestId('kpi-alerts').locator('.kpi-value').textContent()).resolves.toBe(
      String(fixture.data.alerts.length),
    );
    await expect(page.getByTestId('kpi-events').locator('.kpi-delta').textContent()).resolves.toMatch(
      /[▲▼=]/,
    );
    await page.close();
  });

  it('choosing a pattern asks the API for the events with that patternId and puts it in the URL', async () => {
    // Prepare
    const page = await open();
    await page.getByTestId('pattern-row').first().waitFor();
    const row = page.getByTestId('pattern-row').nth(2);
    const patternId = await row.getAttribute('data-pattern-id');

    // Act
    const request = page.waitForRequest(
      (r) => r.url().includes('/api/events') && r.url().includes('patternId='),
    );
    await row.locator('button').click();

    // Assess
    expect(new URL((await request).url()).searchParams.get('patternId')).toBe(patternId);
    await expect.poll(() => query(page).get('pattern')).toBe(patternId);
    const expected = fixture.data.events.filter(
      (e) => e.patternId === patternId && e.timestamp >= Date.now() - 3_600_000,
    );
    await expect.poll(() => page.getByTestId('event-row').count()).toBe(Math.min(100, expected.length));
    await expect(page.getByTestId('filter-pattern').isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('the search box sets q on the events request and in the URL; "/" focuses it', async () => {
    // Prepare
    const page = await open();
    await page.getByTestId('event-row').first().waitFor();

    // Act
    await page.locator('body').press('/');
    const focused = await page.getByTestId('search').evaluate((el) => el === el.ownerDocument.activeElement);
    const request = page.waitForRequest((r) => r.url().includes('/api/events') && r.url().includes('q='));
    await page.keyboard.type('payment provider');
    await page.keyboard.press('Enter');

    // Assess
    expect(focused).toBe(true);
    expect(new URL((await request).url()).searchParams.get('q')).toBe('payment provider');
    await expect.poll(() => query(page).get('q')).toBe('payment provider');
    await expect
      .poll(async () =>
        (await page.getByTestId('event-row').allTextContents()).every((t) => /payment provider/i.test(t)),
      )
      .toBe(true);
    await page.close();
  });

  it('filters in the URL are applied on load (a shared link shows the same view)', async () => {
    // Act
    const page = await browser.context.newPage();
    const request = page.waitForRequest((r) => r.url().includes('/api/events'));
    await page.goto(`${fixture.url}?group=%2Fecs%2Forder-worker&severity=ERROR&from=now-6h`);
    const url = new URL((await request).url());
    await page.close();

    // Assess
    expect(url.searchParams.get('group')).toBe('/ecs/order-worker');
    expect(url.searchParams.get('severity')).toBe('ERROR');
    expect(Number(url.searchParams.get('to')) - Number(url.searchParams.get('from'))).toBe(6 * 3_600_000);
  });

  it('clicking a bar narrows the range to its window', async () => {
    // Prepare
    const page = await open();
    await page.getByTestId('event-row').first().waitFor();
    const bar = page.getByTestId('severity-bar').nth(3);
    const start = await bar.getAttribute('data-start');
    const end = await bar.getAttribute('data-end');

    // Act
    const request = page.waitForRequest(
      (r) => r.url().includes('/api/events') && r.url().includes(`from=${start}`),
    );
    await bar.locator('.hit').click();

    // Assess
    expect(new URL((await request).url()).searchParams.get('to')).toBe(end);
    await expect.poll(() => `${query(page).get('from')}-${query(page).get('to')}`).toBe(`${start}-${end}`);
    await expect(page.getByTestId('live-indicator').textContent()).resolves.toContain('Paused');
    await page.close();
  });

  it('choosing an alert filters the events to its group and window', async () => {
    // Prepare
    const page = await open();
    const alert = fixture.data.alerts.find((a) => a.id === 'a-5xx')!;
    await page.locator(`[data-alert-id="${alert.id}"]`).waitFor();

    // Act
    const request = page.waitForRequest((r) => r.url().includes('/api/events') && r.url().includes('group='));
    await page.locator(`[data-alert-id="${alert.id}"] button`).click();

    // Assess
    const params = new URL((await request).url()).searchParams;
    expect(params.get('group')).toBe(alert.group);
    expect(params.get('from')).toBe(String(alert.window.start));
    expect(params.get('to')).toBe(String(alert.window.end));
    await expect.poll(() => query(page).get('alert')).toBe(alert.id);
    await page.close();
  });

  it('an event row opens to its fields; "load more" follows the cursor', async () => {
    // Prepare
    const page = await open('?from=now-24h');
    const first = page.getByTestId('event-row').first();
    await first.waitFor();

    // Act
    await first.click();
    const more = page.waitForRequest((r) => r.url().includes('/api/events') && r.url().includes('cursor='));
    await page.getByRole('button', { name: 'Load more' }).click();

    // Assess
    await expect(page.locator('.detail-row .fields').first().textContent()).resolves.toContain('event id');
    expect(new URL((await more).url()).searchParams.get('cursor')).toBe('100');
    await expect.poll(() => page.getByTestId('event-row').count()).toBeGreaterThan(100);
    await page.close();
  });

  it('the live tail shows events pushed over SSE, newest on top, and counts them while paused', async () => {
    // Prepare
    const page = await open();
    await waitForTail();

    // Act
    fixture.pushEvent(fixtureEvent('ERROR', 'first pushed line: upstream connect error'));
    fixture.pushEvent(fixtureEvent('CRITICAL', 'second pushed line: disk full on /var/lib/db'));

    // Assess
    const rows = page.getByTestId('live-tail').getByTestId('tail-row');
    await expect.poll(() => rows.count()).toBe(2);
    await expect(rows.first().textContent()).resolves.toContain('second pushed line');
    await page.getByTestId('tail-pause').click();
    fixture.pushEvent(fixtureEvent('INFO', 'third line while paused'));
    await expect.poll(() => page.getByTestId('tail-pause').textContent()).toContain('Resume (1)');
    expect(await rows.count()).toBe(2);
    await page.getByTestId('tail-pause').click();
    await expect.poll(() => rows.first().textContent()).toContain('third line while paused');
    await page.close();
  });

  it('an alert arriving over SSE flashes into the alerts list', async () => {
    // Prepare
    const page = await open();
    await page.getByTestId('alert-item').first().waitFor();
    await waitForTail();
    const alert = {
      ...fixture.data.alerts[1]!,
      id: 'a-live',
      rule: 'live-rule',
      summary: 'Just fired over SSE',
      firedAt: Date.now(),
    };

    // Act
    fixture.pushAlert(alert);

    // Assess
    const item = page.locator('[data-alert-id="a-live"]');
    await item.waitFor();
    await expect(item.getAttribute('class')).resolves.toContain('flash');
    await expect(page.getByTestId('alert-item').first().getAttribute('data-alert-id')).resolves.toBe(
      'a-live',
    );
    await page.close();
  });

  it('with no data at all, says how to send logs', async () => {
    // Prepare
    fixture.setEmpty(true);

    // Act
    const page = await open();
    const empty = page.getByTestId('empty-state');
    await empty.waitFor();

    // Assess
    await expect(empty.textContent()).resolves.toContain('logsift ingest');
    await expect(empty.textContent()).resolves.toContain('/ingest/cloudwatch');
    await expect(empty.textContent()).resolves.toContain('npm start');
    await expect(page.getByTestId('severity-chart').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('live-tail').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: '/tmp/logsift-dashboard-empty.png' });
    await page.close();
  });

  it('an API failure shows a banner whose Retry recovers', async () => {
    // Prepare
    fixture.setFailing('/api/metrics');
    const page = await open();
    const banner = page.getByTestId('error-banner');

    // Act
    await banner.waitFor();
    const text = await banner.textContent();
    fixture.setFailing(undefined);
    await page.getByTestId('retry').click();

    // Assess
    expect(text).toContain('/api/metrics');
    await banner.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('severity-bar').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('screenshots: dark, light and 900 px wide', async () => {
    for (const [path, colorScheme, width] of [
      [SCREENSHOT, 'dark', 1440],
      ['/tmp/logsift-dashboard-light.png', 'light', 1440],
      ['/tmp/logsift-dashboard-900.png', 'dark', 900],
    ] as const) {
      const page = await open('', { colorScheme, width });
      await page.getByTestId('event-row').first().waitFor();
      await waitForTail();
      for (const e of fixture.data.events.slice(0, 12))
        fixture.pushEvent({ ...e, id: `${e.id}-tail`, timestamp: Date.now() });
      await page.getByTestId('tail-row').nth(11).waitFor();
      await page.screenshot({ path, fullPage: true });
      expect(statSync(path).size).toBeGreaterThan(10_000);
      // Nothing may stick out sideways at this width.
      const overflow = await page.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    }
  });
});
