import { describe, expect, it } from 'vitest';
import { signInContext, command, createApprovedUser, withSocket } from './accounts.js';
import { PHONE } from './harness.js';
import { browserPerFile } from './browser.js';

/*
 * On a slow phone connection the conversation can be on screen before the part of the app that
 * sends messages (the conversations runtime, its own chunk) has arrived. A message written in
 * that moment was dropped without a word: the composer emptied and nothing was ever sent.
 */

const { newContext } = browserPerFile('outbox-early');

const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout });

describe('a message written before the app has fully loaded', () => {
  it('waits as "sending" and goes out once the runtime arrives', async () => {
    const aino = await createApprovedUser({ name: 'Aino Aikainen', role: 'member' });
    const eero = await createApprovedUser({ name: 'Eero Vastaanottaja', role: 'member' });
    const dm = await withSocket(aino, (s) =>
      command<{ conversation: { id: string } }>(s, 'dm:open', { userIds: [eero.id] }),
    );

    const context = await newContext(PHONE);
    await signInContext(context, aino);
    // Hold the runtime's chunk back until the message has been written.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    await context.route(/\/assets\/ConversationsRuntime-[^/]+\.js$/, async (route) => {
      held += 1;
      await released;
      await route.continue();
    });
    const page = await context.newPage();
    await page.goto(`/c/${dm.conversation.id}`);
    const composer = page.locator('.timeline-pane').getByRole('combobox');
    await composer.fill('Kirjoitin tämän heti.');
    await composer.press('Enter');
    expect(held).toBe(1); // The runtime really was still on its way.
    const pending = page.locator('article.message.pending', { hasText: 'Kirjoitin tämän heti.' });
    await poll(() => pending.count()).toBe(1);

    release();
    await poll(() => pending.count()).toBe(0);
    await poll(() =>
      page.locator('article.message', { hasText: 'Kirjoitin tämän heti.' }).count(),
    ).toBe(1);
    // Eero received it: it was stored, not only shown.
    const history = await withSocket(eero, (s) =>
      command<{ messages: { text: string }[] }>(s, 'message:history', {
        conversationId: dm.conversation.id,
      }),
    );
    expect(history.messages.map((m) => m.text)).toContain('Kirjoitin tämän heti.');
    await context.close();
  }, 120_000);
});
