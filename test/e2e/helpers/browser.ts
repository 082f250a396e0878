/**
 * Chromium for browser tests: the system binary driven by playwright-core (Playwright's own
 * browser download does not work here), headless, with a fresh profile per launch.
 *
 * @example
 * const browser = await launchBrowser();
 * const page = await browser.context.newPage();
 * await browser.close();
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Flags that make Debian's chromium run headless in containers and CI without surprises. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * The chromium executable: $CHROMIUM_PATH, else the first of /usr/bin/chromium,
 * /usr/bin/chromium-browser, /usr/bin/google-chrome. Throws with install instructions otherwise.
 */
export function ensureChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist.`);
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  throw new Error(
    [
      'The browser tests need chromium and none was found (looked for $CHROMIUM_PATH, ' +
        `${CANDIDATES.join(', ')}).`,
      '`npm test` installs it on Debian/Ubuntu; by hand: `sudo apt-get update && sudo apt-get install -y chromium`',
      '(on Ubuntu, where chromium is a snap, install google-chrome or set CHROMIUM_PATH to any Chromium-based browser).',
      '`npx playwright install` does not work here: playwright-core drives the system browser.',
    ].join('\n'),
  );
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** Closes the browser and deletes its temporary profile. */
  close(): Promise<void>;
}

/** Launches headless chromium with {@link CHROMIUM_ARGS} and a fresh user-data-dir in a temp dir. */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<LaunchedBrowser> {
  const executablePath = ensureChromium();
  const profile = await mkdtemp(join(tmpdir(), 'logsift-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1440, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}
