import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { command, createApprovedUser, withSocket } from './accounts.js';
import { PHONE, expectAccessible, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';

/*
 * Issue 11, item 4, as a person would do it: Bea blocks Kalle from the members panel, sees his
 * channel message folded and opens it; Kalle's DM to her is refused with a plain sentence.
 */

const { openAs } = browserPerFile('blocks');

const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout });
const composer = (page: Page) => page.locator('.timeline-pane').getByRole('combobox');

describe('blocking a person', () => {
  it('folds their channel messages for the blocker only and refuses their DM', async () => {
    const bea = await createApprovedUser({ name: 'Bea Estäjä', role: 'member' });
    const kalle = await createApprovedUser({ name: 'Kalle Estetty', role: 'member' });
    const olli = await createApprovedUser({ name: 'Olli Sivullinen', role: 'member' });
    const channel = await withSocket(bea, (s) =>
      command<{ conversation: { id: string } }>(s, 'channel:create', {
        name: `Estot ${Date.now().toString(36)}`,
        visibility: 'private',
      }),
    );
    const id = channel.conversation.id;
    await withSocket(bea, (s) =>
      command(s, 'channel:invite', { conversationId: id, userIds: [kalle.id, olli.id] }),
    );
    const dm = await withSocket(kalle, (s) =>
      command<{ conversation: { id: string } }>(s, 'dm:open', { userIds: [bea.id] }),
    );
    await withSocket(kalle, (s) =>
      command(s, 'message:send', {
        conversationId: id,
        clientId: crypto.randomUUID(),
        text: 'Kallen kanavaviesti',
      }),
    );

    // Bea blocks Kalle from the members panel, after the confirmation.
    const b = await openAs(bea, `/c/${id}`);
    await poll(() => b.page.getByText('Kallen kanavaviesti').count()).toBe(1);
    await b.page.getByRole('button', { name: '3 jäsentä' }).click();
    await b.page.getByRole('button', { name: 'Estä Kalle Estetty' }).click();
    const dialog = b.page.getByRole('dialog', { name: 'Estetäänkö Kalle Estetty?' });
    await poll(() => dialog.isVisible()).toBe(true);
    await expectAccessible(b.page, 'block confirmation');
    await screenshot(b.page, 'blocks-confirm');
    await dialog.getByRole('button', { name: 'Estä', exact: true }).click();
    await poll(() =>
      b.page.getByRole('button', { name: 'Poista esto Kalle Estetty' }).count(),
    ).toBe(1);

    // Folded for Bea: neither his name nor his text shows until she opens it.
    const fold = b.page.getByRole('button', { name: /Viesti henkilöltä, jonka olet estänyt/ });
    await poll(() => fold.count()).toBe(1);
    expect(await b.page.getByText('Kallen kanavaviesti').count()).toBe(0);
    await expectAccessible(b.page, 'folded message');
    // A message after the block is folded too (live).
    await withSocket(kalle, (s) =>
      command(s, 'message:send', {
        conversationId: id,
        clientId: crypto.randomUUID(),
        text: 'Toinen',
      }),
    );
    await poll(() => fold.count()).toBe(2);
    await fold.first().focus();
    await b.page.keyboard.press('Enter');
    await poll(() => b.page.getByText('Kallen kanavaviesti').count()).toBe(1);

    // Olli, who blocked nobody, sees both normally.
    const o = await openAs(olli, `/c/${id}`);
    await poll(() => o.page.getByText('Kallen kanavaviesti').count()).toBe(1);
    expect(await o.page.getByText(/jonka olet estänyt/).count()).toBe(0);

    // Kalle's DM to Bea is refused, in plain words.
    const k = await openAs(kalle, `/c/${dm.conversation.id}`);
    await composer(k.page).fill('Miksi et vastaa?');
    await composer(k.page).press('Enter');
    await poll(() => k.page.getByText('Tämä henkilö ei ota vastaan viestejäsi.').count()).toBe(1);
    await expectAccessible(k.page, 'refused DM');
    await screenshot(k.page, 'blocks-dm-refused');

    // Bea's side of the DM: no composer, a notice with the way back.
    await b.page.goto(`/c/${dm.conversation.id}`);
    await poll(() => b.page.getByText(/Olet estänyt henkilön Kalle Estetty/).count()).toBe(1);
    expect(await composer(b.page).count()).toBe(0);

    // On a phone: the folded channel and the block list on the profile page.
    const phone = await openAs(bea, `/c/${id}`, PHONE);
    await poll(() => phone.page.getByText(/jonka olet estänyt/).count()).toBe(2);
    await expectAccessible(phone.page, 'folded channel on a phone');
    await screenshot(phone.page, 'blocks-channel-phone');
    await phone.page.goto('/profiili');
    const list = phone.page.locator('.blocked-list');
    await poll(() => list.getByRole('listitem').count()).toBe(1);
    expect(await list.getByRole('listitem').textContent()).toContain('Kalle Estetty');
    await expectAccessible(phone.page, 'block list on a phone');
    await screenshot(phone.page, 'blocks-profile-phone');
    await list.getByRole('button', { name: 'Poista esto Kalle Estetty' }).click();
    await poll(() => phone.page.getByText('Et ole estänyt ketään.').count()).toBe(1);

    for (const c of [b, o, k, phone]) await c.context.close();
  }, 300_000);
});
