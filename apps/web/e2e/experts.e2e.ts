import { describe, expect, it } from 'vitest';
import { createApprovedUser } from './accounts.js';
import { browserPerFile } from './browser.js';
import { PHONE, expectAccessible, latestMail, screenshot } from './harness.js';

/*
 * Issue 13, items 3 and 4, as people would do it on their phones: an expert writes their profile
 * and office hours, a parent finds them on the experts panel, books a slot and sees the phone
 * number; the expert sees the meeting in their list, and both get a mail with an invite.
 */

const { openAs } = browserPerFile('experts');
const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout });

/** Tomorrow's ISO weekday in Helsinki (the expert's default time zone). */
const tomorrowWeekday = () => {
  const name = new Intl.DateTimeFormat('en', {
    timeZone: 'Europe/Helsinki',
    weekday: 'short',
  }).format(new Date(Date.now() + 86_400_000));
  return ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(name) + 1;
};

describe('meetings with experts', () => {
  it('an expert offers office hours, a parent books a slot, the expert sees it', async () => {
    const expert = await createApprovedUser({ name: 'Eeva Asiantuntija', role: 'expert' });
    const parent = await createApprovedUser({ name: 'Paula Vanhempi', role: 'member' });

    // The expert's own profile and office hours, on a phone.
    const e = await openAs(expert, '/asiantuntijat/oma', PHONE);
    const page = e.page;
    await poll(() =>
      page.getByRole('heading', { name: 'Profiili ja vastaanottoajat' }).count(),
    ).toBe(1);
    await page.getByLabel('Aiheet (pilkuilla erotettuina)').fill('Koulurauha, Yhdistyksen talous');
    await page.getByLabel('Organisaatio tai hanke').fill('Suomen Vanhempainliitto');
    await page.getByLabel('Lyhyt esittely').fill('Autan vanhempainyhdistyksiä talousasioissa.');
    await page.getByLabel('Puhelinnumero', { exact: true }).fill('+358 40 765 4321');
    await page.getByRole('button', { name: 'Lisää vastaanottoaika' }).click();
    await page.getByLabel('Viikonpäivä').selectOption(String(tomorrowWeekday()));
    await page.getByLabel('Alkaa').fill('09:00');
    await page.getByLabel('Päättyy').fill('12:00');
    const profileForm = page.getByRole('form', { name: 'Profiili ja vastaanottoajat' });
    await profileForm.getByRole('button', { name: 'Tallenna' }).click();
    await poll(() => profileForm.getByRole('status').textContent()).toBe('Tallennettu.');
    await expectAccessible(page, 'expert profile editor');
    await screenshot(page, 'experts-own-profile-phone');

    // The parent finds the expert and their next free time, and books it.
    const p = await openAs(parent, '/asiantuntijat', PHONE);
    const card = p.page.locator('.expert-card', { hasText: 'Eeva Asiantuntija' });
    await poll(() => card.count()).toBe(1);
    await poll(() => card.getByText(/Seuraava vapaa aika: .* klo 09\.00/).count()).toBe(1);
    await expectAccessible(p.page, 'experts panel');
    await screenshot(p.page, 'experts-panel-phone');

    // The expert steps into a meeting and back: the parent's open panel follows, no reload.
    const statusForm = page.getByRole('form', { name: 'Tila' });
    const setStatus = async (label: string) => {
      await statusForm.getByLabel('Tilani').selectOption({ label });
      await statusForm.getByRole('button', { name: 'Tallenna' }).click();
    };
    await setStatus('Tapaamisessa');
    await poll(() => card.getByText('Tapaamisessa', { exact: true }).count()).toBe(1);
    await screenshot(p.page, 'experts-panel-live-status-phone');
    await setStatus('Tavoitettavissa');
    await poll(() => card.getByText('Tapaamisessa', { exact: true }).count()).toBe(0);
    await card.getByRole('button', { name: 'Varaa aika: Eeva Asiantuntija' }).click();
    await poll(() => card.getByLabel('Aika', { exact: true }).count()).toBe(1);
    await card.getByLabel('Aihe', { exact: true }).fill('Tilintarkastus pienessä yhdistyksessä');
    await card.getByLabel('Viesti asiantuntijalle (vapaaehtoinen)').fill('Soitan mielelläni.');
    await expectAccessible(p.page, 'booking form');
    await screenshot(p.page, 'experts-booking-phone');
    await card.getByRole('button', { name: 'Varaa', exact: true }).click();
    await poll(() => card.getByRole('status').textContent()).toMatch(
      /Tapaaminen varattu: .* klo 09\.00/,
    );
    expect(await card.getByText('+358 40 765 4321').count()).toBe(1);
    await screenshot(p.page, 'experts-booked-phone');

    // The expert sees the meeting (who, what, when) but not their own number as a contact.
    await page.goto('/asiantuntijat/tapaamiset');
    const meeting = page.locator('.meeting', { hasText: 'Tilintarkastus pienessä yhdistyksessä' });
    await poll(() => meeting.count()).toBe(1);
    expect(await meeting.getByText('Varaaja: Paula Vanhempi').count()).toBe(1);
    expect(await meeting.getByText('Soitan mielelläni.').count()).toBe(1);
    expect(await meeting.getByText('+358 40 765 4321').count()).toBe(0);
    await expectAccessible(page, 'expert meetings');
    await screenshot(page, 'experts-expert-meetings-phone');

    // Both got a mail with a calendar invite (its content is tested in meetings.test.ts).
    for (const mail of [
      latestMail(/varasit tapaamisen asiantuntijan Eeva Asiantuntija kanssa/),
      latestMail(/Paula Vanhempi varasi kanssasi tapaamisen/),
    ]) {
      expect(mail.text).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
      expect(mail.text).toContain('filename=invite.ics');
    }

    // The parent cancels from their meetings; the expert's list shows it cancelled, live.
    await p.page.goto('/asiantuntijat/tapaamiset');
    const mine = p.page.locator('.meeting', { hasText: 'Tilintarkastus pienessä yhdistyksessä' });
    await poll(() => mine.count()).toBe(1);
    await mine.getByRole('button', { name: 'Peru tapaaminen' }).click();
    await mine.getByRole('button', { name: 'Kyllä, peru' }).click();
    await poll(() => meeting.getByText('Varaaja perui tapaamisen.').count()).toBe(1);
    await screenshot(page, 'experts-cancelled-phone');
  });
});
