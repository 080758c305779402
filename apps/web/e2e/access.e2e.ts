import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  approveJoinRequest,
  createApprovedUser,
  firstAdmin,
  hasAdmin,
  joinAndVerify,
  mailedLink,
  rememberAdmin,
  setupLinkFromServerLog,
  signInContext,
  submitJoinRequest,
} from './accounts.js';
import {
  DESKTOP,
  PHONE,
  expectAccessible,
  holdAppEntry,
  hydrationProblems,
  latestMail,
  screenshot,
} from './harness.js';
import { browserPerFile } from './browser.js';

const { newContext } = browserPerFile('access');

/** Server work (argon2, mail) can take seconds on a busy 2-core machine. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });
/**
 * After sign-in the app moves on by itself: home, then the conversations (on a phone the list
 * at /c; on a wider screen the first channel, once the list has loaded). Each move folds the
 * phone menu and replaces the page, so a click made before the last one lands on the wrong
 * screen. Wait for where the person ends up.
 */
const landed = (page: Page, where: 'list' | 'channel') =>
  poll(() => new URL(page.url()).pathname).toMatch(
    where === 'list' ? /^\/c$/ : /^\/c\/[0-9a-f]{24}$/,
  );
const connection = (page: Page) => page.locator('.connection [role="status"]').textContent();
/** The newest mail to `email` whose text matches (waits for it to arrive). */
async function mailedText(email: string, match: RegExp): Promise<string> {
  let text = '';
  await poll(() => {
    try {
      text = latestMail(
        new RegExp(`${email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s\\S]*${match.source}`),
      ).text;
      return true;
    } catch {
      return false;
    }
  }).toBe(true);
  return text;
}

const heading = (page: Page) => page.locator('h1').textContent();

/** axe and a screenshot at desktop width, then the same at 360 px (no sideways scrolling). */
async function checkScreen(page: Page, name: string) {
  await expectAccessible(page, name);
  await screenshot(page, `access-${name}`);
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow, `${name} fits 360 px`).toBeLessThanOrEqual(0);
  await expectAccessible(page, `${name} (360 px)`);
  await screenshot(page, `access-${name}-phone`);
  await page.setViewportSize(DESKTOP);
}

describe('joining, approval and first sign-in in a real browser', () => {
  it('walks from the join form to the home screen with a moderator approving live', async () => {
    // A name no other file's people have: the suite shares one database, and a second person of
    // the same name made another file's autocomplete show two (conversations.e2e.ts).
    const email = `minna-${Date.now().toString(36)}@e2e.example`;
    const password = 'kevätaurinko paistaa 2026';

    // 1. The applicant reads the form and tries to send it empty.
    const applicant = await newContext(DESKTOP);
    const a = await applicant.newPage();
    await a.goto('/liity');
    await poll(() => heading(a)).toBe('Liity Yhteistyötilaan');
    await checkScreen(a, '01-join-form');
    // The pointer comes over the form (its app starts then: decision 92) to the send button.
    await a.getByRole('button', { name: 'Lähetä liittymispyyntö' }).hover();
    await a.getByRole('button', { name: 'Lähetä liittymispyyntö' }).click();
    const nameBox = a.getByRole('textbox', { name: /^Nimi/ });
    await poll(() => nameBox.getAttribute('aria-invalid')).toBe('true');
    expect(await a.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe(
      'name',
    );
    await checkScreen(a, '02-join-errors');

    // 2. Fills it in, picks the municipality by typing, consents and sends.
    await nameBox.fill('Minna Liittyjä');
    await a.getByRole('textbox', { name: /^Sähköpostiosoite/ }).fill(email);
    const municipality = a.getByRole('combobox', { name: /^Kunta/ });
    await municipality.fill('jyväs');
    await a.getByRole('option', { name: /^Jyväskylä/ }).click();
    expect(await municipality.inputValue()).toBe('Jyväskylä');
    await a.getByRole('textbox', { name: /^Yhdistys/ }).fill('Jyväskylän vanhempainyhdistys');
    await a.getByRole('textbox', { name: /^Tehtäväsi/ }).fill('puheenjohtaja');
    await a
      .getByRole('textbox', { name: /^Miksi/ })
      .fill('Haluan oppia muiden kuntien hyvistä käytännöistä.');
    await a.getByRole('checkbox', { name: /Annan suostumukseni/ }).check();
    await screenshot(a, 'access-03-join-filled');
    await a.getByRole('button', { name: 'Lähetä liittymispyyntö' }).click();
    await poll(() => heading(a)).toBe('Tarkista sähköpostisi');
    await checkScreen(a, '04-check-email');

    // 3. A moderator (the first admin) signs in in a second browser and opens the queue.
    const moderator = await newContext(DESKTOP);
    const m = await moderator.newPage();
    if (hasAdmin()) {
      await signInContext(moderator, await firstAdmin());
    } else {
      const admin = {
        name: 'Aino Ylläpitäjä',
        email: 'aino.admin@e2e.example',
        password: 'kesäinen aamu järvellä 2026',
      };
      await m.goto(
        new URL(setupLinkFromServerLog()).pathname + new URL(setupLinkFromServerLog()).hash,
      );
      await poll(() => heading(m)).toBe('Ensimmäisen ylläpitäjän luominen');
      await m.getByRole('textbox', { name: /^Nimi/ }).waitFor();
      await checkScreen(m, '05-first-admin-setup');
      await m.getByRole('textbox', { name: /^Nimi/ }).fill(admin.name);
      await m.getByRole('textbox', { name: /^Sähköpostiosoite/ }).fill(admin.email);
      await m.getByLabel(/^Salasana$/).fill(admin.password);
      await m.getByLabel(/^Salasana uudelleen/).fill(admin.password);
      await m.getByRole('checkbox').check();
      await m.getByRole('button', { name: 'Luo ylläpitäjä' }).click();
      await poll(() => heading(m)).toBe('Liittymispyynnöt');
      // The first sign-in: the welcome (a modal), closed for good.
      await m.getByRole('button', { name: 'Selvä, aloitetaan' }).click();
      await poll(() => m.getByRole('dialog').count()).toBe(0);
      const session = await m.evaluate(() =>
        fetch('/api/session').then((r) => r.json() as Promise<{ user: { id: string } }>),
      );
      rememberAdmin({ ...admin, id: session.user.id, role: 'admin' });
    }
    await m.goto('/moderointi');
    await poll(() => heading(m)).toBe('Liittymispyynnöt');
    await poll(() => connection(m)).toBe('Yhdistetty');
    expect(await m.getByRole('heading', { name: 'Minna Liittyjä' }).count()).toBe(0);

    // 4. The applicant opens the mailed link: an honest status, and the link works only once.
    const verifyLink = await mailedLink(email, '/liity/vahvista');
    await a.goto(new URL(verifyLink).pathname + new URL(verifyLink).hash);
    await poll(() => a.getByText('Odottaa moderaattorin hyväksyntää').count()).toBe(1);
    expect(a.url()).not.toContain('token=');
    await checkScreen(a, '06-verified-waiting');
    const again = await applicant.newPage();
    await again.goto(new URL(verifyLink).pathname + new URL(verifyLink).hash);
    await poll(() => again.getByRole('alert').textContent()).toContain('Linkki on jo käytetty');
    await checkScreen(again, '07-verify-link-used');
    await again.close();
    const broken = await applicant.newPage();
    await broken.goto('/liity/vahvista#token=abcdefghijklmnop');
    await poll(() => broken.getByRole('alert').textContent()).toContain('Linkki ei kelpaa');
    await broken.close();

    // 5. The request appears in the moderator's queue without a reload; approve as a member.
    const card = m.getByRole('article', { name: 'Minna Liittyjä' });
    await poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('Jyväskylä');
    await checkScreen(m, '08-moderator-queue');
    await card.getByRole('button', { name: 'Ota käsittelyyn' }).click();
    await poll(() => card.getByText('Sinä käsittelet tätä pyyntöä').count()).toBe(1);
    await card.getByRole('button', { name: 'Hyväksy…' }).click();
    await card.getByRole('radio', { name: 'Jäsen' }).check();
    await checkScreen(m, '09-moderator-approve');
    await card.getByRole('button', { name: 'Hyväksy ja lähetä linkki' }).click();
    await poll(() => card.count()).toBe(0);

    // 6. The applicant sets a password from the mailed link and lands signed in.
    const passwordLink = await mailedLink(email, '/salasana/uusi');
    await a.goto(new URL(passwordLink).pathname + new URL(passwordLink).hash);
    await poll(() => heading(a)).toBe('Aseta salasana');
    await a.getByLabel(/^Uusi salasana/).waitFor();
    await a.getByLabel(/^Uusi salasana/).fill('lyhyt');
    await a.getByRole('button', { name: 'Tallenna salasana ja kirjaudu' }).click();
    await poll(() => a.getByText('Salasanassa pitää olla vähintään 10 merkkiä.').count()).toBe(1);
    await checkScreen(a, '10-set-password');
    await a.getByLabel(/^Uusi salasana/).fill(password);
    await a.getByLabel(/^Salasana uudelleen/).fill(password);
    await a.getByRole('button', { name: 'Tallenna salasana ja kirjaudu' }).click();
    await poll(() => a.getByRole('link', { name: /Minna Liittyjä/ }).count()).toBe(1);
    expect(new URL(a.url()).pathname).not.toBe('/salasana/uusi');
    await poll(() => connection(a)).toBe('Yhdistetty');
    // The first sign-in: a welcome, once (axe and screenshots of it: swedish.e2e.ts).
    const welcome = a.getByRole('dialog', { name: 'Tervetuloa Yhteistyötilaan!' });
    await welcome.getByRole('button', { name: 'Selvä, aloitetaan' }).click();
    await poll(() => welcome.count()).toBe(0);
    await checkScreen(a, '11-signed-in-home');

    // 7. Signs out and back in with the new password.
    await a.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await poll(() => heading(a)).toBe('Kirjaudu sisään');
    await a.getByRole('textbox', { name: /^Sähköpostiosoite/ }).fill(email);
    await a.getByLabel(/^Salasana/).fill('väärä salasana aivan');
    await a.getByRole('button', { name: 'Kirjaudu' }).click();
    await poll(() => a.getByRole('alert').textContent()).toBe(
      'Sähköpostiosoite tai salasana on väärin.',
    );
    await checkScreen(a, '12-sign-in-error');
    await a.getByLabel(/^Salasana/).fill(password);
    await a.getByRole('button', { name: 'Kirjaudu' }).click();
    await poll(() => a.getByRole('link', { name: /Minna Liittyjä/ }).count()).toBe(1);
    await landed(a, 'channel');

    // 8. Profile: details, sessions, data and deletion are on one accessible page.
    await a.getByRole('link', { name: /Minna Liittyjä/ }).click();
    await poll(() => heading(a)).toBe('Omat tiedot');
    await poll(() => a.getByText('(tämä laite)').count()).toBe(1);
    expect(await a.getByRole('combobox', { name: /^Kunta/ }).inputValue()).toBe('Jyväskylä');
    await checkScreen(a, '13-profile');

    await applicant.close();
    await moderator.close();
  });

  it('keeps what a visitor typed into the served join form before the app started', async () => {
    // The join form arrives with its content (decision 87): a phone shows it before the
    // scripts run, and the app takes it over without losing a letter. The app's entry is held
    // back until the visitor has typed, so the order is certain.
    const email = `ennen-${Date.now().toString(36)}@e2e.example`;
    const context = await newContext(PHONE);
    const page = await context.newPage();
    const problems = hydrationProblems(page);
    const sent: string[] = [];
    page.on('request', (r) => r.url().includes('/liity?') && sent.push(r.url()));
    const release = await holdAppEntry(page);
    await page.goto('/liity', { waitUntil: 'commit' });
    await page.locator('h1', { hasText: 'Liity Yhteistyötilaan' }).waitFor();
    await page.getByRole('textbox', { name: /^Nimi/ }).fill('Ennen Sovellusta');
    await page.getByRole('textbox', { name: /^Sähköpostiosoite/ }).fill(email);
    await page.getByRole('checkbox', { name: /Annan suostumukseni/ }).check();
    const municipality = page.getByRole('combobox', { name: /^Kunta/ });
    await municipality.fill('jyväs');
    // Before the app, sending would be the browser's own GET with the address in the URL.
    const send = page.getByRole('button', { name: 'Lähetä liittymispyyntö' });
    expect(await send.isDisabled()).toBe(true);
    await municipality.press('Enter');
    release();
    await poll(() => send.isEnabled()).toBe(true);
    expect(await page.getByRole('textbox', { name: /^Nimi/ }).inputValue()).toBe(
      'Ennen Sovellusta',
    );
    // The municipality typed before is searched: the person picks it from the list.
    await page.getByRole('option', { name: /^Jyväskylä/ }).click();
    await send.click();
    await poll(() => heading(page)).toBe('Tarkista sähköpostisi');
    expect(await page.locator('main').textContent()).toContain(email);
    expect(sent).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps what a visitor types at once into the served join form while the network is slow', async () => {
    // The app starts at the first tap (decision 92), as a visitor's: it no longer waits for
    // "who is signed in", which on a slow or lost network came after the 3 s it waited, and the
    // page was drawn anew under the visitor's fingers, empty (a hostile review found it).
    const context = await newContext(PHONE);
    const page = await context.newPage();
    const problems = hydrationProblems(page);
    await page.route('**/api/session', async (route) => {
      await new Promise((r) => setTimeout(r, 4000));
      await route.continue().catch(() => undefined);
    });
    await page.goto('/liity', { waitUntil: 'networkidle' });
    const name = page.getByRole('textbox', { name: /^Nimi/ });
    await name.click();
    await name.pressSequentially('Hidas Verkko', { delay: 60 });
    const send = page.getByRole('button', { name: 'Lähetä liittymispyyntö' });
    await poll(() => send.isEnabled()).toBe(true);
    await page.waitForTimeout(4500); // past the slow answer
    expect(await name.inputValue()).toBe('Hidas Verkko');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps what was typed when the language chosen on the device is not the browser’s', async () => {
    // Served in the browser's language (Finnish), hydrated in it, then shown in the Swedish
    // chosen on this device before: the name typed meanwhile stays.
    const context = await newContext(PHONE);
    const page = await context.newPage();
    const problems = hydrationProblems(page);
    await page.addInitScript(() => localStorage.setItem('yt.language', 'sv'));
    const release = await holdAppEntry(page);
    await page.goto('/liity', { waitUntil: 'commit' });
    await page.locator('h1', { hasText: 'Liity Yhteistyötilaan' }).waitFor();
    const name = page.locator('input[name="name"]');
    await name.fill('Kielen Vaihtaja');
    await name.focus();
    release();
    await poll(() => heading(page)).toBe('Gå med i Yhteistyötila');
    expect(await name.inputValue()).toBe('Kielen Vaihtaja');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    expect(problems).toEqual([]);
    await context.close();
  });

  it("updates the applicant's open status pages when a moderator decides, without a reload", async () => {
    const admin = await firstAdmin();
    const person = await submitJoinRequest({ name: 'Tiina Tilanseuraaja' });
    const context = await newContext(DESKTOP);
    // The verify page and the status page (which reads the token the verify page kept).
    const verify = await context.newPage();
    await verify.goto(new URL(person.verifyLink).pathname + new URL(person.verifyLink).hash);
    await poll(() => verify.getByText('Odottaa moderaattorin hyväksyntää').count()).toBe(1);
    const status = await context.newPage();
    await status.goto('/liity/tila');
    await poll(() => status.getByText('Odottaa moderaattorin hyväksyntää').count()).toBe(1);
    expect(await status.getByText(/päivittyy tälle sivulle itsestään/).count()).toBe(1);
    await checkScreen(status, '06b-status-waiting');
    // A mark that a reload would wipe.
    for (const page of [verify, status])
      await page.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));

    await approveJoinRequest(admin.cookie, person.email);
    for (const page of [status, verify]) {
      // The page polls with a growing pause (2 s, then 1.5x up to a minute).
      await expect
        .poll(() => page.getByText('Hyväksytty', { exact: true }).count(), { timeout: 60_000 })
        .toBe(1);
      expect(await page.getByText('Odottaa moderaattorin hyväksyntää').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
    }
    expect(await status.getByText(/päivittyy tälle sivulle itsestään/).count()).toBe(0);
    await checkScreen(status, '06c-status-approved');
    await context.close();
  });

  it('shows the privacy statement in the chosen language', async () => {
    const context = await newContext(DESKTOP);
    const page = await context.newPage();
    await page.goto('/tietosuoja');
    await poll(() => heading(page)).toBe('Tietosuojaseloste');
    await poll(() => page.getByRole('heading', { name: 'Rekisterinpitäjä' }).count()).toBe(1);
    expect(await page.locator('h1').count()).toBe(1);
    await checkScreen(page, '14-privacy-fi');
    await page.getByLabel('Kieli').selectOption('sv');
    await poll(() => heading(page)).toBe('Dataskyddsbeskrivning');
    await poll(() => page.getByRole('heading', { name: 'Personuppgiftsansvarig' }).count()).toBe(1);
    await checkScreen(page, '15-privacy-sv');
    await page.goto('/liity');
    await page.getByRole('combobox', { name: /^Kommun/ }).fill('helsin');
    await poll(() => page.getByRole('listbox').getByRole('option').first().textContent()).toContain(
      'Helsingfors',
    );
    await context.close();
  });

  it('lists and revokes sessions, edits the profile, exports data and deletes the account', async () => {
    const pekka = await createApprovedUser({ name: 'Pekka Profiili' });
    const laptop = await newContext(DESKTOP);
    await signInContext(laptop, pekka);
    const phone = await newContext(PHONE);
    const p = await phone.newPage();
    await p.goto('/kirjaudu');
    await p.getByRole('textbox', { name: /^Sähköpostiosoite/ }).fill(pekka.email);
    await p.getByLabel(/^Salasana/).fill(pekka.password);
    await p.getByRole('button', { name: 'Kirjaudu' }).click();
    // On the phone the name sits behind the header's menu button.
    await landed(p, 'list');
    await p.getByRole('button', { name: 'Valikko' }).click();
    await poll(() => p.getByRole('link', { name: /Pekka Profiili/ }).count()).toBe(1);

    const l = await laptop.newPage();
    await l.goto('/profiili');
    await poll(() => heading(l)).toBe('Omat tiedot');
    const sessions = l.locator('.sessions > li');
    await poll(() => sessions.count()).toBeGreaterThanOrEqual(2);
    await checkScreen(l, '16-profile-sessions');

    // Revoking the phone's session signs the phone out within seconds (its socket is told).
    const before = await sessions.count();
    await l
      .locator('.sessions')
      .getByRole('button', { name: /^Kirjaa ulos \(Chrome/ })
      .click();
    await poll(() => sessions.count()).toBe(before - 1);
    await poll(() => heading(p)).toBe('Kirjaudu sisään');
    await poll(() =>
      p.getByText('Sinut kirjattiin ulos tältä laitteelta toiselta laitteelta.').count(),
    ).toBe(1);
    await checkScreen(p, '16b-signed-out-elsewhere');

    // Profile edit.
    const municipality = l.getByRole('combobox', { name: /^Kunta/ });
    await municipality.fill('Oulu');
    await l.getByRole('listbox').getByRole('option', { name: /^Oulu/ }).click();
    await l.getByRole('button', { name: 'Tallenna' }).click();
    await poll(() => l.getByText('Tiedot tallennettu.').count()).toBe(1);
    await l.reload();
    await poll(() => l.getByRole('combobox', { name: /^Kunta/ }).inputValue()).toBe('Oulu');

    // Download my data: a ZIP with the JSON (the consent given when joining) and a page that
    // reads in the person's language.
    const [download] = await Promise.all([
      l.waitForEvent('download'),
      l.getByRole('link', { name: 'Lataa omat tiedot' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^yhteistyotila-omat-tiedot-.*\.zip$/);
    const files = unzipSync(readFileSync((await download.path()) ?? ''));
    const file = (ext: string) =>
      strFromU8(files[Object.keys(files).find((f) => f.endsWith(ext)) ?? '']!);
    const exported = JSON.parse(file('.json')) as { format: string; userId: string };
    expect(exported.format).toBe('yhteistyotila-personal-data/1');
    expect(exported.userId).toBe(pekka.id);
    expect(JSON.stringify(exported)).toContain('join-request');
    const readable = await laptop.newPage();
    await readable.setContent(file('.html'));
    await poll(() => readable.getByRole('heading', { name: 'Liittymispyyntösi' }).count()).toBe(1);
    await poll(() => readable.getByText('Oulu', { exact: true }).count()).toBe(1);
    await readable.close();

    // Delete: needs the password and the confirmation; then the account is gone.
    await l.getByRole('button', { name: 'Poista tilini pysyvästi' }).click();
    await poll(() => l.getByText('Vahvista, että haluat poistaa tilisi.').count()).toBe(1);
    await checkScreen(l, '17-delete-errors');
    await l.getByRole('radio', { name: /Poista myös viestini/ }).check();
    await l
      .locator('.danger-zone')
      .getByLabel(/^Nykyinen salasana/)
      .fill(pekka.password);
    await l.getByRole('checkbox', { name: /tilin poistoa ei voi perua/ }).check();
    // Sessions end (and the page is told) before the erasure, which takes a while: signing in
    // again is tried once the server has answered, i.e. the account is gone.
    const erased = l.waitForResponse((r) => r.url().endsWith('/api/me/delete'), {
      timeout: 60_000,
    });
    await l.getByRole('button', { name: 'Poista tilini pysyvästi' }).click();
    expect((await erased).status()).toBe(204);
    await poll(() => l.getByRole('link', { name: 'Liity', exact: true }).count()).toBe(1);
    await l.goto('/kirjaudu');
    await l.getByRole('textbox', { name: /^Sähköpostiosoite/ }).fill(pekka.email);
    await l.getByLabel(/^Salasana/).fill(pekka.password);
    await l.getByRole('button', { name: 'Kirjaudu' }).click();
    await poll(() => l.getByRole('alert').textContent()).toBe(
      'Sähköpostiosoite tai salasana on väärin.',
    );

    await laptop.close();
    await phone.close();
  });

  it('lets a moderator reject with a reason and a message to the applicant', async () => {
    const admin = await firstAdmin();
    const context = await newContext(PHONE);
    await signInContext(context, admin);
    const page = await context.newPage();
    await page.goto('/moderointi');
    await poll(() => heading(page)).toBe('Liittymispyynnöt');
    await poll(() => connection(page)).toBe('Yhdistetty');

    const applicant = await joinAndVerify({ name: 'Roska Postittaja' });
    // The open queue's card: once decided, the request shows in the history list below instead.
    const card = page
      .locator('ul.queue:not(.history)')
      .getByRole('article', { name: 'Roska Postittaja' });
    await poll(() => card.count()).toBe(1);
    await card.getByRole('button', { name: 'Hylkää…' }).click();
    // Opening a decision claims the request for this moderator.
    await poll(() => card.getByText('Sinä käsittelet tätä pyyntöä').count()).toBe(1);
    await card.getByLabel('Syy').selectOption('other');
    await card.getByRole('button', { name: 'Hylkää pyyntö' }).click();
    const reasonText = card.getByLabel(/^Perustelu/);
    await poll(() => reasonText.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await checkScreen(page, '18-moderator-reject');
    await reasonText.fill('Ei vanhempaintoimija');
    await card
      .getByLabel(/^Viesti hakijalle/)
      .fill('Tervetuloa uudelleen, kun toimit vanhempainyhdistyksessä.');
    await card.getByRole('button', { name: 'Hylkää pyyntö' }).click();
    // A rejection is asked twice: the confirmation names its consequences, focus on its question.
    const question = card.getByRole('heading', { name: /Hylätäänkö henkilön .* pyyntö\?/ });
    await poll(() => question.evaluate((el) => el === document.activeElement)).toBe(true);
    await checkScreen(page, '18b-moderator-confirm-reject');
    await card.getByRole('button', { name: 'Kyllä, hylkää' }).click();
    await poll(() => card.count()).toBe(0);
    const decided = page
      .locator('ul.queue.history')
      .getByRole('article', { name: 'Roska Postittaja' });
    await poll(() => decided.count()).toBe(1);
    await poll(() => page.getByRole('status').filter({ hasText: 'Pyyntö hylätty' }).count()).toBe(
      1,
    );
    const mail = await mailedText(applicant.email, /Tervetuloa uudelleen/);
    expect(mail).toContain('valitettavasti');
    await context.close();
  });
});
