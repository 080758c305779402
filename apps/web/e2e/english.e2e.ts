import { describe, expect, it } from 'vitest';
import { createApprovedUser, signInContext } from './accounts.js';
import { PHONE, expectAccessible, latestMail, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';
import { walkFirstDay } from './reader-walk.js';

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
    // 3-4. The welcome, the sidebar and their region's channel: English names, "Today", the
    //      date day first and 24-hour time ("14:59", "30/11/2026, 14:59"), never AM/PM.
    const sidebar = await walkFirstDay(page, ellen, {
      lang: 'en',
      welcome: {
        title: 'Welcome to Yhteistyötila!',
        region: 'Central Finland',
        experts: 'ask an expert',
        library: 'Good practices',
        start: "Got it, let's start",
      },
      sidebar: {
        label: 'Conversations',
        headings: ['General', 'Regions'],
        names: ['general', 'ask an expert', 'Central Finland'],
      },
      region: {
        name: 'Central Finland',
        topic: 'Wellbeing services county of Central Finland',
        message: 'Hello Central Finland!',
        today: 'Today',
        time: /^\d{2}:\d{2}$/,
        title: /^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}$/,
      },
    });

    // 5. The profile: introduction, association, language and time zone; the welcome is gone.
    await page.goto('/profiili');
    for (const label of ['Introduction', 'Association', 'Language', 'Time zone'])
      await poll(() => page.getByLabel(label, { exact: false }).count()).toBeGreaterThan(0);
    expect(await body()).not.toMatch(FINNISH);
    await expectAccessible(page, 'profile (en, phone)');
    await screenshot(page, 'en-09-profile');
    // The welcome, once closed, stays closed.
    await page.goto('/c');
    await sidebar.waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await context.close();
  });
});
