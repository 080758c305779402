import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { command, connectAs, createApprovedUser, signInContext } from './accounts.js';
import { browserPerFile } from './browser.js';

/**
 * The XSS corpus (apps/server/src/test/xss-corpus.json: OWASP filter-evasion vectors and
 * Markdown link/image vectors) goes in through every text people control (messages, names,
 * channel name and topic) and is rendered by the real web app in Chromium. The strict CSP
 * would stop most injected scripts anyway, so the test also inspects the DOM itself: no
 * script, frame or object from content, no event-handler attribute, only safe link schemes.
 */
const corpus = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../server/src/test/xss-corpus.json'), 'utf8'),
) as {
  messages: string[];
  names: string[];
  channel: { name: string; topic: string; description: string };
  safeSchemes: string[];
};

const { newContext } = browserPerFile();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Everything in the page that would let content run code or leave for an unsafe scheme. */
async function dangers(page: Page, safeSchemes: string[]) {
  return page.evaluate((safe) => {
    const found: string[] = [];
    // What content reaches: messages (text and author names) and the conversation header
    // (channel name, topic). The app's own UI around them (the composer form) is not content.
    const roots = [
      ...Array.from(document.querySelectorAll('.timeline-pane article.message')),
      ...Array.from(document.querySelectorAll('main h1')).map((h) => h.parentElement ?? h),
    ];
    const elements = roots.flatMap((r) => [r, ...Array.from(r.querySelectorAll('*'))]);
    for (const el of elements) {
      const tag = el.tagName.toLowerCase();
      if (
        ['script', 'iframe', 'object', 'embed', 'frame', 'meta', 'link', 'base', 'form'].includes(
          tag,
        )
      )
        found.push(`<${tag}>`);
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) found.push(`${tag}[${attr.name}]`);
        if (
          ['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'poster'].includes(
            attr.name.toLowerCase(),
          )
        ) {
          const value = attr.value.trim();
          if (!value || value.startsWith('#') || value.startsWith('/')) continue;
          let scheme: string;
          try {
            scheme = new URL(value, location.href).protocol;
          } catch {
            scheme = 'unparseable';
          }
          const sameOrigin =
            scheme === location.protocol &&
            new URL(value, location.href).origin === location.origin;
          if (!sameOrigin && !safe.includes(scheme))
            found.push(`${tag}[${attr.name}=${value.slice(0, 60)}]`);
        }
      }
      if (el instanceof HTMLElement && /javascript:|expression\(/i.test(el.style.cssText))
        found.push(`${tag}[style]`);
    }
    return found;
  }, safeSchemes);
}

describe('XSS corpus rendered in Chromium', () => {
  it('runs no script and keeps only safe link schemes in messages, names and channel fields', async () => {
    const author = await createApprovedUser({ role: 'member' });
    const people = [];
    for (const name of corpus.names)
      people.push(await createApprovedUser({ role: 'member', name }));

    const socket = await connectAs(author.cookie);
    const { conversation } = await command<{ conversation: { id: string } }>(
      socket,
      'channel:create',
      {
        name: corpus.channel.name,
        visibility: 'private',
        topic: corpus.channel.topic,
        description: corpus.channel.description,
      },
    );
    const conversationId = conversation.id;
    await command(socket, 'channel:invite', { conversationId, userIds: people.map((p) => p.id) });
    // Pace under the message-send limit (30 per 10 s per person).
    for (const [i, text] of corpus.messages.entries()) {
      await command(socket, 'message:send', { conversationId, clientId: randomUUID(), text });
      if (i % 25 === 24) await sleep(10_500);
    }
    for (const p of people) {
      const s = await connectAs(p.cookie);
      await command(s, 'message:send', {
        conversationId,
        clientId: randomUUID(),
        text: 'nimeni on yllä',
      });
      s.close();
    }
    socket.close();

    const context = await newContext();
    await signInContext(context, author);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    // Any alert/confirm/prompt a vector manages to call is recorded, CSP or not.
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, unknown> & { __xss: unknown[] };
      w.__xss = [];
      for (const f of ['alert', 'confirm', 'prompt'])
        w[f] = (...a: unknown[]) => void w.__xss.push([f, ...a]);
    });
    console.info(`[xss] ${corpus.messages.length} vectors stored; opening the channel`);
    await page.goto(`/c/${conversationId}`);
    await expect
      .poll(
        () => page.locator('.timeline-pane article.message', { hasText: 'nimeni on yllä' }).count(),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);

    // The timeline is virtualised (only rows on screen exist), so walk it from the newest to
    // the oldest, hovering every rendered message and inspecting the DOM at every step.
    const found = new Set<string>();
    const seenText = new Set<string>();
    const scroller = page.locator('.message-scroller');
    const box = await scroller.boundingBox();
    let previousTop = -1;
    for (let step = 0; step < 25; step += 1) {
      // Sweep the mouse over what is on screen, so mouse-triggered vectors get their chance.
      if (box)
        for (let y = box.y + 5; y < box.y + box.height; y += 24)
          await page.mouse.move(box.x + box.width / 2, y);
      for (const d of await dangers(page, corpus.safeSchemes)) found.add(d);
      for (const t of await page.locator('.timeline-pane article.message').allTextContents())
        seenText.add(t);
      const top = await scroller.evaluate((el) => {
        el.scrollTop = Math.max(0, el.scrollTop - el.clientHeight * 0.8);
        return el.scrollTop;
      });
      await sleep(300);
      if (top === previousTop) break;
      previousTop = top;
    }
    await page.keyboard.press('Tab');
    await sleep(500);
    const allText = [...seenText].join('\n');

    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss: unknown[] }).__xss)).toEqual(
      [],
    );
    expect([...found]).toEqual([]);
    // The vectors are shown as text, not swallowed, from the oldest to the newest.
    expect(allText).toContain('<script>alert(1)</script>');
    expect(allText).toContain('<svg onload=alert(1)>');
    if (cspViolations.length)
      console.info(`[xss] CSP refused ${cspViolations.length} things (defence in depth)`);
    await context.close();
  }, 300_000);
});
