import { describe, expect, it } from 'vitest';
import { command, connectAs, createApprovedUser } from './accounts.js';
import { PHONE, expectAccessible, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';

/*
 * Issue 11, item 3 (the ladder's mute), tried as people would: a moderator opens a member from
 * the channel's members panel and mutes them there for 24 hours with a reason; the member, on a
 * phone with the channel open, sees in the composer that they are muted and until when, and a
 * message they still send is refused with that reason.
 */

const { openAs } = browserPerFile();

const poll = <T>(fn: () => T | Promise<T>, timeout = 10_000) => expect.poll(fn, { timeout });

describe('the moderation ladder in the browser', () => {
  it('a moderator mutes a member in a channel; the member’s composer says so and sending is refused', async () => {
    const mona = await createApprovedUser({ name: 'Mona Moderoija', role: 'moderator' });
    const maija = await createApprovedUser({ name: 'Maija Mykistetty', role: 'member' });
    const name = `Hiljaiset ${Date.now().toString(36)}`;
    const socket = await connectAs(mona.cookie);
    let id: string;
    try {
      id = (
        await command<{ conversation: { id: string } }>(socket, 'channel:create', {
          name,
          visibility: 'public',
        })
      ).conversation.id;
    } finally {
      socket.close();
    }
    const own = await connectAs(maija.cookie);
    try {
      await command(own, 'channel:join', { conversationId: id });
    } finally {
      own.close();
    }

    // Maija has the channel open on her phone before anything happens.
    const member = await openAs(maija, `/c/${id}`, PHONE);
    const composer = member.page.locator('.timeline-pane').getByRole('combobox');
    await poll(() => composer.count()).toBe(1);

    // Mona opens Maija from the members panel and mutes her here for 24 hours.
    const mod = await openAs(mona, `/c/${id}`);
    await mod.page.getByRole('button', { name: /jäsen/ }).click();
    await mod.page.getByRole('link', { name: `Moderoi ${maija.name}` }).click();
    await poll(() => mod.page.locator('.person-moderation h2').textContent()).toBe(
      `Moderointi: ${maija.name}`,
    );
    await mod.page.getByRole('button', { name: 'Hiljennä kanavalla' }).click();
    const dialog = mod.page.getByRole('dialog', { name: 'Hiljennä kanavalla' });
    await dialog.getByLabel('Kanava').selectOption({ label: `#${name}` });
    await dialog.getByLabel('24 tuntia').check();
    await dialog.getByLabel('Peruste (pakollinen)').fill('Toistuvaa kiusaamista kanavalla');
    await expectAccessible(mod.page, 'mute dialog');
    await dialog.getByRole('button', { name: 'Hiljennä', exact: true }).click();
    await poll(() =>
      mod.page.locator('.person-moderation .ladder-list').first().textContent(),
    ).toContain(`#${name}`);
    await expectAccessible(mod.page, 'person moderation');
    await screenshot(mod.page, 'moderation-person-desktop');

    // Live, without a reload: Maija's composer says she is muted and until when, with the reason.
    const notice = member.page.locator('.muted-notice');
    await poll(() => notice.textContent()).toContain('hiljentänyt sinut tällä kanavalla');
    await poll(() => notice.textContent()).toContain('Toistuvaa kiusaamista kanavalla');
    // The end: 24 hours from now, in her language's date format and her time zone (Helsinki,
    // not the test runner's: near midnight UTC the two name different days).
    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('fi', {
      day: 'numeric',
      month: 'numeric',
      timeZone: 'Europe/Helsinki',
    });
    await poll(() => notice.textContent()).toContain(tomorrow);

    // She writes anyway: the server refuses, and the message stays with the reason.
    await composer.fill('Minä kirjoitan silti');
    await composer.press('Enter');
    const failed = member.page.locator('.timeline-pane', { hasText: 'Viestiä ei lähetetty.' });
    await poll(() => failed.count()).toBe(1);
    await poll(() => member.page.locator('.timeline-pane').textContent()).toContain(
      'Moderaattori on hiljentänyt sinut tällä kanavalla',
    );
    await expectAccessible(member.page, 'muted composer (phone)');
    const shot = await screenshot(member.page, 'moderation-muted-phone');
    expect(shot).toMatch(/\.png$/);

    // At 360 px the moderator's page fits as well.
    await mod.page.setViewportSize(PHONE);
    await expectAccessible(mod.page, 'person moderation (phone)');
    await screenshot(mod.page, 'moderation-person-phone');

    await member.context.close();
    await mod.context.close();
  });
});
