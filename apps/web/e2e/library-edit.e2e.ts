import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { command, createApprovedUser, withSocket } from './accounts.js';
import { DESKTOP, PHONE, expectAccessible, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';

/*
 * Issue 12, the writing side, as people would do it: Aino writes a good practice on her phone
 * (draft, preview, publish) and later edits it, landing on the word diff of her change; Bertta,
 * reading the entry, sees Aino editing and then the new text, live; an edit based on an old
 * revision is refused with the difference and merged without losing a word; an expert stamps
 * the revision; Bertta says "we tried this too".
 */

const { openAs } = browserPerFile('library-edit');

const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout });
const entryIdOf = (page: Page) => /\/kirjasto\/([0-9a-f]{24})/.exec(page.url())?.[1] ?? '';

describe('writing the good-practices library', () => {
  it('writes, edits with a diff, merges a conflict, stamps and validates, live', async () => {
    const aino = await createApprovedUser({ name: 'Aino Kirjoittaja', role: 'member' });
    const bertta = await createApprovedUser({ name: 'Bertta Lukija', role: 'member' });
    const eero = await createApprovedUser({ name: 'Eero Asiantuntija', role: 'expert' });

    // Aino writes a new entry on her phone: the body's preview shows what readers will see.
    const a = await openAs(aino, '/kirjasto/uusi', PHONE);
    await poll(() => a.page.locator('h1').textContent()).toBe('Uusi hyvä käytäntö');
    await a.page.getByRole('textbox', { name: 'Otsikko' }).fill('Vuosikello kunnan kanssa');
    await a.page
      .getByRole('textbox', { name: 'Tiivistelmä' })
      .fill('Tapaamiset sovitaan vuodeksi kerrallaan.');
    await a.page
      .getByRole('textbox', { name: 'Teksti' })
      .fill('## Miten\n\nSovimme **neljä** tapaamista vuodessa.');
    await a.page.getByRole('checkbox', { name: 'Yhteistyö kunnan kanssa' }).check();
    await a.page.getByRole('checkbox', { name: '3. Käynnistä toiminta' }).check();
    await a.page.getByRole('radio', { name: 'Verkosto tai foorumi' }).check();
    await a.page.getByRole('button', { name: 'Näytä esikatselu' }).click();
    const preview = a.page.getByRole('region', { name: 'Esikatselu' });
    await poll(() => preview.locator('h2').textContent()).toBe('Miten');
    await expectAccessible(a.page, 'new entry with its preview, on a phone');
    await screenshot(a.page, 'library-edit-new-phone');
    await a.page.getByRole('button', { name: 'Tallenna luonnos' }).click();
    await poll(() => a.page.url()).toMatch(/\/kirjasto\/[0-9a-f]{24}\/muokkaa$/);
    const id = entryIdOf(a.page);
    await poll(() => a.page.getByText(/^Luonnos:/).count()).toBe(1);
    await a.page.getByRole('button', { name: 'Julkaise' }).click();
    await poll(() => a.page.url()).toMatch(new RegExp(`/kirjasto/${id}$`));

    // Bertta reads it; Aino opens the editor: Bertta sees her editing, live.
    const b = await openAs(bertta, `/kirjasto/${id}`, DESKTOP);
    await poll(() => b.page.getByText('Sovimme').count()).toBeGreaterThan(0);
    await a.page.goto(`/kirjasto/${id}/muokkaa`);
    await poll(() => a.page.getByText(/^Julkaistu, versio/).count()).toBe(1);
    await poll(() => b.page.locator('.entry-presence').textContent()).toContain(
      'Aino Kirjoittaja muokkaa nyt',
    );
    await poll(() => a.page.locator('.entry-presence').textContent()).toContain(
      'Bertta Lukija lukee nyt',
    );
    await screenshot(b.page, 'library-edit-presence');

    // Aino edits; her save is a revision, and she lands on the word diff of her change.
    const body = a.page.getByRole('textbox', { name: 'Teksti' });
    await body.fill('## Miten\n\nSovimme **viisi** tapaamista vuodessa.');
    await a.page.getByRole('button', { name: 'Tallenna muutokset' }).click();
    await poll(() => a.page.locator('h1').textContent()).toMatch(
      /^Muutokset versiosta \d+ versioon \d+$/,
    );
    await poll(() => a.page.locator('.word-diff ins').first().textContent()).toContain('viisi');
    expect(await a.page.locator('.word-diff del').first().textContent()).toContain('neljä');
    expect(await a.page.locator('.word-diff ins').first().textContent()).toContain('lisätty:');
    await expectAccessible(a.page, 'the diff of a saved edit, on a phone');
    await screenshot(a.page, 'library-edit-diff-phone');

    // Bertta sees the new text without reloading.
    await poll(() => b.page.getByText('viisi', { exact: false }).count()).toBeGreaterThan(0);

    // Bertta starts editing; meanwhile Aino saves again (from another device).
    await b.page.goto(`/kirjasto/${id}/muokkaa`);
    const bBody = b.page.getByRole('textbox', { name: 'Teksti' });
    await poll(() => bBody.inputValue()).toContain('viisi');
    const { entry } = await withSocket(aino, (s) =>
      command<{ entry: { revision: number; title: string } & Record<string, unknown> }>(
        s,
        'library:get',
        { id },
      ),
    );
    const content = {
      title: entry.title,
      summary: 'Tapaamiset sovitaan syksyllä vuodeksi kerrallaan.',
      body: entry.body,
      language: entry.language,
      themes: entry.themes,
      steps: entry.steps,
      cooperationModel: entry.cooperationModel,
      qualityAreas: entry.qualityAreas,
      level: entry.level,
      municipalityCode: entry.municipalityCode,
      countyCode: entry.countyCode,
      sources: entry.sources,
    };
    await withSocket(aino, (s) =>
      command(s, 'library:save', { id, baseRevision: entry.revision, content }),
    );
    await bBody.fill('## Miten\n\nSovimme viisi tapaamista vuodessa. Kutsumme myös neuvolan.');
    await b.page.getByRole('button', { name: 'Tallenna muutokset' }).click();
    // Refused with the difference; Bertta's text stays in the editor.
    const conflict = b.page.locator('.conflict-panel');
    await poll(() => conflict.count()).toBe(1);
    expect(await conflict.getByRole('alert').textContent()).toContain('Aino Kirjoittaja tallensi');
    expect(await bBody.inputValue()).toContain('Kutsumme myös neuvolan.');
    await expectAccessible(b.page, 'a conflict to merge');
    await screenshot(b.page, 'library-edit-conflict');
    // She keeps Aino's new summary (the editor holds hers: take theirs) and saves the merge.
    await conflict.getByRole('button', { name: 'Käytä hänen versiotaan: Tiivistelmä' }).click();
    await poll(() => b.page.getByRole('textbox', { name: 'Tiivistelmä' }).inputValue()).toContain(
      'syksyllä',
    );
    await b.page.getByRole('button', { name: 'Tallenna yhdistetty teksti' }).click();
    await poll(() => b.page.locator('h1').textContent()).toMatch(/^Muutokset versiosta/);
    await b.page.goto(`/kirjasto/${id}`);
    await poll(() => b.page.getByText('Kutsumme myös neuvolan.').count()).toBeGreaterThan(0);
    await poll(() => b.page.getByText(/syksyllä/).count()).toBeGreaterThan(0);

    // The revision list compares any two and offers restore.
    await b.page.goto(`/kirjasto/${id}/versiot`);
    await poll(() => b.page.getByRole('table').count()).toBe(1);
    await expectAccessible(b.page, 'the revision list');

    // An expert stamps the current revision.
    const e = await openAs(eero, `/kirjasto/${id}`, PHONE);
    await e.page.getByRole('button', { name: 'Merkitse asiantuntijan tarkastamaksi' }).click();
    const stamp = e.page.getByRole('dialog', { name: 'Asiantuntijan tarkastus' });
    await poll(() => stamp.isVisible()).toBe(true);
    await expectAccessible(e.page, 'the stamp dialog, on a phone');
    await screenshot(e.page, 'library-edit-stamp-phone');
    await stamp.getByRole('button', { name: /^Merkitse versio \d+$/ }).click();
    await poll(() => e.page.getByRole('button', { name: 'Tarkastusmerkintä' }).count()).toBe(1);

    // Eero follows the entry, to hear of its next changes.
    const follow = e.page.getByRole('button', { name: 'Seuraa', exact: true });
    expect(await follow.getAttribute('aria-pressed')).toBe('false');
    await follow.click();
    await poll(() => follow.getAttribute('aria-pressed')).toBe('true');
    expect(await follow.textContent()).toBe('✓ Seuraa');
    await expectAccessible(e.page, 'the entry, followed, on a phone');
    await screenshot(e.page, 'library-follow-phone');

    // Bertta says "we tried this too".
    await b.page.goto(`/kirjasto/${id}`);
    await b.page.getByRole('button', { name: 'Kokeilimme tätä myös' }).click();
    const tried = b.page.getByRole('dialog', { name: 'Kokeilimme tätä myös' });
    await poll(() => tried.isVisible()).toBe(true);
    await tried.getByRole('button', { name: 'Kerro muille' }).click();
    await poll(() =>
      b.page.getByRole('button', { name: /Kokeilimme tätä myös/ }).getAttribute('aria-pressed'),
    ).toBe('true');
    await expectAccessible(b.page, 'the entry after validating');
    await screenshot(b.page, 'library-edit-validated');
    for (const c of [a.context, b.context, e.context]) await c.close();
  }, 300_000);

  it('saves a public channel message to the library; the quoted person agrees to be named', async () => {
    const kalle = await createApprovedUser({ name: 'Kalle Kertoja', role: 'member' });
    const saara = await createApprovedUser({ name: 'Saara Tallentaja', role: 'member' });
    const eero = await createApprovedUser({ name: 'Eemeli Arvioija', role: 'expert' });
    const text = `Neuvolan terveydenhoitaja kävi vanhempainillassa ${Date.now().toString(36)}`;
    const channelId = await withSocket(kalle, async (s) => {
      const { conversations } = await command<{ conversations: { id: string; name: string }[] }>(
        s,
        'conversation:list',
        {},
      );
      const id = conversations.find((c) => c.name === 'yleinen')!.id;
      await command(s, 'message:send', { conversationId: id, clientId: crypto.randomUUID(), text });
      return id;
    });
    const k = await openAs(kalle, '/c', DESKTOP);

    // Saara, on her phone, saves Kalle's message from its menu: a prefilled draft opens.
    const s = await openAs(saara, `/c/${channelId}`, PHONE);
    const message = s.page.locator('.timeline-pane article.message', { hasText: text });
    await poll(() => message.count()).toBe(1);
    await message.getByRole('button', { name: 'Viestin toiminnot' }).click();
    await message.getByRole('button', { name: 'Tallenna kirjastoon' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Tallenna kirjastoon' });
    await poll(() => dialog.isVisible()).toBe(true);
    await expectAccessible(s.page, 'save to library dialog, on a phone');
    await screenshot(s.page, 'library-edit-from-chat-phone');
    await dialog.getByRole('button', { name: 'Tee luonnos' }).click();
    await poll(() => s.page.url()).toMatch(/\/kirjasto\/[0-9a-f]{24}\/muokkaa$/);
    await poll(() => s.page.getByRole('textbox', { name: 'Otsikko' }).inputValue()).toBe(text);
    expect(await s.page.getByRole('textbox', { name: 'Teksti' }).inputValue()).toContain(
      `> ${text}`,
    );
    expect(await s.page.getByText('Tämä luonnos on tallennettu keskusteluviestistä.').count()).toBe(
      1,
    );

    await s.page.getByRole('button', { name: 'Julkaise' }).click();
    await poll(() => s.page.url()).toMatch(/\/kirjasto\/[0-9a-f]{24}$/);

    // Kalle is asked, wherever he is, and agrees with one click.
    await poll(() => k.page.locator('.toast').textContent()).toContain(
      'Sanasi päätyivät kirjastoon',
    );
    await k.page.goto('/kirjasto/maininnat');
    await k.page.getByRole('button', { name: 'Kyllä, mainitkaa nimeni' }).click();
    await poll(() => k.page.locator('.credit-status').textContent()).toBe(
      'Annoit luvan: nimesi näkyy.',
    );
    await expectAccessible(k.page, 'credit requests');
    await screenshot(k.page, 'library-edit-credits');

    // An expert finds the review list from the library's page; the new entry waits there.
    const e = await openAs(eero, '/kirjasto', PHONE);
    await e.page.getByRole('link', { name: 'Tarkastettavat' }).click();
    await poll(() => e.page.locator('h1').textContent()).toBe('Tarkastettavat');
    const due = e.page.locator('.review-due-list li', { hasText: text });
    await poll(() => due.count()).toBe(1);
    expect(await due.textContent()).toContain('Ei vielä tarkastettu');
    await expectAccessible(e.page, 'review due list, on a phone');
    await screenshot(e.page, 'library-edit-review-due-phone');
    for (const c of [k.context, s.context, e.context]) await c.close();
  }, 300_000);
});
