/**
 * The dashboard on the real server, as a newcomer sees it after `npm start`: `logsift serve --demo`
 * (SQLite, demo traffic through POST /ingest/cloudwatch) and Chromium showing what arrives.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/apps/server/serve.js';
import { cloudWatchEvent } from '../fixtures/cloudwatch.js';
import { type LaunchedBrowser, launchBrowser } from './helpers/browser.js';

describe('dashboard on the real server with demo traffic', () => {
  let dir: string;
  let server: RunningServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logsift-live-'));
    server = await startServer({ port: 0, data: dir, demo: true, log: () => {} });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows demo events, patterns and the severity chart, and a new event in the live tail', async () => {
    // Prepare: a few seconds of demo traffic
    await new Promise((r) => setTimeout(r, 3500));
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Act
    await page.goto(server.url);
    // Assess
    await page.getByTestId('events-table').locator('tbody tr').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('events-table').locator('tbody tr').count()).toBeGreaterThan(5);
    await page.getByTestId('patterns-table').locator('tbody tr').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('severity-chart').locator('rect').count()).toBeGreaterThan(0);
    // A line sent now appears in the live tail without a reload.
    const marker = `live tail marker ${Date.now()}`;
    await fetch(`${server.url}/ingest/cloudwatch`, {
      method: 'POST',
      body: JSON.stringify(
        cloudWatchEvent({
          logGroup: '/e2e/live',
          events: [{ message: `ERROR ${marker}`, timestamp: Date.now() }],
        }),
      ),
    });
    await page.getByTestId('live-tail').getByText(marker).first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(tmpdir(), 'logsift-dashboard-live.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
