import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  apiCall,
  command,
  connectAs,
  createApprovedUser,
  firstAdmin,
  type TestAccount,
} from './accounts.js';
import { PHONE, expectAccessible, screenshot } from './harness.js';
import { browserPerFile } from './browser.js';

/*
 * Issue 11, item 7: an admin publishes a new privacy statement in the browser; a member whose
 * tab is open in a channel is sent to the consent page without reloading, reads the new text,
 * accepts it and is back in the channel, live. Publishing changes the statement for the whole
 * server, so every account used here accepts it before the next test file (afterAll).
 */

const { openAs, newContext } = browserPerFile();
let admin: TestAccount | undefined;
afterAll(async () => {
  // Later files sign in as the first admin: it must not be left at the consent screen.
  if (admin) {
    const { body } = await apiCall<{ version: string }>('GET', '/privacy');
    await apiCall('POST', '/consent', {
      body: { version: body.version, consent: true },
      cookie: admin.cookie,
    });
  }
});

const poll = <T>(fn: () => T | Promise<T>, timeout = 10_000) => expect.poll(fn, { timeout });

const pathOf = (page: Page) => new URL(page.url()).pathname;
const textarea = (page: Page, label: string) => page.getByRole('textbox', { name: label });

describe('privacy-statement versions', () => {
  it('an admin publishes a version; an open member tab goes to the consent page, accepts it and continues live', async () => {
    admin = await firstAdmin();
    const member = await createApprovedUser({ name: 'Milla Suostuja', role: 'member' });
    const socket = await connectAs(member.cookie);
    const { conversations } = await command<{
      conversations: { id: string; name: string; kind: string }[];
    }>(socket, 'conversation:list', {});
    socket.close();
    const channel = conversations.find((c) => c.kind === 'channel')!;

    // The member reads a channel on a phone.
    const m = await openAs(member, `/c/${channel.id}`, PHONE);
    await poll(() => m.page.locator('h1').textContent()).toBe(`# ${channel.name}`);
    await poll(() => m.page.locator('.connection-label').textContent()).toBe('Yhdistetty');

    // The admin writes the new version, previews it, and is stopped by a blank language.
    const a = await openAs(admin, '/yllapito/tietosuoja');
    await poll(() => a.page.locator('h1').textContent()).toBe('Julkaise uusi tietosuojaseloste');
    const version = `2099-12-31-e2e${Date.now().toString(36)}`;
    const marker = `Uusi kohta ${Date.now().toString(36)}`;
    await a.page.getByRole('textbox', { name: /^Versio/ }).fill(version);
    await textarea(a.page, 'Seloste: suomi').fill(
      `# Tietosuojaseloste\n\n## Muutos\n\n**${marker}**: säilytämme vähemmän.`,
    );
    await textarea(a.page, 'Seloste: englanti').fill('# Privacy statement\n\nWe keep less.');
    await a.page.getByRole('button', { name: 'Näytä esikatselu (suomi)' }).click();
    const preview = a.page.getByRole('article', { name: 'Esikatselu: suomi' });
    await poll(() => preview.locator('strong').textContent()).toBe(marker);
    await poll(() => preview.locator('h1').count()).toBe(0); // the page has the one h1
    await a.page.getByRole('button', { name: 'Julkaise…' }).click();
    await poll(() => a.page.getByText('Kirjoita seloste (kieli: ruotsi).').count()).toBe(1);
    await poll(() => a.page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(
      'sv',
    );
    await expectAccessible(a.page, 'publish form with an error');
    await textarea(a.page, 'Seloste: ruotsi').fill('# Dataskyddsbeskrivning\n\nVi sparar mindre.');

    // Someone is filling in the join form, read against the statement in force.
    const visitor = await newContext(PHONE);
    const j = await visitor.newPage();
    await j.goto('/liity');
    await j.getByRole('textbox', { name: /^Nimi/ }).fill('Jonna Liittyjä');
    await j
      .getByRole('textbox', { name: /^Sähköpostiosoite/ })
      .fill(`jonna.${Date.now().toString(36)}@e2e.example`);
    await j.getByRole('combobox', { name: /^Kunta/ }).fill('jyväs');
    await j.getByRole('option', { name: /^Jyväskylä/ }).click();
    await j.getByRole('textbox', { name: /^Miksi/ }).fill('Haluan mukaan.');
    await j.getByRole('checkbox', { name: /Annan suostumukseni/ }).check();

    // Publishing asks first.
    await a.page.getByRole('button', { name: 'Julkaise…' }).click();
    const confirm = a.page.getByRole('alertdialog', { name: `Julkaistaanko versio ${version}?` });
    await poll(() => confirm.count()).toBe(1);
    await expectAccessible(a.page, 'publish confirmation');
    await screenshot(a.page, 'privacy-publish-confirm');
    await confirm.getByRole('button', { name: 'Julkaise nyt' }).click();

    // Both tabs are sent to the consent page, without a reload, with the new text.
    for (const page of [m.page, a.page]) {
      await poll(() => pathOf(page)).toBe('/suostumus');
      await poll(() => page.locator('h1').textContent()).toBe('Tietosuojaseloste on päivittynyt');
      await poll(() => page.getByText(marker).count()).toBe(1);
    }
    await expectAccessible(m.page, 'consent page on a phone');

    // The join form's consent was to the old text: sending shows the new one and asks again.
    await j.getByRole('button', { name: 'Lähetä liittymispyyntö' }).click();
    await poll(() => j.getByText(/Tietosuojaseloste päivittyi sillä aikaa/).count()).toBe(1);
    await poll(() => j.getByText(marker).count()).toBe(1);
    expect(await j.getByRole('checkbox', { name: /Annan suostumukseni/ }).isChecked()).toBe(false);
    await expectAccessible(j, 'join form with the new statement');
    await j.getByRole('checkbox', { name: /Annan suostumukseni/ }).check();
    await j.getByRole('button', { name: 'Lähetä liittymispyyntö' }).click();
    await poll(() => j.locator('h1').textContent()).toBe('Tarkista sähköpostisi');
    await visitor.close();
    expect(
      await m.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      'no sideways scrolling at 360 px',
    ).toBeLessThanOrEqual(0);
    await screenshot(m.page, 'privacy-reconsent-phone');

    // The member accepts and is back in the channel, hearing it live again.
    await m.page.getByRole('checkbox', { name: /Olen lukenut tietosuojaselosteen/ }).check();
    await m.page.getByRole('button', { name: 'Hyväksy ja jatka' }).click();
    await poll(() => pathOf(m.page)).toBe(`/c/${channel.id}`);
    await a.page.getByRole('checkbox', { name: /Olen lukenut tietosuojaselosteen/ }).check();
    await a.page.getByRole('button', { name: 'Hyväksy ja jatka' }).click();
    await poll(() => pathOf(a.page)).toBe('/yllapito/tietosuoja');
    const adminSocket = await connectAs(admin.cookie);
    try {
      await command(adminSocket, 'message:send', {
        conversationId: channel.id,
        clientId: crypto.randomUUID(),
        text: `Tervetuloa takaisin ${marker}`,
      });
    } finally {
      adminSocket.close();
    }
    await poll(() =>
      m.page
        .locator('.timeline-pane article.message', { hasText: `Tervetuloa takaisin ${marker}` })
        .count(),
    ).toBe(1);

    // The same version id again is refused with a clear message (the form starts empty again).
    await a.page.getByRole('textbox', { name: /^Versio/ }).fill(version);
    for (const lang of ['suomi', 'ruotsi', 'englanti'])
      await textarea(a.page, `Seloste: ${lang}`).fill('Toinen teksti');
    await a.page.getByRole('button', { name: 'Julkaise…' }).click();
    await a.page.getByRole('button', { name: 'Julkaise nyt' }).click();
    await poll(() =>
      a.page.getByText('Tämä versio on jo olemassa. Valitse toinen versiotunnus.').count(),
    ).toBe(1);

    // The member reads again what they accepted, among all versions.
    await m.page.goto('/tietosuoja');
    const mine = m.page.getByRole('region', { name: 'Suostumuksesi' });
    await poll(() => mine.getByText(`Hyväksyit version ${version}`).count()).toBe(1);
    await mine.getByText('Näytä hyväksymäsi teksti').click();
    await poll(() => mine.locator('strong', { hasText: marker }).count()).toBe(1);
    await poll(() =>
      m.page.getByRole('region', { name: 'Kaikki versiot' }).getByRole('listitem').count(),
    ).toBeGreaterThanOrEqual(2);
    await expectAccessible(m.page, 'privacy page with my consent');
    await screenshot(m.page, 'privacy-page-phone');
    await m.context.close();
    await a.context.close();
  }, 300_000);
});
