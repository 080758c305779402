import { describe, expect, it } from 'vitest';
import { command, connectAs, createApprovedUser, signInContext } from './accounts.js';
import { PHONE, expectAccessible, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';
import { walkFirstDay } from './reader-walk.js';

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

    // 2. A member from Jyväskylä signs in.
    const sara = await createApprovedUser({
      name: 'Sara Sundström',
      language: 'sv',
      municipalityCode: '179',
      keepWelcome: true,
    });
    await signInContext(context, sara);
    // 3-4. The welcome, the sidebar and their region's channel: Swedish names, "I dag", 24-hour
    //      time with a dot and the full date day first ("14.59", "30.11.2026 14.59").
    const sidebar = await walkFirstDay(page, sara, {
      lang: 'sv',
      welcome: {
        title: 'Välkommen till Yhteistyötila!',
        region: 'Mellersta Finland',
        experts: 'fråga en expert',
        // Where the good practices are: the library, not the theme channels it replaced.
        library: 'Goda exempel',
        start: 'Okej, vi börjar',
      },
      sidebar: {
        label: 'Diskussioner',
        headings: ['Allmänt', 'Regioner'],
        names: ['allmänt', 'kamratstöd', 'fråga en expert', 'Mellersta Finland'],
      },
      region: {
        name: 'Mellersta Finland',
        topic: 'Mellersta Finlands välfärdsområde',
        message: 'Hej alla i Mellersta Finland!',
        today: 'I dag',
        time: /^\d{1,2}\.\d{2}$/,
        title: /^\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}\.\d{2}$/,
      },
    });

    // 4b. Search forgives a Swedish typo, finds the inflected form, offers the dictionary's word.
    const tag = `sv${Date.now().toString(36)}`;
    const socket = await connectAs(sara.cookie);
    const { conversations } = await command<{
      conversations: { id: string; regionId: string | null }[];
    }>(socket, 'conversation:list', {});
    await command(socket, 'message:send', {
      conversationId: conversations.find((c) => c.regionId === 'KS')!.id,
      clientId: crypto.randomUUID(),
      text: `Föräldrarna träffas på tisdag ${tag}`,
    });
    socket.close();
    const hits = page.locator('.search-hits li');
    for (const q of [`förälder ${tag}`, `föräldrrna ${tag}`]) {
      await page.goto(`/haku?q=${encodeURIComponent(q)}`);
      await poll(() => hits.count()).toBe(1);
    }
    expect(await hits.locator('.search-hit-place').textContent()).toBe('#Mellersta Finland');
    expect(await page.locator('.search-did-you-mean').textContent()).toBe(
      `Menade du: föräldrarna ${tag}`,
    );
    expect(await noOverflow()).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'search (sv, phone)');
    await screenshot(page, 'sv-search');

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
