import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';

const { newContext } = browserPerFile();

describe('app shell in a real browser', () => {
  it('opens in Finnish, and switches to Swedish and English', async () => {
    const context = await newContext(DESKTOP);
    const page = await context.newPage();
    await page.goto('/');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Tervetuloa Yhteistyötilaan');
    expect(await page.getAttribute('html', 'lang')).toBe('fi');
    // A visitor has no socket, so no connection state (first-load.e2e.ts).
    expect(await page.locator('.connection').count()).toBe(0);
    await expectAccessible(page, 'landing (fi)');
    await screenshot(page, 'shell-fi-desktop');

    await page.getByLabel('Kieli').selectOption('sv');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Välkommen till Yhteistyötila');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await expectAccessible(page, 'landing (sv)');

    await page.getByLabel('Språk').selectOption('en');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Welcome to Yhteistyötila');

    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Welcome to Yhteistyötila');
    await context.close();
  });

  it('fits a 360 px phone and has a working skip link', async () => {
    const context = await newContext(PHONE);
    const page = await context.newPage();
    await page.goto('/');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Tervetuloa Yhteistyötilaan');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Siirry sisältöön');
    await expectAccessible(page, 'landing phone');
    await screenshot(page, 'shell-fi-phone');
    await context.close();
  });

  it('shows a translated not-found page and moves focus to its heading on navigation', async () => {
    const context = await newContext(DESKTOP);
    const page = await context.newPage();
    await page.goto('/ei-ole');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sivua ei löytynyt');
    await page.getByRole('link', { name: 'Etusivulle' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await context.close();
  });
});
