import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  command,
  createApprovedUser,
  signInContext,
  withSocket,
  type TestAccount,
} from './accounts.js';
import { ARTIFACTS, DESKTOP, PHONE, baseUrl, expectAccessible, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';

/*
 * Issue 12, the finding side, as a new member would do it: find a good practice by an
 * inflected Finnish word, narrow the list with a facet (the address keeps it, a reload shows
 * the same), open the entry, take its A4 print view (the QR code leads back to the live entry),
 * and meet the library's hits on the search page above the messages. On a 360 px phone.
 */

const { openAs, newContext } = browserPerFile('library-find');

const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout });

interface Entry {
  id: string;
  revision: number;
}

/** Writes and publishes an entry as `author`, over the same socket commands the editor uses. */
async function publish(author: TestAccount, content: Record<string, unknown>): Promise<Entry> {
  return withSocket(author, async (socket) => {
    const { entry } = await command<{ entry: Entry }>(socket, 'library:create', {
      content: {
        summary: '',
        language: 'fi',
        themes: [],
        steps: [],
        cooperationModel: null,
        qualityAreas: [],
        level: 'municipal',
        municipalityCode: null,
        countyCode: null,
        sources: [],
        ...content,
      },
    });
    await command(socket, 'library:publish', { id: entry.id });
    return entry;
  });
}

const items = (page: Page) => page.locator('.library-list > li');
const titles = (page: Page) => page.locator('.library-list .library-item-title').allTextContents();

/** Decodes the QR code inside `element` from a screenshot, as a phone's camera would. */
async function readQr(page: Page, selector: string): Promise<string | undefined> {
  const png = PNG.sync.read(await page.locator(selector).screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

describe('finding a good practice', () => {
  it('finds an entry by an inflected word, narrows by facet, opens and prints it', async () => {
    const tag = randomUUID().slice(0, 8);
    const maija = await createApprovedUser({ name: 'Maija Kirjoittaja' });
    const pekka = await createApprovedUser({ name: 'Pekka Etsijä' });
    const daycare = await publish(maija, {
      title: `Päiväkodin ja vanhempien tapaamiset ${tag}`,
      summary: 'Vanhempainyhdistys ja päiväkoti tapaavat kahdesti vuodessa.',
      body: [
        '## Miten aloitimme',
        '',
        `Vanhempainyhdistyksen hallitus kutsui päiväkodin johtajan syyskokoukseen (${tag}).`,
        '',
        '## Mitä opimme',
        '',
        '- Henkilökohtainen kutsu puhelimella toimii parhaiten.',
        '- Kunnan viranhaltijat mukaan alusta asti.',
      ].join('\n'),
      themes: ['early-childhood-education', 'municipal-cooperation'],
      steps: [1, 2],
      cooperationModel: 'network',
      qualityAreas: ['impact'],
      municipalityCode: '405',
      countyCode: 'EK',
      sources: [
        { title: 'Kuntaliiton hyvien käytäntöjen foorumi', url: 'https://www.kuntaliitto.fi/' },
      ],
    });
    await publish(maija, {
      title: `Koulun vuosikello ${tag}`,
      body: `Koulun ja kodin tapaamiset sovitaan vuosikelloon (${tag}).`,
      themes: ['school'],
      steps: [3],
    });

    // Pekka opens the library from the navigation on his phone and searches with a form of
    // the word that appears nowhere in the text.
    const { context, page } = await openAs(pekka, '/', PHONE);
    await page
      .getByRole('navigation', { name: 'Päävalikko' })
      .getByRole('link', { name: 'Hyvät käytännöt' })
      .click();
    await poll(() => page.locator('h1').textContent()).toBe('Hyvät käytännöt');
    const box = page.getByRole('searchbox', { name: 'Hae hyvistä käytännöistä' });
    await box.fill(`vanhempainyhdistykselle ${tag}`);
    await box.press('Enter');
    await poll(() => titles(page)).toEqual([`Päiväkodin ja vanhempien tapaamiset ${tag}`]);
    expect(new URL(page.url()).searchParams.get('q')).toBe(`vanhempainyhdistykselle ${tag}`);
    expect(await page.locator('.library-count').textContent()).toBe('1 käytäntö');
    expect(await items(page).locator('mark').allTextContents()).toContain('Vanhempainyhdistyksen');
    await expectAccessible(page, 'library search results, on a phone');
    await screenshot(page, 'library-find-search-phone');

    // Both entries with the tag; the filters (folded on a phone) narrow them, with counts.
    await page.goto(`/kirjasto?q=${tag}`);
    await poll(() => items(page).count()).toBe(2);
    await page.locator('.library-filters summary').click();
    const school = page
      .getByRole('group', { name: 'Teema' })
      .getByRole('checkbox', { name: 'Koulu (1)' });
    await school.check();
    await poll(() => titles(page)).toEqual([`Koulun vuosikello ${tag}`]);
    expect(new URL(page.url()).searchParams.getAll('teema')).toEqual(['school']);
    await page.getByLabel('Järjestys').selectOption('most-validated');
    await poll(() => new URL(page.url()).searchParams.get('jarjestys')).toBe('most-validated');
    await expectAccessible(page, 'library filters open, on a phone');
    await screenshot(page, 'library-find-filters-phone');

    // The address is a permalink: opened again, the same search, filter and order.
    await page.reload();
    await poll(() => titles(page)).toEqual([`Koulun vuosikello ${tag}`]);
    expect(await page.getByLabel('Järjestys').inputValue()).toBe('most-validated');
    await page.locator('.library-filters summary').click();
    expect(await page.getByRole('checkbox', { name: 'Koulu (1)' }).isChecked()).toBe(true);
    await page.getByRole('checkbox', { name: 'Koulu (1)' }).uncheck();
    await poll(() => items(page).count()).toBe(2);

    // The entry: its text with headings, its details, author, review state.
    await page.getByRole('link', { name: `Päiväkodin ja vanhempien tapaamiset ${tag}` }).click();
    await poll(() => page.url()).toBe(`${baseUrl()}/kirjasto/${daycare.id}`);
    await poll(() => page.locator('h1').textContent()).toBe(
      `Päiväkodin ja vanhempien tapaamiset ${tag}`,
    );
    const article = page.locator('article');
    expect(await article.locator('.markdown h2').allTextContents()).toEqual([
      'Miten aloitimme',
      'Mitä opimme',
    ]);
    expect(await article.textContent()).toContain(
      'Asiantuntija ei ole vielä tarkastanut tätä käytäntöä.',
    );
    const details = await page.locator('.entry-details').first().textContent();
    expect(details).toContain('Varhaiskasvatus, Yhteistyö kunnan kanssa');
    expect(details).toContain('Lappeenranta, Etelä-Karjalan hyvinvointialue');
    expect(await page.getByRole('region', { name: 'Tekijät' }).textContent()).toContain(
      'Maija Kirjoittaja',
    );
    const source = page.getByRole('link', { name: 'Kuntaliiton hyvien käytäntöjen foorumi' });
    expect(await source.getAttribute('rel')).toBe('noopener noreferrer nofollow ugc');
    await expectAccessible(page, 'a library entry, on a phone');
    await screenshot(page, 'library-find-entry-phone');

    // The print view: a plain address, only the sheet on paper, a QR code to the live entry.
    await page.getByRole('link', { name: 'Tulostettava versio (A4)' }).click();
    await poll(() => page.url()).toBe(`${baseUrl()}/kirjasto/${daycare.id}/tulosta`);
    await poll(() => page.locator('.print-status').textContent()).toContain('Versio 1, päivitetty');
    expect(await page.locator('.print-status').textContent()).toContain(
      'Ei vielä asiantuntijan tarkastama.',
    );
    await expectAccessible(page, 'the print view on screen, on a phone');
    await screenshot(page, 'library-find-print-screen-phone');
    const liveUrl = `${baseUrl()}/kirjasto/${daycare.id}`;
    expect(await readQr(page, '.qr-code')).toBe(liveUrl);
    await context.close();
  });

  it('prints on A4 with the revision, the review and a QR code that opens the live entry', async () => {
    const tag = randomUUID().slice(0, 8);
    const author = await createApprovedUser({ name: 'Liisa Tulostaja' });
    const entry = await publish(author, {
      title: `Neuvola vanhempainillassa ${tag}`,
      summary: 'Terveydenhoitaja kertoo vanhempainillassa neuvolan palveluista.',
      body: Array.from(
        { length: 6 },
        (_, i) =>
          `## Vaihe ${i + 1}\n\nSovitaan päiväkodin kanssa ilta, kutsutaan terveydenhoitaja ja kerrotaan vanhemmille ajoissa. ${'Keskustelu jatkuu kahvin äärellä. '.repeat(8)}`,
      ).join('\n\n'),
      themes: ['family-centres', 'wellbeing'],
      steps: [3],
      countyCode: 'EK',
      level: 'regional',
      sources: [
        { title: 'Kuntaliiton foorumi: alueelliset käytännöt', url: 'https://www.kuntaliitto.fi/' },
      ],
    });
    // An expert stamps the revision; a member from Lappeenranta says they tried it too.
    const eero = await createApprovedUser({ name: 'Eero Asiantuntija', role: 'expert' });
    await withSocket(eero, (socket) =>
      command(socket, 'library:review', { id: entry.id, revision: entry.revision }),
    );
    const tuula = await createApprovedUser({ name: 'Tuula Kokeilija' });
    await withSocket(tuula, (socket) =>
      command(socket, 'library:validate', { id: entry.id, municipalityCode: '405' }),
    );

    // The entry page shows the stamp and where it was tried.
    const { context, page } = await openAs(author, `/kirjasto/${entry.id}`, DESKTOP);
    await poll(() => page.locator('.review-stamp').textContent()).toContain(
      'Eero Asiantuntija tarkasti version 1',
    );
    const tried = page.getByRole('region', { name: 'Me kokeilimme tätä myös' });
    await poll(() => tried.textContent()).toContain('1 toimija kertoo kokeilleensa tätä.');
    await poll(() => tried.getByRole('listitem').allTextContents()).toEqual(['Lappeenranta (1)']);
    await expectAccessible(page, 'a reviewed and tried entry');
    await screenshot(page, 'library-find-entry-reviewed');

    await page.goto(`/kirjasto/${entry.id}/tulosta`);
    await poll(() => page.locator('h1').textContent()).toBe(`Neuvola vanhempainillassa ${tag}`);
    await poll(() => page.locator('.print-reviewed').textContent()).toMatch(
      /^✓ Asiantuntijan tarkastama: Eero Asiantuntija, \d+\.\d+\.\d{4} \(versio 1\)$/,
    );

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.locator('.print-toolbar').isVisible()).toBe(false);
    expect(await page.locator('.app-footer').isVisible()).toBe(false);
    // An A4 page's printable width at 96 dpi (210 mm less 2 × 15 mm margins).
    await page.setViewportSize({ width: 680, height: 962 });
    await screenshot(page, 'library-find-print-a4');
    expect(await readQr(page, '.qr-code')).toBe(`${baseUrl()}/kirjasto/${entry.id}`);

    const dir = path.join(ARTIFACTS, 'pdf');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'library-find-print.pdf');
    await page.pdf({ path: file, format: 'A4', printBackground: true });
    const pdf = readFileSync(file, 'latin1');
    const pages = pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages, 'the long entry runs onto a second sheet').toBeGreaterThanOrEqual(2);
    // A4 in PDF points (1/72 in): 595 × 842.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/.exec(pdf)?.slice(1).map(Number) ?? [];
    expect(box[0]).toBeCloseTo(595, -1);
    expect(box[1]).toBeCloseTo(842, -1);
    await context.close();
  });

  it('shows the library’s hits in their own section above the messages on the search page', async () => {
    const tag = randomUUID().slice(0, 8);
    const anna = await createApprovedUser({ name: 'Anna Hakija' });
    const entry = await publish(anna, {
      title: `Vertaistukiryhmä vanhemmille ${tag}`,
      body: `Vanhempainyhdistys kokoaa vertaistukiryhmän kerran kuussa (${tag}).`,
      themes: ['peer-support'],
    });
    const channel = await withSocket(anna, async (socket) => {
      const { conversations } = await command<{
        conversations: { id: string; kind: string; visibility: string }[];
      }>(socket, 'conversation:list', {});
      const open = conversations.find((c) => c.kind === 'channel' && c.visibility === 'public');
      await command(socket, 'message:send', {
        conversationId: open!.id,
        clientId: randomUUID(),
        text: `Vanhempainyhdistyksen vertaistukiryhmä alkaa taas (${tag}).`,
      });
      return open!;
    });
    expect(channel).toBeTruthy();

    const { context, page } = await openAs(
      anna,
      `/haku?q=${encodeURIComponent(`vanhempainyhdistykselle ${tag}`)}`,
      PHONE,
    );
    const library = page.getByRole('region', { name: 'Hyvät käytännöt' });
    await poll(() =>
      library.getByRole('link', { name: `Vertaistukiryhmä vanhemmille ${tag}` }).count(),
    ).toBe(1);
    await poll(() => page.locator('.search-hits li').count()).toBe(1);
    const headings = await page.locator('main h2').allTextContents();
    expect(headings.indexOf('Hyvät käytännöt')).toBeLessThan(headings.indexOf('Viestit'));
    expect(headings.indexOf('Hyvät käytännöt')).toBeGreaterThanOrEqual(0);
    await expectAccessible(page, 'search with library hits, on a phone');
    await screenshot(page, 'library-find-search-page-phone');
    await library.getByRole('link', { name: 'Näytä osuma kirjastossa' }).click();
    await poll(() => titles(page)).toEqual([`Vertaistukiryhmä vanhemmille ${tag}`]);
    await page.getByRole('link', { name: `Vertaistukiryhmä vanhemmille ${tag}` }).click();
    await poll(() => page.url()).toBe(`${baseUrl()}/kirjasto/${entry.id}`);
    await context.close();
  });

  it('speaks Swedish to a Swedish reader, on a phone', async () => {
    const tag = randomUUID().slice(0, 8);
    const stina = await createApprovedUser({ name: 'Stina Svensson', language: 'sv' });
    await publish(stina, {
      title: `Föräldrakafé i daghemmet ${tag}`,
      body: `Föräldrarna träffas på daghemmet en gång i månaden (${tag}).`,
      language: 'sv',
      themes: ['peer-support'],
      steps: [1],
    });
    const context = await newContext(PHONE, 'sv-FI');
    await signInContext(context, stina);
    const page = await context.newPage();
    await page.goto(`/kirjasto?q=${tag}`);
    await poll(() => page.locator('h1').textContent()).toBe('Goda exempel');
    await poll(() => titles(page)).toEqual([`Föräldrakafé i daghemmet ${tag}`]);
    expect(await page.locator('.library-count').textContent()).toBe('1 exempel');
    await page.locator('.library-filters summary').click();
    const steps = page.getByRole('group', { name: 'Steg i verksamhetsmodellen' });
    expect(await steps.getByRole('checkbox').count()).toBe(1);
    expect(
      await steps.getByRole('checkbox', { name: '1. Samla föräldraaktörerna (1)' }).count(),
    ).toBe(1);
    expect(await page.getByRole('checkbox', { name: 'svenska (1)' }).count()).toBe(1);
    await expectAccessible(page, 'the library in Swedish, on a phone');
    await screenshot(page, 'library-find-sv-phone');
    await context.close();
  });
});
