import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiCall, command, createApprovedUser, withSocket } from './accounts.js';
import { PHONE, expectAccessible, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';

/*
 * Issue 9, items 14 and 15, with the screens open while things change (no reloads): the
 * header's member count and the members panel's stay one number; a DM whose other person
 * erases their account turns into "Poistettu käyttäjä" with a composer that says why it is shut.
 */

const { openAs } = browserPerFile();

const poll = <T>(fn: () => T | Promise<T>, timeout = 10_000) => expect.poll(fn, { timeout });

/** The header's count (the members button's visible label) and the open panel's title. */
const headerCount = (page: Page) =>
  page.locator('.conversation-header .conversation-tools .tool-label').first().textContent();
const panelTitle = (page: Page) => page.locator('.members-panel h2').textContent();

describe('member counts and deleted accounts, live', () => {
  it('keeps the header and the members panel at one number while people are invited and leave', async () => {
    // One after another: the first one also sets up the first admin (a single-use link).
    const maija = await createApprovedUser({ name: 'Maija Määrä', role: 'member' });
    const pekka = await createApprovedUser({ name: 'Pekka Paneeli', role: 'member' });
    const liisa = await createApprovedUser({ name: 'Liisa Lähtijä', role: 'member' });
    const channel = await withSocket(maija, (s) =>
      command<{ conversation: { id: string } }>(s, 'channel:create', {
        name: `Laskijat ${Date.now().toString(36)}`,
        visibility: 'private',
      }),
    );
    const id = channel.conversation.id;

    // Maija has the channel open with its members panel; Pekka has the app open elsewhere.
    const m = await openAs(maija, `/c/${id}`);
    await m.page.getByRole('button', { name: '1 jäsen' }).click();
    await poll(() => panelTitle(m.page)).toBe('Jäsenet (1)');
    const p = await openAs(pekka, '/c');
    await poll(() => p.page.locator('a.conversation-link').count()).toBeGreaterThan(0);

    // Two people invited at once (each used to count the other again on Pekka's screen).
    await withSocket(maija, (s) =>
      command(s, 'channel:invite', { conversationId: id, userIds: [pekka.id, liisa.id] }),
    );
    await p.page.locator(`a.conversation-link[data-conversation-id="${id}"]`).click();
    await p.page.getByRole('button', { name: /jäsen/ }).click();
    for (const page of [m.page, p.page]) {
      await poll(() => panelTitle(page)).toBe('Jäsenet (3)');
      await poll(() => headerCount(page)).toBe('3 jäsentä');
      await poll(() => page.locator('.members-panel .member-list li').count()).toBe(3);
    }

    await withSocket(liisa, (s) => command(s, 'channel:leave', { conversationId: id }));
    for (const page of [m.page, p.page]) {
      await poll(() => panelTitle(page)).toBe('Jäsenet (2)');
      await poll(() => headerCount(page)).toBe('2 jäsentä');
      await poll(() => page.locator('.members-panel .member-list li').count()).toBe(2);
    }
    await m.context.close();
    await p.context.close();
  });

  it('turns a DM into "Poistettu käyttäjä" with a shut composer the moment the other person deletes their account', async () => {
    const anna = await createApprovedUser({ name: 'Anna Avoin', role: 'member' });
    const ville = await createApprovedUser({ name: 'Ville Poistuja', role: 'member' });
    const dm = await withSocket(anna, (s) =>
      command<{ conversation: { id: string } }>(s, 'dm:open', { userIds: [ville.id] }),
    );
    const id = dm.conversation.id;
    await withSocket(ville, (s) =>
      command(s, 'message:send', {
        conversationId: id,
        clientId: crypto.randomUUID(),
        text: 'Hei Anna, tässä Ville',
      }),
    );

    const { context, page } = await openAs(anna, `/c/${id}`, PHONE);
    await poll(() => page.locator('h1').textContent()).toBe(ville.name);
    const message = page.locator('.timeline-pane article.message', { hasText: 'tässä Ville' });
    await poll(() => message.textContent()).toContain(ville.name);
    await poll(() => page.locator('.timeline-pane').getByRole('combobox').count()).toBe(1);

    const res = await apiCall('POST', '/me/delete', {
      cookie: ville.cookie,
      body: { password: ville.password, mode: 'keep-as-deleted-user' },
    });
    expect(res.status).toBe(204);

    await poll(() => page.locator('h1').textContent()).toBe('Poistettu käyttäjä');
    await poll(() => page.locator('.timeline-pane').getByRole('combobox').count()).toBe(0);
    await poll(() =>
      page.getByRole('status').filter({ hasText: 'poistanut tilinsä' }).count(),
    ).toBe(1);
    expect(
      await page.getByRole('status').filter({ hasText: 'poistanut tilinsä' }).textContent(),
    ).toBe('Tämä henkilö on poistanut tilinsä, joten et voi vastata.');
    // The name is gone from what was already on screen, too.
    await poll(() => message.textContent()).toContain('Poistettu käyttäjä');
    expect(await message.textContent()).not.toContain(ville.name);
    await poll(() => page.getByRole('button', { name: '2 jäsentä' }).count()).toBe(1);
    await expectAccessible(page, 'DM with a deleted account');
    await screenshot(page, 'dm-deleted-account-phone');
    await context.close();
  });
});
