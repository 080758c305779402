import { describe, expect, it } from 'vitest';
import { command, createApprovedUser, joinAndVerify, withSocket } from './accounts.js';
import { DESKTOP, PHONE, baseUrl, expectAccessible, latestMail, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';

/*
 * Issue 14, items 1-3, tried as a new person would: the bell shows a mention made while they
 * were away, and opens it; a moderator working in a channel sees a new join request in the bell
 * at once; the settings page on a 360 px phone.
 */

const { openAs, newContext } = browserPerFile('notifications');

const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout });

describe('the notification centre', () => {
  it('shows a mention made while the person was away, and opens it', async () => {
    const anna = await createApprovedUser({ name: 'Anna Poissa', role: 'member' });
    const bea = await createApprovedUser({ name: 'Bea Mainitsija', role: 'member' });
    const name = `Ilmot ${Date.now().toString(36)}`;
    const { conversation } = await withSocket(bea, (s) =>
      command<{ conversation: { id: string } }>(s, 'channel:create', {
        name,
        visibility: 'private',
      }),
    );
    await withSocket(bea, (s) =>
      command(s, 'channel:invite', { conversationId: conversation.id, userIds: [anna.id] }),
    );
    // Anna is not here: no browser of hers is open.
    const { message } = await withSocket(bea, (s) =>
      command<{ message: { id: string } }>(s, 'message:send', {
        conversationId: conversation.id,
        clientId: crypto.randomUUID(),
        text: '@**Anna Poissa** ehditkö katsoa pöytäkirjan?',
      }),
    );

    // A page that stays put ('/' moves on to a channel, which would close an open panel).
    const a = await openAs(anna, '/profiili', DESKTOP);
    const bell = a.page.getByRole('button', { name: 'Ilmoitukset, 1 lukematon' });
    await poll(() => bell.count()).toBe(1);
    await bell.click();
    const panel = a.page.getByRole('region', { name: 'Ilmoitukset', exact: true });
    await poll(() => panel.isVisible()).toBe(true);
    const item = panel.getByRole('link', { name: /Bea Mainitsija mainitsi sinut/ });
    await poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain('ehditkö katsoa pöytäkirjan?');
    await expectAccessible(a.page, 'notification panel');
    await screenshot(a.page, 'notifications-panel');
    await item.click();
    await poll(() => new URL(a.page.url()).pathname).toBe(`/c/${conversation.id}/m/${message.id}`);
    // Read: the count is gone, in this tab and in another.
    await poll(() =>
      a.page.getByRole('button', { name: /^Ilmoitukset, 0 lukematonta$/ }).count(),
    ).toBe(1);
    const other = await openAs(anna, '/huomiot', PHONE);
    await poll(() => other.page.locator('.notifications-page .notification').count()).toBe(1);
    expect(await other.page.locator('.notifications-page .notification.unread').count()).toBe(0);
    await expectAccessible(other.page, 'notifications page on a phone');
    await screenshot(other.page, 'notifications-page-phone');
    for (const c of [a, other]) await c.context.close();
  }, 300_000);

  it('a moderator working in a channel sees a new join request in the bell at once', async () => {
    const mod = await createApprovedUser({ name: 'Maija Valvoja', role: 'moderator' });
    const { conversation } = await withSocket(mod, (s) =>
      command<{ conversation: { id: string } }>(s, 'channel:create', {
        name: `Valvonta ${Date.now().toString(36)}`,
        visibility: 'private',
      }),
    );
    const m = await openAs(mod, `/c/${conversation.id}`, DESKTOP);
    await poll(() => m.page.locator('.timeline-pane').count()).toBe(1);
    await joinAndVerify({ name: 'Uusi Hakija' });
    const panelItem = m.page.locator('.notification-panel .notification', {
      hasText: 'Uusi liittymispyyntö',
    });
    const bell = m.page.locator('.bell-button');
    // The request's verification mail, its link and the staff fan-out run on a CI machine that
    // may be busy: the same wait as the join walk's own steps, not a test's default.
    await poll(() => m.page.locator('.bell-count').count(), 60_000).toBe(1);
    await bell.click();
    await poll(() => panelItem.count()).toBeGreaterThanOrEqual(1);
    // Still in the channel: nothing navigated away.
    expect(new URL(m.page.url()).pathname).toBe(`/c/${conversation.id}`);
    await expectAccessible(m.page, 'join request in the bell');
    await screenshot(m.page, 'notifications-join-request');
    await panelItem.first().getByRole('link').click();
    await poll(() => new URL(m.page.url()).pathname).toBe('/moderointi');
    await m.context.close();
  }, 300_000);

  it('the settings page fits a 360 px phone and saves', async () => {
    const anna = await createApprovedUser({ name: 'Anna Asetukset', role: 'member' });
    const p = await openAs(anna, '/profiili', PHONE);
    await p.page.getByRole('link', { name: 'Ilmoitusasetukset' }).click();
    await poll(() => new URL(p.page.url()).pathname).toBe('/asetukset/ilmoitukset');
    const digest = p.page.getByLabel('Koosteen kellonaika');
    await poll(() => digest.count()).toBe(1);
    expect(await digest.inputValue()).toBe('19');
    expect(await p.page.getByLabel('Aikavyöhyke').inputValue()).toBe('Europe/Helsinki');
    const overflow = await p.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(p.page, 'notification settings on a phone');
    await screenshot(p.page, 'notifications-settings-phone');
    await digest.selectOption('20');
    await p.page.getByRole('button', { name: 'Tallenna' }).click();
    await poll(() => p.page.getByText('Tallennettu.').count()).toBe(1);
    await p.page.reload();
    await poll(() => p.page.getByLabel('Koosteen kellonaika').inputValue()).toBe('20');
    await p.page.screenshot({
      path: (await screenshot(p.page, 'notifications-settings-phone-full')).replace(
        /\.png$/,
        '-fullpage.png',
      ),
      fullPage: true,
    });
    await p.context.close();
  }, 300_000);
});

describe('notification mail', () => {
  it('a DM while away comes by mail; its link stops that mail, signed out, on a phone', async () => {
    const anna = await createApprovedUser({ name: 'Anna Postissa', role: 'member' });
    const bea = await createApprovedUser({ name: 'Bea Kirjoittaa', role: 'member' });
    // Anna chooses mail as it happens (batched) and no quiet hours, then leaves.
    await withSocket(anna, async (s) => {
      const { prefs } = await command<{ prefs: Record<string, any> }>(s, 'notification:prefs', {});
      prefs.email.frequency = 'batched';
      prefs.quietHours.enabled = false;
      await command(s, 'notification:setPrefs', { prefs });
    });
    const words = `Ehditkö huomenna? ${Date.now().toString(36)}`;
    await withSocket(bea, async (s) => {
      const { conversation } = await command<{ conversation: { id: string } }>(s, 'dm:open', {
        userIds: [anna.id],
      });
      await command(s, 'message:send', {
        conversationId: conversation.id,
        clientId: crypto.randomUUID(),
        text: words,
      });
    });
    const mailed = () => {
      try {
        return latestMail(new RegExp(words.replace(/[?.]/g, '\\$&')));
      } catch {
        return null;
      }
    };
    await poll(() => mailed() !== null, 90_000).toBe(true);
    const { text } = mailed()!;
    expect(text).toContain('Yksityisviesti henkilöltä Bea Kirjoittaa');
    const link = /https?:\/\/\S+\/sahkoposti\/peru#token=\S+/.exec(text)?.[0];
    expect(link).toBeDefined();

    // Opened from the mail on a phone, not signed in: it asks first, then stops that mail.
    const context = await newContext(PHONE);
    const page = await context.newPage();
    await page.goto(link!.replace(/^https?:\/\/[^/]+/, baseUrl()));
    const stop = page.getByRole('button', { name: 'Lopeta nämä sähköpostit' });
    await poll(() => stop.count()).toBe(1);
    expect(await page.getByText('Haluatko lopettaa sähköpostit: Yksityisviestit?').count()).toBe(1);
    await expectAccessible(page, 'unsubscribe page on a phone');
    await screenshot(page, 'unsubscribe-phone');
    await stop.click();
    await poll(() => page.getByRole('status').textContent()).toContain('Et saa enää sähköpostia');
    expect(new URL(page.url()).hash).toBe('');
    await screenshot(page, 'unsubscribe-done-phone');
    const after = await withSocket(anna, (s) =>
      command<{ prefs: { kinds: Record<string, { email: boolean }> } }>(
        s,
        'notification:prefs',
        {},
      ),
    );
    expect(after.prefs.kinds.dm!.email).toBe(false);
    expect(after.prefs.kinds.mention!.email).toBe(true);
    await context.close();
  }, 300_000);
});
