import { describe, expect, it } from 'vitest';
import { command, connectAs, createApprovedUser } from './accounts.js';
import { PHONE, expectAccessible, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';

/*
 * Issue 11, items 5 and 6, as a moderator does them: change a channel's settings and archive it
 * with a reason while a member watches the channel; then open the audit log, filter it, and
 * download the CSV, in which the reason's formula arrives as text.
 */

const { openAs } = browserPerFile();

const poll = <T>(fn: () => T | Promise<T>, timeout = 10_000) => expect.poll(fn, { timeout });

describe('channel settings and the audit log', () => {
  it('a moderator edits and archives a channel live, then finds, filters and exports it in the log', async () => {
    const mona = await createApprovedUser({ name: 'Mona Moderaattori', role: 'moderator' });
    const maija = await createApprovedUser({ name: 'Maija Jäsen', role: 'member' });
    const channelName = `Kuntakanava ${Date.now().toString(36)}`;
    const monaSocket = await connectAs(mona.cookie);
    const maijaSocket = await connectAs(maija.cookie);
    let channelId: string;
    try {
      ({
        conversation: { id: channelId },
      } = await command<{ conversation: { id: string } }>(monaSocket, 'channel:create', {
        name: channelName,
        visibility: 'public',
      }));
      await command(maijaSocket, 'channel:join', { conversationId: channelId });
    } finally {
      monaSocket.close();
      maijaSocket.close();
    }

    const member = await openAs(maija, `/c/${channelId}`);
    const mod = await openAs(mona, `/c/${channelId}`);
    const m = mod.page;
    await m.getByRole('button', { name: 'Asetukset' }).click();
    const dialog = m.getByRole('dialog');
    await dialog.getByLabel('Aihe').fill('Syksyn vanhempainillat');
    await dialog.getByLabel('Kuvaus').fill('Kunnan vanhempaintoimijoiden yhteinen kanava.');
    await dialog.getByLabel('Luokka').fill('Alueet');
    await expectAccessible(m, 'channel settings dialog');
    await screenshot(m, 'audit-01-channel-settings');
    await dialog.getByRole('button', { name: 'Tallenna muutokset' }).click();
    await dialog.getByText('Tallennettu.', { exact: false }).waitFor();
    // The member's open channel shows the new topic without a reload.
    await poll(() => member.page.locator('.conversation-title .topic').textContent()).toBe(
      'Syksyn vanhempainillat',
    );

    const formula = '=HYPERLINK("http://evil.example","klikkaa")';
    await dialog.getByLabel('Perustelu (vapaaehtoinen)').fill(`${formula} toiminta päättyi`);
    await dialog.getByRole('button', { name: 'Arkistoi kanava' }).click();
    await member.page.getByText('Tämä kanava on arkistoitu', { exact: false }).waitFor();

    // The audit log: the staff navigation leads there.
    await m.getByRole('link', { name: 'Tapahtumaloki' }).first().click();
    await m.getByRole('heading', { name: 'Tapahtumaloki', level: 1 }).waitFor();
    await m.getByLabel('Toimi').selectOption({ label: 'Kanava arkistoitu' });
    await m.getByLabel('Sanoja perusteluissa').fill('toiminta päättyi');
    await m.getByRole('button', { name: 'Näytä', exact: true }).click();
    const entries = m.getByRole('list', { name: 'Merkinnät, uusin ensin' }).getByRole('listitem');
    await poll(() => entries.count()).toBe(1);
    await expect(entries.first().textContent()).resolves.toContain(formula);
    await expect(entries.first().textContent()).resolves.toContain('Mona Moderaattori');
    await expectAccessible(m, 'audit log, filtered');
    await screenshot(m, 'audit-02-log-desktop');

    // The link carries the same filter; fetched with the page's own cookies, as the click does.
    const href = await m.getByRole('link', { name: 'Lataa CSV' }).getAttribute('href');
    expect(href).toMatch(/^\/api\/audit\/export\.csv\?.*action=channel\.archive/);
    const res = await mod.context.request.get(href!);
    expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="audit-/);
    const csv = await res.text();
    expect(csv).toContain(`"'${formula.replace(/"/g, '""')} toiminta päättyi"`);
    expect(csv).toContain('"channel.archive"');
    expect(csv).not.toContain('"channel.update"'); // the filter applies to the download too

    // The same view on a phone.
    const phone = await openAs(mona, new URL(m.url()).pathname + new URL(m.url()).search, PHONE);
    await phone.page.getByRole('heading', { name: 'Tapahtumaloki', level: 1 }).waitFor();
    await poll(() =>
      phone.page
        .getByRole('list', { name: 'Merkinnät, uusin ensin' })
        .getByRole('listitem')
        .count(),
    ).toBe(1);
    await expectAccessible(phone.page, 'audit log on a phone');
    const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone.page, 'audit-03-log-phone');

    // A member has no audit log.
    await member.page.goto('/loki');
    await member.page.getByText('Sinulla ei ole oikeutta', { exact: false }).waitFor();

    await Promise.all([member.context.close(), mod.context.close(), phone.context.close()]);
  }, 240_000);
});
