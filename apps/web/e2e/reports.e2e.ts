import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { command, connectAs, createApprovedUser, firstAdmin } from './accounts.js';
import { PHONE, expectAccessible, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';

/*
 * Issue 11, item 2 and the removal step of item 3, as people would do it: a member reports a
 * message from its menu, a moderator in a second browser sees the report arrive in the queue
 * without a reload and removes the message with a reason; the author, watching the channel,
 * sees "removed by a moderator" with the reason, and the reporter is told the outcome.
 */

const { openAs } = browserPerFile();

const poll = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout });

const message = (page: Page, text: string) =>
  page.locator('.timeline-pane article.message', { hasText: text });

describe('reports', () => {
  it('a member reports a message, a moderator removes it live, the author sees the reason', async () => {
    const author = await createApprovedUser({ name: 'Kalle Kirjoittaja', role: 'member' });
    const reporter = await createApprovedUser({ name: 'Iida Ilmoittaja', role: 'member' });
    const moderator = await createApprovedUser({ name: 'Mirja Moderaattori', role: 'moderator' });
    // Both members are in the seeded "yleinen" channel; the author writes there.
    const socket = await connectAs(author.cookie);
    const text = `Myyn halpoja tuotteita ${Date.now().toString(36)}`;
    let channelId: string;
    try {
      const { conversations } = await command<{
        conversations: { id: string; name: string }[];
      }>(socket, 'conversation:list', {});
      channelId = conversations.find((c) => c.name === 'yleinen')!.id;
      await command(socket, 'message:send', {
        conversationId: channelId,
        clientId: crypto.randomUUID(),
        text,
      });
    } finally {
      socket.close();
    }

    // The moderator has the queue open; the author has the channel open.
    const m = await openAs(moderator, '/ilmoitukset');
    await poll(() => m.page.locator('h1').textContent()).toBe('Sisältöilmoitukset');
    const a = await openAs(author, `/c/${channelId}`);
    await poll(() => message(a.page, text).count()).toBe(1);
    // Staff elsewhere in the app (here the admin, in the channel) hear of a new report too.
    const admin = await openAs(await firstAdmin(), `/c/${channelId}`);
    await poll(() => message(admin.page, text).count()).toBe(1);

    // The reporter, on a phone, reports the message from its menu.
    const r = await openAs(reporter, `/c/${channelId}`, PHONE);
    const reported = message(r.page, text);
    await poll(() => reported.count()).toBe(1);
    await reported.getByRole('button', { name: 'Viestin toiminnot' }).click();
    await reported.getByRole('button', { name: 'Ilmoita' }).click();
    const dialog = r.page.getByRole('dialog', { name: 'Ilmoita viestistä' });
    await poll(() => dialog.count()).toBe(1);
    // Sending without a category says what is missing and sends nothing.
    await dialog.getByRole('button', { name: 'Lähetä ilmoitus' }).click();
    await poll(() => dialog.getByRole('alert').count()).toBe(1);
    await dialog.getByRole('radio', { name: 'Roskapostia tai mainontaa' }).check();
    await dialog
      .getByLabel('Lisätietoa moderaattoreille (vapaaehtoinen)')
      .fill('Mainostaa joka kanavalla');
    await expectAccessible(r.page, 'report dialog on a phone');
    await screenshot(r.page, 'reports-dialog-phone');
    await dialog.getByRole('button', { name: 'Lähetä ilmoitus' }).click();
    await poll(() => dialog.getByRole('status').textContent()).toContain('Kiitos!');
    await dialog.getByRole('button', { name: 'Sulje' }).first().click();
    await poll(() => admin.page.locator('.toast').textContent()).toContain(
      'Uusi ilmoitus moderaattoreille',
    );
    expect(await admin.page.locator('.toast').textContent()).toContain('Roskapostia');

    // Live in the moderator's queue, with the snapshot; removed with a reason.
    const card = m.page.locator('.report-card', { hasText: text });
    await poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('Mainostaa joka kanavalla');
    expect(await card.textContent()).toContain('Kanava #yleinen');
    await expectAccessible(m.page, 'moderator report queue');
    await screenshot(m.page, 'reports-queue');
    await card.getByRole('button', { name: 'Ota käsittelyyn' }).click();
    await poll(() => card.locator('.claim').textContent()).toBe('Käsittelet tätä ilmoitusta');
    await card.getByLabel('Perustelu').fill('Mainonta ei kuulu tänne');
    await card.getByRole('button', { name: 'Poista viesti' }).click();
    await poll(() => card.count()).toBe(0);
    // Focus does not fall to the page's end with the card: it goes on from the heading.
    await poll(() => m.page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await poll(() => m.page.getByText('Ei avoimia ilmoituksia.').count()).toBe(1);

    // The reporter is told the outcome at once (a toast lasts a few seconds, on any screen).
    await poll(() => r.page.locator('.toast').textContent()).toContain('Ilmoituksesi on käsitelty');
    // The author sees the tombstone with the reason; the reporter sees the tombstone only.
    const removed = a.page.locator('.timeline-pane .removed-by-moderator');
    await poll(() => removed.count()).toBe(1);
    await poll(() => removed.textContent()).toBe(
      'Moderaattori poisti viestin. Syy: Mainonta ei kuulu tänne',
    );
    await poll(() => message(a.page, text).count()).toBe(0);
    await expectAccessible(a.page, 'a removed message, seen by its author');
    await screenshot(a.page, 'reports-tombstone-author');
    await poll(() => r.page.locator('.timeline-pane .removed-by-moderator').count()).toBe(1);
    expect(await r.page.locator('.timeline-pane .removed-by-moderator').textContent()).toBe(
      'Moderaattori poisti viestin.',
    );
    await r.page.goto('/omat-ilmoitukset');
    await poll(() => r.page.locator('h1').textContent()).toBe('Omat sisältöilmoitukset');
    await poll(() => r.page.locator('.my-reports .report-status').first().textContent()).toBe(
      'Käsitelty: sisältö poistettu',
    );
    await expectAccessible(r.page, 'my reports on a phone');
    await screenshot(r.page, 'reports-mine-phone');
    for (const c of [m.context, a.context, r.context]) await c.close();
    // Three people through the join flow and three browsers on two shared cores.
  }, 300_000);
});
