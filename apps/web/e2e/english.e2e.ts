import { describe, expect, it } from 'vitest';
import { command, connectAs, createApprovedUser, signInContext } from './accounts.js';
import { PHONE, expectAccessible, latestMail, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';

/*
 * Tried as an English-speaking newcomer would: a phone whose browser speaks British English, a
 * member from Jyväskylä (Keski-Suomi, "Central Finland"). The public pages, the error page, the
 * welcome, the sidebar, their region, dates (day first, 24-hour time) and the profile are in
 * English, and every page's footer links to the accessibility statement.
 */
const { newContext } = browserPerFile();

const poll = <T>(fn: () => Promise<T>, timeout = 10_000) => expect.poll(fn, { timeout });
const FINNISH =
  /\b(Kirjaudu|Liity|Tietosuojaseloste|Saavutettavuusseloste|yleinen|Alueet|Yleiset|eilen|tänään|klo)\b/;

describe('in English on a 360 px phone', () => {
  it('starts in English and keeps what a newcomer reads in English', async () => {
    const context = await newContext(PHONE, 'en-GB');
    const page = await context.newPage();
    const heading = () => page.locator('h1').first().textContent();
    const noOverflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const footerLink = () =>
      page.locator('footer').getByRole('link', { name: 'Accessibility statement' }).count();
    const body = () => page.locator('body').innerText();

    // 1. Public pages, each with the statement in its footer.
    const publicPages: [path: string, title: string, shot: string][] = [
      ['/', 'Welcome to Yhteistyötila', 'en-01-landing'],
      ['/liity', 'Join Yhteistyötila', 'en-02-join'],
      ['/tietosuoja', 'Privacy statement', 'en-03-privacy'],
      ['/kirjaudu', 'Sign in', 'en-04-sign-in'],
      ['/ei-tallaista-sivua', 'Page not found', 'en-05-not-found'],
    ];
    for (const [path, title, shot] of publicPages) {
      await page.goto(path);
      await poll(heading).toBe(title);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await footerLink(), path).toBe(1);
      expect(await body(), path).not.toMatch(FINNISH);
      expect(await noOverflow(), path).toBeLessThanOrEqual(0);
      await expectAccessible(page, `${path} (en, phone)`);
      await screenshot(page, shot);
    }

    // 2. A member from Jyväskylä who joined in English: English mails, an English welcome.
    const ellen = await createApprovedUser({
      name: 'Ellen English',
      language: 'en',
      municipalityCode: '179',
      keepWelcome: true,
    });
    expect(latestMail(/Hello Ellen English,/).text).toMatch(
      /your request to join has been approved/,
    );
    await signInContext(context, ellen);
    await page.goto('/c');
    const welcome = page.getByRole('dialog', { name: 'Welcome to Yhteistyötila!' });
    await welcome.waitFor();
    expect(await welcome.getByRole('link', { name: '#Central Finland' }).count()).toBe(1);
    expect(await welcome.getByRole('link', { name: '#ask an expert' }).count()).toBe(1);
    expect(await welcome.getByRole('link', { name: 'Good practices' }).count()).toBe(1);
    await expectAccessible(page, 'welcome (en, phone)');
    await screenshot(page, 'en-06-welcome');
    await welcome.getByRole('button', { name: "Got it, let's start" }).click();
    await poll(() => welcome.count()).toBe(0);

    // 3. The sidebar in English.
    const sidebar = page.getByRole('navigation', { name: 'Conversations' });
    await poll(() => sidebar.locator('a.conversation-link').count()).toBeGreaterThan(3);
    const headings = await sidebar.locator('.sidebar-group h2').allTextContents();
    expect(headings.slice(0, 2)).toEqual(['General', 'Regions']);
    const names = await sidebar.locator('.conversation-name').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['general', 'ask an expert', 'Central Finland']));
    expect(names).not.toContain('yleinen');
    await screenshot(page, 'en-07-sidebar');

    // 4. The region's channel with a message: day first and 24-hour time.
    const socket = await connectAs(ellen.cookie);
    const { conversations } = await command<{
      conversations: { id: string; regionId: string | null }[];
    }>(socket, 'conversation:list', {});
    const region = conversations.find((c) => c.regionId === 'KS')!;
    await command(socket, 'message:send', {
      conversationId: region.id,
      clientId: crypto.randomUUID(),
      text: 'Hello Central Finland!',
    });
    socket.close();
    await sidebar.getByRole('link', { name: /Central Finland/ }).click();
    await poll(heading).toBe('# Central Finland');
    const message = page.locator('article.message', { hasText: 'Hello Central Finland' });
    await message.waitFor();
    expect(await page.locator('.day-divider').last().textContent()).toBe('Today');
    const time = message.locator('time');
    expect(await time.textContent()).toMatch(/^\d{2}:\d{2}$/);
    expect(await time.getAttribute('title')).toMatch(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}$/);
    expect(await noOverflow()).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'region channel (en, phone)');
    await screenshot(page, 'en-08-region-channel');

    // 5. The profile: introduction, association, language and time zone; the welcome is gone.
    await page.goto('/profiili');
    for (const label of ['Introduction', 'Association', 'Language', 'Time zone'])
      expect(await page.getByLabel(label, { exact: false }).count(), label).toBeGreaterThan(0);
    expect(await body()).not.toMatch(FINNISH);
    await expectAccessible(page, 'profile (en, phone)');
    await screenshot(page, 'en-09-profile');
    await page.goto('/c');
    await sidebar.waitFor();
    expect(await welcome.count()).toBe(0);
    await context.close();
  });
});
