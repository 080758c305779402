import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  command,
  connectAs,
  createApprovedUser,
  signInContext,
  type TestAccount,
} from './accounts.js';
import { DESKTOP, PHONE, baseUrl, expectAccessible, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';

const { browser } = browserPerFile();

interface Summary {
  id: string;
  kind: string;
  visibility: string;
}

async function post(account: TestAccount, conversationId: string, text: string): Promise<string> {
  const socket = await connectAs(account.cookie);
  try {
    const { message } = await command<{ message: { id: string } }>(socket, 'message:send', {
      conversationId,
      clientId: randomUUID(),
      text,
    });
    return message.id;
  } finally {
    socket.close();
  }
}

async function openAs(
  account: TestAccount,
  path: string,
  viewport = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  // bypassCSP only lets the test inject axe; the app itself runs under the real policy.
  const context = await browser().newContext({
    viewport,
    baseURL: baseUrl(),
    locale: 'fi-FI',
    bypassCSP: true,
  });
  await signInContext(context, account);
  const page = await context.newPage();
  await page.goto(path);
  return { context, page };
}

const hits = (page: Page) => page.locator('.search-hits li');

describe('search in a real browser', () => {
  it('finds an inflected word, marks it, hides what the reader may not see, and opens the message in context', async () => {
    const maija = await createApprovedUser({ name: 'Maija Hakija' });
    const pekka = await createApprovedUser({ name: 'Pekka Piilonen' });
    const socket = await connectAs(maija.cookie);
    const { conversations } = await command<{ conversations: Summary[] }>(
      socket,
      'conversation:list',
      {},
    );
    socket.close();
    const channel = conversations.find((c) => c.kind === 'channel' && c.visibility === 'public');
    expect(channel, 'a default public channel joined on first sign-in').toBeTruthy();

    const tag = randomUUID().slice(0, 8);
    const visibleId = await post(
      maija,
      channel!.id,
      `Vanhempainyhdistyksen kokous on torstaina päiväkodilla (${tag}).`,
    );
    const pekkaSocket = await connectAs(pekka.cookie);
    const { conversation } = await command<{ conversation: { id: string } }>(
      pekkaSocket,
      'channel:create',
      {
        name: `Piilo ${tag}`,
        visibility: 'private',
      },
    );
    pekkaSocket.close();
    await post(pekka, conversation.id, `Vanhempainyhdistys suunnittelee yllätystä (${tag}).`);

    const { context, page } = await openAs(
      maija,
      `/haku?q=${encodeURIComponent(`vanhempainyhdistykselle ${tag}`)}`,
    );
    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: 10_000 })
      .toBe(`Haku: vanhempainyhdistykselle ${tag}`);
    await expect.poll(() => hits(page).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('.search-status').textContent()).toBe(
      'Näytetään 1 tulos, parhaiten osuvat ensin.',
    );
    expect(await hits(page).locator('mark').allTextContents()).toEqual([
      'Vanhempainyhdistyksen',
      tag,
    ]);
    expect(await hits(page).textContent()).toContain('Maija Hakija');
    await expectAccessible(page, 'search results');
    await screenshot(page, 'search-fi-desktop');

    await hits(page).getByRole('link').click();
    await expect
      .poll(() => new URL(page.url()).pathname, { timeout: 10_000 })
      .toBe(`/c/${channel!.id}/m/${visibleId}`);

    // The header search box runs a new search from any other page.
    const headerSearch = page.locator('header').getByRole('searchbox', { name: 'Hae viesteistä' });
    await headerSearch.fill(`päiväkoti ${tag}`);
    await headerSearch.press('Enter');
    await expect
      .poll(() => new URL(page.url()).searchParams.get('q'), { timeout: 10_000 })
      .toBe(`päiväkoti ${tag}`);
    await expect
      .poll(() => hits(page).locator('mark').allTextContents(), { timeout: 10_000 })
      .toEqual(['päiväkodilla', tag]);
    expect(await page.getByRole('search').count()).toBe(1);

    await page.goto(`/haku?q=${encodeURIComponent(`yllätys ${tag}`)}`);
    await expect
      .poll(() => page.locator('.search-status').textContent(), { timeout: 10_000 })
      .toBe(`Ei tuloksia haulla ”yllätys ${tag}”.`);

    // A typo is forgiven, and the dictionary's correction is offered as a search of its own.
    await page.goto(`/haku?q=${encodeURIComponent(`vanhempainyhdistyksne ${tag}`)}`);
    await expect.poll(() => hits(page).count(), { timeout: 10_000 }).toBe(1);
    const correction = page.locator('.search-did-you-mean').getByRole('link');
    expect(await page.locator('.search-did-you-mean').textContent()).toContain('Tarkoititko:');
    await correction.click();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('q'), { timeout: 10_000 })
      .toBe(`vanhempainyhdistyksen ${tag}`);
    await expect.poll(() => hits(page).count(), { timeout: 10_000 }).toBe(1);
    await context.close();
  });

  it('fits a 360 px phone', async () => {
    const aino = await createApprovedUser({ name: 'Aino Puhelin' });
    const { context, page } = await openAs(aino, '/haku?q=kokous', PHONE);
    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: 10_000 })
      .toBe('Haku: kokous');
    await expect
      .poll(() => page.locator('.search-status').textContent(), { timeout: 10_000 })
      .not.toBe('Haetaan…');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'search phone');
    await screenshot(page, 'search-fi-phone');
    await context.close();
  });
});
