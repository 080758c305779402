import { describe, expect, it } from 'vitest';
import { command, connectAs, createApprovedUser, signInContext } from './accounts.js';
import { PHONE, expectAccessible, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';

/*
 * Tried as a Swedish-speaking parent would: a phone whose browser speaks Swedish (sv-FI), a
 * member from Jyväskylä (Keski-Suomi, "Mellersta Finland"). Everything they read is Swedish:
 * the start page, the welcome, the sidebar's headings and default channels, their region's
 * channel, dates, and the accessibility statement.
 */
const { newContext } = browserPerFile();

const poll = <T>(fn: () => Promise<T>, timeout = 10_000) => expect.poll(fn, { timeout });

describe('in Swedish on a 360 px phone', () => {
  it('starts in Swedish and keeps everything a Swedish reader sees in Swedish', async () => {
    const context = await newContext(PHONE, 'sv-FI');
    const page = await context.newPage();
    const heading = () => page.locator('h1').first().textContent();
    const noOverflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

    // 1. The browser's language decides, with nothing chosen before.
    await page.goto('/');
    await poll(heading).toBe('Välkommen till Yhteistyötila');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await screenshot(page, 'sv-01-landing');

    // 2. A member from Jyväskylä signs in: the welcome, in Swedish, names their region.
    const sara = await createApprovedUser({
      name: 'Sara Sundström',
      language: 'sv',
      municipalityCode: '179',
      keepWelcome: true,
    });
    await signInContext(context, sara);
    await page.goto('/c');
    const welcome = page.getByRole('dialog', { name: 'Välkommen till Yhteistyötila!' });
    await welcome.waitFor();
    expect(await welcome.getByRole('link', { name: '#Mellersta Finland' }).count()).toBe(1);
    expect(await welcome.getByRole('link', { name: '#fråga en expert' }).count()).toBe(1);
    // Where the good practices are: the library, not the theme channels it replaced.
    expect(await welcome.getByRole('link', { name: 'Goda exempel' }).count()).toBe(1);
    await expectAccessible(page, 'welcome (sv, phone)');
    await screenshot(page, 'sv-02-welcome');
    await welcome.getByRole('button', { name: 'Okej, vi börjar' }).click();
    await poll(() => welcome.count()).toBe(0);

    // 3. The sidebar: Swedish headings and default channel names.
    const sidebar = page.getByRole('navigation', { name: 'Diskussioner' });
    await poll(() => sidebar.locator('a.conversation-link').count()).toBeGreaterThan(3);
    const headings = await sidebar.locator('.sidebar-group h2').allTextContents();
    expect(headings.slice(0, 2)).toEqual(['Allmänt', 'Regioner']);
    const names = await sidebar.locator('.conversation-name').allTextContents();
    expect(names).toEqual(
      expect.arrayContaining(['allmänt', 'kamratstöd', 'fråga en expert', 'Mellersta Finland']),
    );
    expect(names).not.toContain('yleinen');
    expect(await noOverflow()).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'sidebar (sv, phone)');
    await screenshot(page, 'sv-03-sidebar');

    // 4. The region's channel, with a message: its name, topic and dates are Swedish.
    const socket = await connectAs(sara.cookie);
    const { conversations } = await command<{
      conversations: { id: string; regionId: string | null }[];
    }>(socket, 'conversation:list', {});
    const region = conversations.find((c) => c.regionId === 'KS')!;
    await command(socket, 'message:send', {
      conversationId: region.id,
      clientId: crypto.randomUUID(),
      text: 'Hej alla i Mellersta Finland!',
    });
    socket.close();
    await sidebar.getByRole('link', { name: /Mellersta Finland/ }).click();
    await poll(heading).toBe('# Mellersta Finland');
    expect(await page.locator('.conversation-header .topic').textContent()).toBe(
      'Mellersta Finlands välfärdsområde',
    );
    const message = page.locator('article.message', { hasText: 'Hej alla i Mellersta Finland' });
    await message.waitFor();
    expect(await page.locator('.day-divider').last().textContent()).toBe('I dag');
    const time = message.locator('time');
    // 24-hour time with a dot, and the full date day first: "14.59", "30.11.2026 14.59".
    expect(await time.textContent()).toMatch(/^\d{1,2}\.\d{2}$/);
    expect(await time.getAttribute('title')).toMatch(/^\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}\.\d{2}$/);
    expect(await noOverflow()).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'region channel (sv, phone)');
    await screenshot(page, 'sv-04-region-channel');

    // 5. The accessibility statement, linked from the sidebar's footer (the page footer steps
    //    aside in the chat), in Swedish, with its feedback form.
    await page.goto('/c');
    await sidebar.getByRole('link', { name: 'Tillgänglighetsutlåtande' }).click();
    await poll(heading).toBe('Tillgänglighetsutlåtande');
    expect(await page.getByText('uppfyller delvis', { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: 'Tillsynsmyndighet' }).count()).toBe(1);
    expect(
      await page.locator('footer').getByRole('link', { name: 'Tillgänglighetsutlåtande' }).count(),
    ).toBe(1);
    await page.getByLabel('Vad fungerade inte?').fill('Kontrasten i sidofältet är svag.');
    await page.getByRole('button', { name: 'Skicka respons' }).click();
    await poll(() =>
      page.getByText('Tack! Responsen har skickats till administratörerna.').count(),
    ).toBe(1);
    expect(await noOverflow()).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'accessibility statement (sv, phone)');
    await screenshot(page, 'sv-05-accessibility-statement');
    await context.close();
  });
});
