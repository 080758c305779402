import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createApprovedUser, firstAdmin } from './accounts.js';
import { PHONE, expectAccessible, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';

/*
 * Issue 11, items 1 and 3 on the people page as a moderator uses it, beyond the role change of
 * people.e2e.ts: the filters other than the role (county, municipality, status, expert), a guest
 * expert's end date extended and ended, a note from a template read by a Swedish member in
 * Swedish, and a suspension with its reason that ends the member's open tab at once.
 */

const { openAs } = browserPerFile('people-walk');

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });
const heading = (page: Page) => page.locator('h1').first().textContent();

describe('the people page, walked by a moderator', () => {
  it('filters, a guest expert’s time, a note from a template, and a suspension', async () => {
    const stamp = Date.now().toString(36);
    const mod = await createApprovedUser({ name: `Maija Valvoja ${stamp}`, role: 'moderator' });
    const tampere = await createApprovedUser({
      name: `Tuula Tampere ${stamp}`,
      municipalityCode: '837',
    });
    const sven = await createApprovedUser({
      name: `Sven Svensson ${stamp}`,
      municipalityCode: '049',
      language: 'sv',
    });
    const guest = await createApprovedUser({ name: `Gunnel Vieras ${stamp}`, role: 'guest' });
    const expert = await createApprovedUser({ name: `Eero Asiantuntija ${stamp}`, role: 'expert' });

    const m = await openAs(mod, '/ihmiset');
    await poll(() => heading(m.page)).toBe('Ihmiset');
    const results = m.page.getByRole('list', { name: 'Hakutulokset' });
    const names = () => results.getByRole('link').allTextContents();
    await m.page.getByRole('searchbox', { name: 'Nimi' }).fill(stamp);
    await poll(async () => (await names()).length).toBe(5);

    // County Pirkanmaa: Tuula only; then back to all counties, Espoo as municipality: Sven.
    const county = m.page.getByRole('combobox', { name: 'Hyvinvointialue' });
    const pirkanmaa = await county
      .locator('option')
      .filter({ hasText: 'Pirkanmaa' })
      .getAttribute('value');
    await county.selectOption(pirkanmaa!);
    await poll(() => names()).toEqual([expect.stringContaining(tampere.name)]);
    await county.selectOption('');
    await m.page.getByRole('combobox', { name: 'Kunta' }).selectOption('049');
    await poll(() => names()).toEqual([expect.stringContaining(sven.name)]);
    await m.page.getByRole('combobox', { name: 'Kunta' }).selectOption('');
    // Experts: the member holding the capability and the guest expert.
    await m.page.getByRole('combobox', { name: 'Asiantuntija' }).selectOption('yes');
    await poll(async () => (await names()).sort()).toEqual(
      [expect.stringContaining(expert.name), expect.stringContaining(guest.name)].sort(),
    );
    await m.page.getByRole('combobox', { name: 'Asiantuntija' }).selectOption('');
    await m.page.getByRole('combobox', { name: 'Rooli' }).selectOption('guest');
    await poll(() => names()).toEqual([expect.stringContaining(guest.name)]);
    await expectAccessible(m.page, 'people filters');
    await screenshot(m.page, 'walk-01-filters');

    // The guest expert's page: extend the end date, then end the time now.
    await results.getByRole('link').first().click();
    await poll(() => heading(m.page)).toBe(guest.name);
    const until = m.page.getByLabel('Käyttöoikeus päättyy');
    const later = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await until.fill(later);
    await m.page.getByRole('button', { name: 'Tallenna päättymispäivä' }).click();
    await poll(() => m.page.getByRole('status').allTextContents()).toContainEqual(
      expect.stringContaining('päättymispäivä tallennettu'),
    );
    await screenshot(m.page, 'walk-02-guest-extended');
    await m.page.getByRole('button', { name: 'Päätä käyttöoikeus nyt' }).click();
    await m.page
      .getByRole('button', { name: `Vahvista: päätä henkilön ${guest.name} käyttöoikeus nyt` })
      .click();
    await poll(() => m.page.getByRole('status').allTextContents()).toContainEqual(
      expect.stringContaining('päättymispäivä tallennettu'),
    );
    await expectAccessible(m.page, 'guest ended');
    await screenshot(m.page, 'walk-03-guest-ended');

    // Sven, on a phone in Swedish, gets a note from a template.
    const s = await openAs(sven, '/', PHONE);
    await poll(() => s.page.locator('html').getAttribute('lang')).toBe('sv');
    await m.page.goto('/ihmiset');
    await m.page.getByRole('searchbox', { name: 'Nimi' }).fill(sven.name);
    await poll(async () => (await names()).length).toBe(1);
    await results.getByRole('link').first().click();
    await poll(() => heading(m.page)).toBe(sven.name);
    expect(await m.page.getByRole('link', { name: sven.email }).count()).toBe(1);
    await m.page.getByRole('button', { name: 'Lähetä huomautus' }).click();
    const dialog = m.page.getByRole('dialog');
    await dialog.getByLabel('Pohja').selectOption('childData');
    await dialog.getByLabel(/^Peruste/).fill('Lapsen nimi viestissä');
    await expectAccessible(m.page, 'note dialog');
    await screenshot(m.page, 'walk-04-note-dialog');
    await dialog.getByRole('button', { name: 'Lähetä', exact: true }).click();
    await poll(() => dialog.count()).toBe(0);
    await s.page.goto('/moderaattoreilta');
    await poll(() => s.page.locator('main').textContent()).toContain(
      'uppgifter som gör att ett barn kan identifieras',
    );
    await expectAccessible(s.page, 'notes on a phone, Swedish');
    await screenshot(s.page, 'walk-05-note-sv-phone');

    // A suspension with its reason: Sven's open tab is signed out at once.
    await m.page.getByRole('button', { name: 'Jäädytä tili' }).click();
    await m.page.getByRole('textbox', { name: /^Syy/ }).fill('Toistuvat häirintäviestit');
    await m.page.getByRole('button', { name: 'Jäädytä', exact: true }).click();
    await poll(() => m.page.locator('.person-facts').textContent()).toContain(
      'Toistuvat häirintäviestit',
    );
    await screenshot(m.page, 'walk-06-suspended');
    await poll(() => s.page.url()).toMatch(/\/logga-in|\/kirjaudu|\/sign-in|\/login/);
    await screenshot(s.page, 'walk-07-suspended-member-phone');
    await m.page.getByRole('button', { name: 'Poista jäädytys' }).click();
    await m.page.getByRole('textbox', { name: /^Syy/ }).fill('Keskusteltu, jatketaan');
    await m.page.getByRole('button', { name: 'Poista jäädytys' }).last().click();
    await poll(() => m.page.locator('.person-facts').textContent()).toContain('Käytössä');

    // An admin's page offers the moderator no step the server would refuse: no expert
    // capability, no note, warning or mute (staff are acted on by admins only).
    const admin = await firstAdmin();
    await m.page.goto(`/ihmiset/${admin.id}`);
    await poll(() => heading(m.page)).toBe(admin.name);
    await poll(() =>
      m.page.getByRole('heading', { name: 'Aiemmat huomautukset ja varoitukset' }).count(),
    ).toBe(1);
    for (const name of [
      'Anna asiantuntijuus',
      'Lähetä huomautus',
      'Anna varoitus',
      'Hiljennä kanavalla',
      'Jäädytä tili',
    ])
      expect([name, await m.page.getByRole('button', { name }).count()]).toEqual([name, 0]);
    await expectAccessible(m.page, "an admin's page seen by a moderator");
    await screenshot(m.page, 'walk-08-admin-seen-by-moderator');
  }, 300_000);
});
