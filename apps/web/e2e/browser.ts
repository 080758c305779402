import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, onTestFailed } from 'vitest';
import { signInContext, type TestAccount } from './accounts.js';
import {
  DESKTOP,
  closeBlockingProxy,
  launchBrowser,
  newContext as contextIn,
  screenshot,
} from './harness.js';

/**
 * The calling test file's one Chromium: launched before its tests, closed after them (with the
 * WebSocket-refusing proxy, if the file's contexts started it).
 *
 *   const { openAs, newContext } = browserPerFile();
 *   const { page } = await openAs(maija, `/c/${id}`, PHONE);   // signed in, at the path
 *
 * `failureShots`: on a failed test every page still open is photographed
 * (`<failureShots>-failed-N.png`) to see why.
 */
export function browserPerFile(failureShots?: string) {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await closeBlockingProxy();
  });
  if (failureShots)
    beforeEach(() => {
      onTestFailed(async () => {
        const pages = browser.contexts().flatMap((c) => c.pages());
        for (const [i, page] of pages.entries())
          await screenshot(page, `${failureShots}-failed-${i}`).catch(() => undefined);
      });
    });

  /** A new context (see harness.ts `newContext`): a separate browser profile, not signed in. */
  const newContext = (viewport = DESKTOP, locale?: string) => contextIn(browser, viewport, locale);

  /** A context signed in as `account` and a page in it opened at `path`. */
  async function openAs(
    account: TestAccount,
    path: string,
    viewport = DESKTOP,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(viewport);
    await signInContext(context, account);
    const page = await context.newPage();
    await page.goto(path);
    return { context, page };
  }

  return { browser: () => browser, newContext, openAs };
}
