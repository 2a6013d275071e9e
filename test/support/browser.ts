import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { REPO_ROOT } from './paths';

/** Debian's chromium (apt-get install -y chromium; .ci/run installs it when missing). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Screenshots of the console pages, written by the browser tests (gitignored). */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-output', 'console');

/**
 * Headless chromium without any traffic of its own (no component updates, sync, QUIC, first-run pages),
 * so every request a page makes is the page's. A missing browser fails the suite with the reason: the
 * browser tests are part of CI, which installs chromium, and must never pass by not running.
 */
export async function launchChromium(): Promise<Browser> {
  assert.ok(
    existsSync(CHROMIUM_PATH),
    `The console browser tests need chromium at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" (.ci/run does so when it is missing)`,
  );
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface GuardedPage {
  page: Page;
  context: BrowserContext;
  /** Requests (and WebSockets) that left the hub's origin: each was aborted. */
  offOrigin: string[];
  /** Uncaught page errors and console errors (CSP violations are reported there). */
  errors: string[];
  /** Fails when anything left the origin or the page reported an error. */
  assertClean(): void;
  close(): Promise<void>;
}

/**
 * A fresh browser context (own localStorage) whose every request is checked against the hub's origin:
 * anything else is aborted and recorded, and `assertClean` fails the test with the list.
 */
export async function guardedPage(browser: Browser, hubOrigin: string): Promise<GuardedPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const offOrigin: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === hubOrigin) return route.continue();
    offOrigin.push(url);
    return route.abort('blockedbyclient');
  });
  page.on('websocket', (ws) => {
    const wsOrigin = new URL(ws.url().replace(/^ws/, 'http')).origin;
    if (wsOrigin !== hubOrigin) offOrigin.push(ws.url());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return {
    page,
    context,
    offOrigin,
    errors,
    assertClean() {
      assert.deepEqual(offOrigin, [], 'requests left the hub origin');
      assert.deepEqual(errors, [], 'the page reported errors');
    },
    close: () => context.close(),
  };
}

/** Writes a full-page screenshot of the current page to test-output/console/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
