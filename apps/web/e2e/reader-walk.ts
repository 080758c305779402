import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { command, connectAs, type TestAccount } from './accounts.js';
import { expectAccessible, screenshot } from './harness.js';

/**
 * A newcomer's first day in their own language, the steps every language's walk shares: the
 * welcome, the sidebar and their region's channel with a message (swedish.e2e.ts, english.e2e.ts).
 */
export interface Reader {
  lang: 'sv' | 'en';
  welcome: { title: string; region: string; experts: string; library: string; start: string };
  sidebar: { label: string; headings: string[]; names: string[] };
  region: {
    name: string;
    topic: string;
    message: string;
    today: string;
    /** The time on the message and its full date in the title, as Finland writes them. */
    time: RegExp;
    title: RegExp;
  };
}

const poll = <T>(fn: () => Promise<T>, timeout = 10_000) => expect.poll(fn, { timeout });
const noOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Signed in with the welcome not yet seen, from /c: returns the sidebar. */
export async function walkFirstDay(page: Page, account: TestAccount, r: Reader) {
  const heading = () => page.locator('h1').first().textContent();
  await page.goto('/c');
  const welcome = page.getByRole('dialog', { name: r.welcome.title });
  await welcome.waitFor();
  for (const name of [`#${r.welcome.region}`, `#${r.welcome.experts}`, r.welcome.library])
    expect(await welcome.getByRole('link', { name }).count(), name).toBe(1);
  await expectAccessible(page, `welcome (${r.lang}, phone)`);
  await screenshot(page, `${r.lang}-welcome`);
  await welcome.getByRole('button', { name: r.welcome.start }).click();
  await poll(() => welcome.count()).toBe(0);

  const sidebar = page.getByRole('navigation', { name: r.sidebar.label });
  await poll(() => sidebar.locator('a.conversation-link').count()).toBeGreaterThan(3);
  const headings = await sidebar.locator('.sidebar-group h2').allTextContents();
  expect(headings.slice(0, r.sidebar.headings.length)).toEqual(r.sidebar.headings);
  const names = await sidebar.locator('.conversation-name').allTextContents();
  expect(names).toEqual(expect.arrayContaining(r.sidebar.names));
  expect(names).not.toContain('yleinen');
  expect(await noOverflow(page)).toBeLessThanOrEqual(0);
  await expectAccessible(page, `sidebar (${r.lang}, phone)`);
  await screenshot(page, `${r.lang}-sidebar`);

  const socket = await connectAs(account.cookie);
  const { conversations } = await command<{
    conversations: { id: string; regionId: string | null }[];
  }>(socket, 'conversation:list', {});
  const region = conversations.find((c) => c.regionId === 'KS')!;
  await command(socket, 'message:send', {
    conversationId: region.id,
    clientId: crypto.randomUUID(),
    text: r.region.message,
  });
  socket.close();
  await sidebar.getByRole('link', { name: new RegExp(r.region.name) }).click();
  await poll(heading).toBe(`# ${r.region.name}`);
  expect(await page.locator('.conversation-header .topic').textContent()).toBe(r.region.topic);
  const message = page.locator('article.message', { hasText: r.region.message });
  await message.waitFor();
  expect(await page.locator('.day-divider').last().textContent()).toBe(r.region.today);
  const time = message.locator('time');
  expect(await time.textContent()).toMatch(r.region.time);
  expect(await time.getAttribute('title')).toMatch(r.region.title);
  expect(await noOverflow(page)).toBeLessThanOrEqual(0);
  await expectAccessible(page, `region channel (${r.lang}, phone)`);
  await screenshot(page, `${r.lang}-region-channel`);
  return sidebar;
}
