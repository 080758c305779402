import { describe, expect, it } from 'vitest';
import { createApprovedUser, firstAdmin } from './accounts.js';
import { PHONE, expectAccessible, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';

/*
 * Issue 13, items 1, 2 and 6, as people would do it: a parent on a phone asks the experts
 * privately, an expert in a second browser sees the question arrive in the queue without a
 * reload, takes it (the parent sees "… has taken this" live) and answers; the parent accepts
 * the answer and turns the answered question into a library draft.
 */

const { openAs } = browserPerFile();
const poll = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout });

describe('questions to the experts', () => {
  it('a parent asks, an expert claims it live and answers, the parent accepts, it becomes a library draft', async () => {
    const parent = await createApprovedUser({ name: 'Pia Vanhempi', role: 'member' });
    const expert = await createApprovedUser({ name: 'Anna Asiantuntija', role: 'expert' });
    const title = `Ujo lapsi hammaslääkärissä ${Date.now().toString(36)}`;

    // The expert has the queue open.
    const e = await openAs(expert, '/kysymykset/jono');
    await poll(() => e.page.locator('h1').textContent()).toBe('Asiantuntijoiden jono');

    // The parent, on a phone, asks privately.
    const p = await openAs(parent, '/kysymykset', PHONE);
    await poll(() => p.page.locator('h1').textContent()).toBe('Kysymykset');
    const form = p.page.locator('form.ask-form');
    // Sending empty says what is missing.
    await form.getByRole('button', { name: 'Lähetä kysymys' }).click();
    await poll(() => form.getByText('Täytä tämä kenttä.').count()).toBe(2);
    await form.getByLabel('Aihe').selectOption('wellbeing');
    await form.getByLabel('Kysymys lyhyesti').fill(title);
    await form
      .getByLabel('Kerro tarkemmin')
      .fill('Lapseni jännittää hammaslääkäriä niin, ettei suuta saa auki. Miten voisin auttaa?');
    await form.getByRole('radio', { name: 'Yksityinen kysymys' }).check();
    await expectAccessible(p.page, 'ask form on a phone');
    await screenshot(p.page, 'questions-ask-phone');
    await form.getByRole('button', { name: 'Lähetä kysymys' }).click();
    const mine = p.page.locator('.question-card', { hasText: title });
    await poll(() => mine.count()).toBe(1);
    expect(await mine.textContent()).toContain('Avoin');
    expect(await mine.textContent()).toContain('Yksityinen kysymys');
    await expectAccessible(p.page, 'my questions on a phone');
    await screenshot(p.page, 'questions-mine-phone');

    // Live in the expert's queue.
    const card = e.page.locator('.question-card', { hasText: title });
    await poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('Ensimmäinen kysymys');
    await expectAccessible(e.page, 'experts queue');
    await screenshot(e.page, 'questions-queue');

    // The parent opens the question and sees who takes it, live.
    await mine.getByRole('link', { name: title }).click();
    await poll(() => p.page.locator('h1').textContent()).toBe(title);
    await poll(() => p.page.getByTestId('claim-status').textContent()).toBe(
      'Kukaan ei ole vielä ottanut tätä',
    );
    await card.getByRole('button', { name: 'Otan tämän' }).click();
    await poll(() => card.locator('.claim').textContent()).toBe(
      'Anna Asiantuntija on ottanut tämän',
    );
    await poll(() => p.page.getByTestId('claim-status').textContent()).toBe(
      'Anna Asiantuntija on ottanut tämän',
    );

    // The expert answers on the question's page.
    await card.getByRole('link', { name: title }).click();
    await poll(() => e.page.locator('h1').textContent()).toBe(title);
    await e.page
      .getByLabel('Vastauksesi')
      .fill('Harjoitelkaa kotona leikkien: pehmolelu hammaslääkärinä, peili ja hammasharja.');
    await e.page.getByRole('button', { name: 'Lähetä vastaus' }).click();
    await poll(() => e.page.locator('.reply-card').count()).toBe(1);
    await expectAccessible(e.page, 'a question with an answer, for the expert');
    await screenshot(e.page, 'questions-expert-answered');

    // The parent sees the answer arrive, accepts it.
    const reply = p.page.locator('.reply-card', { hasText: 'pehmolelu' });
    await poll(() => reply.count()).toBe(1);
    expect(await reply.textContent()).toContain('asiantuntija');
    await reply.getByRole('button', { name: 'Hyväksy vastaukseksi' }).click();
    await poll(() => p.page.locator('.reply-card.accepted').count()).toBe(1);
    await poll(() => p.page.locator('.question-tags .status-answered').count()).toBe(1);
    // It leaves the expert's queue.
    await e.page.goto('/kysymykset/jono');
    await poll(() => e.page.locator('h1').textContent()).toBe('Asiantuntijoiden jono');
    await poll(() => e.page.locator('.question-card', { hasText: title }).count()).toBe(0);

    // To the library: the parent makes the draft of their own answered question.
    await p.page.getByRole('button', { name: 'Tee kirjaston luonnos' }).click();
    const made = p.page.getByText('Kirjaston luonnos on tehty.');
    await poll(() => made.count()).toBe(1);
    await expectAccessible(p.page, 'an answered question on a phone');
    await screenshot(p.page, 'questions-answered-phone');
    await p.page.getByRole('link', { name: 'Avaa luonnos' }).click();
    // The draft's page (the question's page has the same title and words: wait for the entry).
    const draft = p.page.locator('article.library-entry');
    await poll(() => draft.locator('h1').textContent()).toBe(title);
    await poll(() => draft.getByText('pehmolelu', { exact: false }).count()).toBeGreaterThan(0);
    expect(await draft.textContent()).toContain('poista nimet ja muut tunnistettavat tiedot');
    await expectAccessible(p.page, 'the library draft on a phone');
    await screenshot(p.page, 'questions-library-draft-phone');
    for (const c of [e.context, p.context]) await c.close();
  }, 300_000);

  it('a moderator invites a guest expert into a channel until an end date, on a phone', async () => {
    const moderator = await createApprovedUser({ name: 'Mirja Moderaattori', role: 'moderator' });
    await firstAdmin();
    const m = await openAs(moderator, '/kysymykset/vieraat', PHONE);
    await poll(() => m.page.locator('h1').textContent()).toBe('Kutsu vieraileva asiantuntija');
    await m.page.getByLabel('Nimi').fill('Ville Vierailija');
    await m.page.getByLabel('Sähköposti').fill(`ville-${Date.now()}@example.test`);
    await m.page.getByLabel('Organisaatio tai hanke').fill('Lastensuojelun Keskusliitto');
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await m.page.getByLabel('Pääsy päättyy').fill(until);
    await m.page.getByRole('checkbox', { name: 'kysy asiantuntijalta' }).check();
    await expectAccessible(m.page, 'guest invitation on a phone');
    await screenshot(m.page, 'questions-guest-invite-phone');
    await m.page.getByRole('button', { name: 'Lähetä kutsu' }).click();
    await poll(() => m.page.getByRole('status').last().textContent()).toBe(
      'Ville Vierailija on kutsuttu.',
    );
    await m.context.close();
  }, 180_000);
});
