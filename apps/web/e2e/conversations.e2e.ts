import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  command,
  connectAs,
  createApprovedUser,
  signInContext,
  type TestAccount,
} from './accounts.js';
import {
  DESKTOP,
  PHONE,
  blockingProxy,
  expectAccessible,
  screenshot,
  webTransport,
} from './harness.js';
import { browserPerFile } from './browser.js';

/** The e2e-polling project runs this file again with WebSockets refused (harness.ts). */
const POLLING = webTransport === 'polling';

const { newContext, openAs } = browserPerFile();

interface Summary {
  id: string;
  kind: string;
  visibility: string;
  name: string;
}

/** The person's conversations as the server lists them (to pick two channels both are in). */
async function channelsOf(account: TestAccount): Promise<Summary[]> {
  const socket = await connectAs(account.cookie);
  try {
    const { conversations } = await command<{ conversations: Summary[] }>(
      socket,
      'conversation:list',
      {},
    );
    return conversations.filter((c) => c.kind === 'channel' && c.visibility === 'public');
  } finally {
    socket.close();
  }
}

/** Waits up to 10 s by default: lazy chunks and two browsers share two CPU cores here. */
const poll = <T>(fn: () => T | Promise<T>, timeout = 10_000) => expect.poll(fn, { timeout });
const message = (page: Page, text: string) =>
  page.locator('.timeline-pane article.message', { hasText: text });
const threadMessage = (page: Page, text: string) =>
  page.locator('.thread-panel article.message', { hasText: text });
const composer = (page: Page) => page.locator('.timeline-pane').getByRole('combobox');
const unreadBadge = (page: Page, conversationId: string) =>
  page.locator(
    `a.conversation-link[data-conversation-id="${conversationId}"] [data-testid="unread-count"]`,
  );
const noOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('conversations in two real browsers', () => {
  it('delivers messages, thread replies, reactions and edits live, moves unread counts, and survives going offline', async () => {
    const maija = await createApprovedUser({ name: 'Maija Meikäläinen', role: 'member' });
    const pekka = await createApprovedUser({ name: 'Pekka Puhuja', role: 'expert' });
    const channels = await channelsOf(maija);
    expect(
      channels.length,
      'default public channels joined on first sign-in',
    ).toBeGreaterThanOrEqual(2);
    const [a, b] = channels as [Summary, Summary];

    const m = await openAs(maija, `/c/${a.id}`);
    const p = await openAs(pekka, `/c/${b.id}`);
    await poll(() => m.page.locator('h1').textContent()).toBe(`# ${a.name}`);
    await poll(() => p.page.locator('h1').textContent()).toBe(`# ${b.name}`);
    await poll(() => m.page.locator('.connection-label').textContent(), 10_000).toBe('Yhdistetty');
    await poll(() => p.page.locator('.connection-label').textContent(), 10_000).toBe('Yhdistetty');
    if (POLLING) {
      // Every request of both browsers goes through the proxy, which refuses each WebSocket:
      // the app tried one, was turned away, and now runs a session over long-polling.
      const proxy = await blockingProxy();
      expect(proxy.refused, 'WebSockets refused').toBeGreaterThan(0);
      expect(proxy.polls, 'long-polling requests with a session id').toBeGreaterThan(0);
    }

    // 1. A message reaches the other window; the unread count moves there, then clears on opening.
    await composer(m.page).fill('Hei **kaikki**, tervetuloa keskustelemaan!');
    await composer(m.page).press('Enter');
    await poll(() => message(m.page, 'tervetuloa keskustelemaan').count()).toBe(1);
    await poll(() => unreadBadge(p.page, a.id).textContent(), 10_000).toMatch(/^1/);
    await poll(() => p.page.title()).toMatch(/^\(1\) /);
    await expectAccessible(p.page, 'conversation with unread badge');
    await p.page.locator(`a.conversation-link[data-conversation-id="${a.id}"]`).click();
    await poll(() => message(p.page, 'tervetuloa keskustelemaan').count()).toBe(1);
    expect(await message(p.page, 'tervetuloa keskustelemaan').locator('strong').textContent()).toBe(
      'kaikki',
    );
    await poll(() => unreadBadge(p.page, a.id).count()).toBe(0);
    await poll(() => p.page.title()).not.toMatch(/^\(/);

    // 2. Pekka reacts and replies in a thread; both appear for Maija without a reload.
    const root = message(p.page, 'tervetuloa keskustelemaan');
    await root.hover();
    await root.getByRole('button', { name: 'Viestin toiminnot' }).click();
    await root.getByRole('button', { name: 'Reagoi: 👍' }).click();
    await poll(() =>
      message(m.page, 'tervetuloa keskustelemaan').locator('.reaction').textContent(),
    ).toContain('1');
    await root.getByRole('button', { name: 'Vastaa ketjussa' }).first().click();
    const threadComposer = p.page.locator('.thread-panel').getByRole('combobox');
    await threadComposer.fill('Kiitos! Kysyisin päiväkotien vanhempaintoiminnasta.');
    await threadComposer.press('Enter');
    await poll(() => threadMessage(p.page, 'päiväkotien').count()).toBe(1);
    await expectAccessible(p.page, 'thread panel');
    const summary = message(m.page, 'tervetuloa keskustelemaan').locator('.thread-summary');
    await poll(() => summary.textContent()).toContain('1 vastaus');
    await summary.click();
    await poll(() => threadMessage(m.page, 'päiväkotien').count()).toBe(1);
    expect(await threadMessage(m.page, 'päiväkotien').locator('.expert-badge').textContent()).toBe(
      'Asiantuntija',
    );
    await expectAccessible(m.page, 'thread panel with a reply');
    await screenshot(m.page, 'conversations-desktop-thread');

    // 3. Maija edits her message; Pekka sees the new text and the edited mark.
    const own = message(m.page, 'tervetuloa keskustelemaan');
    await own.hover();
    await own.getByRole('button', { name: 'Viestin toiminnot' }).click();
    await own.getByRole('button', { name: 'Muokkaa' }).click();
    const edit = own.getByRole('textbox', { name: 'Muokkaa viestiä' });
    await edit.fill('Hei **kaikki**, tervetuloa keskustelemaan illalla!');
    await edit.press('Enter');
    await poll(() => message(p.page, 'keskustelemaan illalla').count()).toBe(1);
    expect(
      await message(p.page, 'keskustelemaan illalla')
        .getByRole('button', { name: '(muokattu)' })
        .count(),
    ).toBe(1);
    await screenshot(p.page, 'conversations-desktop');
    await expectAccessible(p.page, 'conversation after edit');

    // 4. Pekka mentions Maija (autocomplete) in the other channel: she gets a toast and a mention
    //    count, and the toast opens the message in context.
    await p.page.locator(`a.conversation-link[data-conversation-id="${b.id}"]`).click();
    await poll(() => p.page.locator('h1').textContent()).toBe(`# ${b.name}`);
    await composer(p.page).pressSequentially('Hei @Mai');
    await poll(() => p.page.getByRole('option', { name: /Maija Meikäläinen/ }).count()).toBe(1);
    expect(await composer(p.page).getAttribute('aria-expanded')).toBe('true');
    await composer(p.page).press('Enter');
    expect(await composer(p.page).inputValue()).toBe('Hei @**Maija Meikäläinen** ');
    await composer(p.page).pressSequentially('katso tämä kysymys');
    await composer(p.page).press('Enter');
    const toast = m.page.locator('.toast', { hasText: 'Pekka Puhuja mainitsi sinut' });
    await poll(() => toast.count()).toBe(1);
    await poll(() =>
      m.page
        .locator(
          `a.conversation-link[data-conversation-id="${b.id}"] [data-testid="mention-count"]`,
        )
        .textContent(),
    ).toMatch(/^@1/);
    await screenshot(m.page, 'conversations-desktop-toast');
    await toast.getByRole('link').click();
    await poll(() => m.page.url()).toMatch(new RegExp(`/c/${b.id}/m/[0-9a-f]{24}$`));
    const target = m.page.locator('.timeline-pane article.message.highlighted', {
      hasText: 'katso tämä kysymys',
    });
    await poll(() => target.count()).toBe(1);
    expect(await target.locator('.mention-me').textContent()).toBe('@Maija Meikäläinen');
    await poll(() =>
      m.page
        .locator(
          `a.conversation-link[data-conversation-id="${b.id}"] [data-testid="mention-count"]`,
        )
        .count(),
    ).toBe(0);
    await expectAccessible(m.page, 'permalink with a mention');

    // Typing shows politely in the other window and goes away when the text is cleared.
    await composer(p.page).pressSequentially('Kirjoitan vastausta');
    await poll(() => m.page.locator('.timeline-pane .typing-indicator').textContent()).toBe(
      'Pekka Puhuja kirjoittaa…',
    );
    await composer(p.page).fill('');
    await composer(p.page).press('Backspace');
    await poll(() => m.page.locator('.timeline-pane .typing-indicator').textContent()).toBe('');

    // 5. Offline: the message waits in the outbox, survives a reload, and goes out on reconnect.
    await m.context.setOffline(true);
    await poll(() => m.page.locator('.connection-label').textContent(), 15_000).not.toBe(
      'Yhdistetty',
    );
    await composer(m.page).fill('Tämä kirjoitettiin ilman yhteyttä.');
    await composer(m.page).press('Enter');
    const pending = m.page.locator('article.message.pending', { hasText: 'ilman yhteyttä' });
    await poll(() => pending.count()).toBe(1);
    expect(await pending.textContent()).toContain('Lähetetään');
    await screenshot(m.page, 'conversations-desktop-pending');
    // Reload while the server stays unreachable (socket blocked), and the entry is still there.
    let serverReachable = false;
    await m.context.route('**/socket.io/**', (route) =>
      serverReachable ? route.continue() : route.abort(),
    );
    // On long-polling the proxy refuses every WebSocket anyway; the route above is the block.
    if (!POLLING)
      await m.context.routeWebSocket(/socket\.io/, (ws) => {
        if (serverReachable) ws.connectToServer();
        else void ws.close();
      });
    await m.context.setOffline(false);
    await m.page.reload();
    // At once, not when the unanswerable history request gives up (10 s): the list shows what
    // is in the outbox while its first page is still on its way.
    await poll(
      () => m.page.locator('article.message.pending', { hasText: 'ilman yhteyttä' }).count(),
      5_000,
    ).toBe(1);
    expect(await message(p.page, 'ilman yhteyttä').count()).toBe(0);
    serverReachable = true;
    await poll(() => message(p.page, 'ilman yhteyttä').count(), 30_000).toBe(1);
    await poll(() => m.page.locator('article.message.pending').count(), 10_000).toBe(0);
    await poll(() => message(m.page, 'ilman yhteyttä').count()).toBe(1);

    // Missed while offline: what Pekka writes and deletes meanwhile is there after reconnecting.
    await m.context.setOffline(true);
    await poll(() => m.page.locator('.connection-label').textContent(), 15_000).not.toBe(
      'Yhdistetty',
    );
    await composer(p.page).fill('Tämä tuli sillä välin.');
    await composer(p.page).press('Enter');
    const offlineMessage = message(p.page, 'ilman yhteyttä');
    p.page.once('dialog', (dialog) => void dialog.accept());
    await poll(() => message(p.page, 'sillä välin').count()).toBe(1);
    const pekkasOwn = message(p.page, 'sillä välin');
    await pekkasOwn.hover();
    await pekkasOwn.getByRole('button', { name: 'Viestin toiminnot' }).click();
    await pekkasOwn.getByRole('button', { name: 'Poista' }).click();
    await poll(() => p.page.locator('.timeline-pane .tombstone').count()).toBe(1);
    expect(await offlineMessage.count()).toBe(1);
    await m.context.setOffline(false);
    await poll(() => m.page.locator('.connection-label').textContent(), 20_000).toBe('Yhdistetty');
    await poll(() => m.page.locator('.timeline-pane .tombstone').textContent(), 20_000).toBe(
      'Viesti on poistettu.',
    );

    // 6. The threads view lists the thread Pekka replied in.
    await p.page.getByRole('link', { name: 'Ketjut' }).first().click();
    await poll(() => p.page.locator('h1').textContent()).toBe('Seuraamasi ketjut');
    await poll(() => p.page.locator('.thread-card').count()).toBeGreaterThanOrEqual(1);
    await expectAccessible(p.page, 'threads page');
    await screenshot(p.page, 'conversations-desktop-threads');

    // 7. Browse channels dialog.
    await p.page.goto(`/c/${a.id}`);
    await p.page.getByRole('button', { name: 'Selaa kanavia' }).click();
    await poll(() => p.page.getByRole('dialog').locator('.browse-list li').count()).toBeGreaterThan(
      0,
    );
    await expectAccessible(p.page, 'browse channels');
    await screenshot(p.page, 'conversations-desktop-browse');
    await p.page.keyboard.press('Escape');

    await m.context.close();
    await p.context.close();
  });

  it('a moderator’s header is one row on a 360 px phone, and a group DM is not an unread count', async () => {
    // One after another: the first one sets up the first admin, whom the others reuse.
    const mod = await createApprovedUser({ name: 'Mirja Moderaattori', role: 'moderator' });
    const a = await createApprovedUser({ name: 'Aino Aalto', role: 'member' });
    const b = await createApprovedUser({ name: 'Bertta Berg', role: 'member' });
    const socket = await connectAs(mod.cookie);
    try {
      await command(socket, 'dm:open', { userIds: [a.id, b.id] });
    } finally {
      socket.close();
    }
    const { context, page } = await openAs(mod, '/c', PHONE);
    await poll(() => page.locator('.group-size').count(), 10_000).toBe(1);
    await screenshot(page, 'conversations-phone-moderator');
    const header = await page.locator('.app-header').boundingBox();
    expect(header!.height, 'header rows').toBeLessThan(60);
    expect(await noOverflow(page)).toBeLessThanOrEqual(0);
    // The group's size is outlined, unlike the filled unread badge.
    expect(
      await page.locator('.group-size').evaluate((el) => getComputedStyle(el).borderStyle),
    ).toBe('solid');
    await expectAccessible(page, 'phone list (moderator)');
    await context.close();
  });

  it('works on a 360 px phone: the list and the conversation are separate screens', async () => {
    const liisa = await createApprovedUser({ name: 'Liisa Laine', role: 'member' });
    const { context, page } = await openAs(liisa, '/c', PHONE);
    await poll(() => page.locator('a.conversation-link').count(), 10_000).toBeGreaterThan(0);
    expect(await noOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'phone list');
    await screenshot(page, 'conversations-phone-list');

    await page.locator('a.conversation-link').first().click();
    await poll(() => page.locator('.timeline-pane').count()).toBe(1);
    await composer(page).fill('Puhelimelta: onko täällä ketään **illalla**?');
    await composer(page).press('Enter');
    await poll(() => message(page, 'Puhelimelta').count()).toBe(1);
    expect(await noOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'phone conversation');
    await screenshot(page, 'conversations-phone-chat');
    // The header is one row: the chat starts within the top 130 px of the screen.
    const chatTop = await page
      .locator('.timeline-pane')
      .evaluate((el) => el.getBoundingClientRect().top);
    expect(chatTop).toBeLessThan(130);

    // Profile, sign-out, search and language fold behind the menu button; Escape folds them back.
    const menu = page.getByRole('button', { name: 'Valikko' });
    expect(await page.getByRole('button', { name: 'Kirjaudu ulos' }).count()).toBe(0);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await poll(() => page.getByRole('button', { name: 'Kirjaudu ulos' }).count()).toBe(1);
    await poll(() => page.getByRole('searchbox', { name: 'Hae viesteistä' }).count()).toBe(1);
    expect(await noOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'phone header menu');
    await screenshot(page, 'conversations-phone-menu');
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('header-menu-button');
    expect(await page.getByRole('button', { name: 'Kirjaudu ulos' }).count()).toBe(0);
    // By keyboard: Enter opens it and Tab goes straight into what it opened.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => Boolean(document.activeElement?.closest('#header-tools'))),
    ).toBe(true);
    await page.keyboard.press('Escape');
    // Going somewhere from the open menu folds it too.
    await menu.click();
    await page.getByRole('searchbox', { name: 'Hae viesteistä' }).fill('illalla');
    await page.getByRole('searchbox', { name: 'Hae viesteistä' }).press('Enter');
    await poll(() => new URL(page.url()).pathname).toBe('/haku');
    // The URL changes before React renders the new location: the menu folds with that render.
    await poll(() => menu.getAttribute('aria-expanded')).toBe('false');
    await page.goBack();
    await poll(() => message(page, 'Puhelimelta').count()).toBe(1);

    const mine = message(page, 'Puhelimelta');
    await mine.getByRole('button', { name: 'Viestin toiminnot' }).click();
    // The "⋯" button stays in sight on a phone, and the text keeps clear of it.
    const clash = await mine.evaluate((el) => {
      const button = el.querySelector('.more-button')!.getBoundingClientRect();
      const text = el.querySelector('.markdown')!.getBoundingClientRect();
      return text.right > button.left && text.bottom > button.top && text.top < button.bottom;
    });
    expect(clash, 'message text runs under the ⋯ button').toBe(false);
    await screenshot(page, 'conversations-phone-actions');
    await mine
      .getByRole('group', { name: 'Viestin toiminnot' })
      .getByRole('button', { name: 'Vastaa ketjussa' })
      .click();
    await poll(() => page.locator('.thread-panel').count()).toBe(1);
    expect(await noOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'phone thread');
    await screenshot(page, 'conversations-phone-thread');

    await page.getByRole('link', { name: 'Takaisin keskusteluihin' }).click();
    await poll(() => page.locator('a.conversation-link').count()).toBeGreaterThan(0);

    // A private channel of her own, and a direct message, both started from the list.
    await page.getByRole('button', { name: 'Uusi kanava' }).click();
    await poll(() => page.getByRole('dialog').count()).toBe(1);
    await expectAccessible(page, 'phone create channel');
    await page.getByRole('textbox', { name: 'Nimi' }).fill('Illan kahvit');
    await page.getByRole('button', { name: 'Luo kanava' }).click();
    await poll(() => page.locator('h1').textContent()).toBe('# Illan kahvit');
    await page.getByRole('link', { name: 'Takaisin keskusteluihin' }).click();
    await poll(() =>
      page.locator('.sidebar-group', { hasText: 'Yksityiset kanavat' }).textContent(),
    ).toContain('Illan kahvit');

    const ville = await createApprovedUser({ name: 'Ville Vertainen', role: 'member' });
    await page.getByRole('button', { name: 'Uusi yksityisviesti' }).click();
    await page.getByRole('searchbox', { name: 'Hae nimellä' }).fill('Ville');
    await page.getByRole('button', { name: `Valitse ${ville.name}` }).click();
    await expectAccessible(page, 'phone new DM');
    await screenshot(page, 'conversations-phone-new-dm');
    await page.getByRole('button', { name: 'Aloita keskustelu' }).click();
    await poll(() => page.locator('h1').textContent()).toBe(ville.name);
    await composer(page).fill('Hei Ville, soitellaan huomenna?');
    await composer(page).press('Enter');
    await poll(() => message(page, 'soitellaan huomenna').count()).toBe(1);
    await context.close();
  });

  it('keeps a 10,000-message conversation smooth: few rows in the DOM, short frames while scrolling', async ({
    skip,
  }) => {
    // Rendering, whatever the transport; and it injects its 10,000 messages by rewriting a
    // WebSocket frame (routeWebSocket), which a long-polling session does not have.
    skip(POLLING, 'WebSocket-only: injects its history by rewriting a WebSocket frame');
    const olli = await createApprovedUser({ name: 'Olli Oksanen', role: 'member' });
    const [channel] = (await channelsOf(olli)) as [Summary];
    const COUNT = 10_000;
    const authors = [
      { id: olli.id, name: olli.name, role: 'member', expert: false },
      { id: 'a'.repeat(24), name: 'Anna Asiantuntija', role: 'member', expert: true },
      { id: 'b'.repeat(24), name: 'Bertta Vanhempi', role: 'member', expert: false },
    ];
    const start = Date.parse('2026-11-01T08:00:00Z');
    const messages = Array.from({ length: COUNT }, (_, i) => ({
      id: (i + 1).toString(16).padStart(24, '0'),
      conversationId: channel.id,
      seq: i + 1,
      changeSeq: i + 1,
      clientId: `00000000-0000-4000-8000-${(i + 1).toString(16).padStart(12, '0')}`,
      author: authors[Math.floor(i / 3) % 3],
      text:
        i % 7 === 0
          ? `Viesti ${i + 1}: **tärkeä** asia\n\n- ensimmäinen kohta\n- toinen kohta, jossa on [linkki](https://example.org)`
          : `Viesti ${i + 1}: ${'lyhyt teksti '.repeat((i % 5) + 1)}`,
      mentions: [],
      threadRootId: null,
      replyCount: 0,
      threadParticipants: [],
      lastReplyAt: null,
      reactions: i % 11 === 0 ? [{ emoji: '👍', userIds: [olli.id], count: 1 }] : [],
      pinned: false,
      createdAt: new Date(start + i * 60_000).toISOString(),
      editedAt: null,
      deletedAt: null,
    }));

    // The server answers everything except this one history page, which the test serves (the
    // real server's send rate limit would take hours to fill a channel this far).
    const context = await newContext(DESKTOP);
    await signInContext(context, olli);
    await context.routeWebSocket(/socket\.io/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((frame) => {
        const m =
          typeof frame === 'string' ? /^42(\d+)\["message:history",(.*)\]$/s.exec(frame) : null;
        const payload = m ? (JSON.parse(m[2]!) as Record<string, unknown>) : null;
        if (
          m &&
          payload?.conversationId === channel.id &&
          !payload.threadRootId &&
          payload.before === undefined
        ) {
          const data = { messages, hasMoreBefore: false, hasMoreAfter: false, threadRootId: null };
          ws.send(`43${m[1]}[${JSON.stringify({ ok: true, data })}]`);
          return;
        }
        server.send(frame);
      });
    });
    const page = await context.newPage();
    const opened = Date.now();
    await page.goto(`/c/${channel.id}`);
    // Everything is unread for Olli, so the view opens at the first unread message.
    await poll(() => page.locator('.last-read-line').count(), 30_000).toBe(1);
    const firstPaintMs = Date.now() - opened;
    await page.getByRole('button', { name: 'Uusimpiin viesteihin ↓' }).click();
    await poll(() => message(page, `Viesti ${COUNT}:`).count()).toBe(1);

    const result = await page.evaluate(async () => {
      const el = document.querySelector('.message-scroller') as HTMLElement;
      const rowsAtEnd = document.querySelectorAll('.message-row').length;
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      const stats = (frames: number[]) => {
        frames.sort((a, b) => a - b);
        return {
          median: frames[Math.floor(frames.length / 2)]!,
          p95: frames[Math.floor(frames.length * 0.95)]!,
        };
      };
      // Long tasks (main-thread tasks over 50 ms) as Chromium reports them, per phase.
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration);
      });
      observer.observe({ type: 'longtask' });
      const takeLongTasks = () => longTasks.splice(0).map(Math.round);
      // Reading: scroll up through history in small steps (about two screens a second at 60 fps).
      const reading: number[] = [];
      let last = await frame();
      for (let i = 0; i < 120; i++) {
        el.scrollTop -= 40;
        const now = await frame();
        reading.push(now - last);
        last = now;
      }
      const readingLongTasks = takeLongTasks();
      // Jumping: from the newest to the oldest message in 40 jumps (every row is new each time).
      const jumping: number[] = [];
      last = await frame();
      for (let i = 1; i <= 40; i++) {
        el.scrollTop = el.scrollHeight * (1 - i / 40);
        const now = await frame();
        jumping.push(now - last);
        last = now;
      }
      const jumpingLongTasks = takeLongTasks();
      // The instrument itself: a deliberate 80 ms task must be reported.
      const busyUntil = performance.now() + 80;
      while (performance.now() < busyUntil);
      await new Promise((r) => setTimeout(r, 100));
      const probeLongTasks = takeLongTasks();
      observer.disconnect();
      const maxRows = document.querySelectorAll('.message-row').length;
      return {
        rowsAtEnd,
        maxRows,
        reading: stats(reading),
        jumping: stats(jumping),
        readingLongTasks,
        jumpingLongTasks,
        probeLongTasks,
      };
    });
    const f = (n: number) => n.toFixed(1);
    console.log(
      `10,000 messages: open ${firstPaintMs} ms, ${result.rowsAtEnd}-${result.maxRows} rows in the DOM; ` +
        `frames reading median ${f(result.reading.median)} ms p95 ${f(result.reading.p95)} ms; ` +
        `jumping median ${f(result.jumping.median)} ms p95 ${f(result.jumping.p95)} ms; ` +
        `long tasks reading [${result.readingLongTasks.join(', ')}] ms, ` +
        `jumping [${result.jumpingLongTasks.join(', ')}] ms`,
    );
    expect(result.rowsAtEnd).toBeLessThan(60);
    expect(result.maxRows).toBeLessThan(60);
    // Generous for a shared 2-core machine; a non-virtualised list of 10,000 rows takes seconds per frame.
    expect(result.reading.p95).toBeLessThan(200);
    // Long tasks are reported (not asserted: under CI load other processes cause them too).
    expect(result.probeLongTasks.length).toBeGreaterThan(0);

    // Jumping to the very first message works at this size too.
    await page.evaluate(() => {
      (document.querySelector('.message-scroller') as HTMLElement).scrollTop = 0;
    });
    await poll(() => message(page, 'Viesti 1:').count()).toBe(1);
    await poll(() => page.locator('.timeline-start').textContent()).toBe('Keskustelun alku');
    await screenshot(page, 'conversations-desktop-10k-top');
    await context.close();
  });
});
