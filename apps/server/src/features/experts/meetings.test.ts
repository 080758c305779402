import type { ExpertProfileInput, Slot } from '@yhteistyotila/protocol';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../../auth/user.model.js';
import { api, startServerWithMail, stopServerWithMail } from '../../test/access-helpers.js';
import { createUser, type TestUser } from '../../test/factories.js';
import {
  barrier,
  collect,
  startTestServer,
  type TestServer,
  type TestSocket,
} from '../../test/harness.js';
import type { CaughtMail, SmtpCatcher } from '../../test/smtp-catcher.js';
import { call, connectReady, errorCode, ok } from '../../test/sockets.js';
import { DAY, HOUR } from '../../lib/time.js';
import { MeetingModel } from './meeting.model.js';
import { runMeetingReminders } from './meetings.jobs.js';

/**
 * Meetings in office hours (issue 13, item 4) on a real server, a real database and a real SMTP
 * server: booking, the race for one slot, the .ics invites parsed back with a calendar library,
 * cancelling, an away day, and the reminder sent once by two servers.
 */

let server: TestServer;
let smtp: SmtpCatcher;
let expert: TestUser, parent: TestUser, other: TestUser;
let expertSocket: TestSocket, parentSocket: TestSocket, otherSocket: TestSocket;

const EVERY_DAY: ExpertProfileInput['officeHours'] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  start: '08:00',
  end: '16:00',
}));
const PROFILE: ExpertProfileInput = {
  topics: ['Koulurauha', 'Vanhempainyhdistyksen talous'],
  organisation: 'Suomen Vanhempainliitto',
  introduction: 'Autan yhdistysten talousasioissa.',
  phone: '+358 40 123 4567',
  meetingLink: 'https://meet.example.fi/eeva',
  slotMinutes: 30,
  officeHours: EVERY_DAY,
};

beforeAll(async () => {
  ({ server, smtp } = await startServerWithMail());
  [expert, parent, other] = await Promise.all([
    createUser(server.application, { expert: true, name: 'Eeva Asiantuntija' }),
    createUser(server.application, { name: 'Pekka Vanhempi', language: 'en' }),
    createUser(server.application, { name: 'Olga Muu' }),
  ]);
  // The parent reads their times in London: mails are in the reader's zone and language.
  await UserModel.updateOne({ _id: parent.id }, { $set: { timeZone: 'Europe/London' } });
  [expertSocket, parentSocket, otherSocket] = await Promise.all([
    connectReady(server, expert.cookie),
    connectReady(server, parent.cookie),
    connectReady(server, other.cookie),
  ]);
  await ok(expertSocket, 'experts:save', PROFILE);
}, 60_000);
afterAll(() => stopServerWithMail({ server, smtp }));

/** Free slots at least `afterMs` from now. */
async function freeSlots(afterMs = 0): Promise<Slot[]> {
  const { slots } = await ok(parentSocket, 'experts:slots', { expertId: expert.id });
  return slots.filter((s) => s.free && Date.parse(s.start) > Date.now() + afterMs);
}

/** The .ics of a mail, parsed with ical.js, its VTIMEZONE registered. */
function calendarOf(mail: CaughtMail) {
  const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  expect(ics, `an .ics on "${mail.subject}"`).toBeDefined();
  const root = new ICAL.Component(ICAL.parse(ics!.content));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const vevent = root.getFirstSubcomponent('vevent')!;
  return {
    method: root.getFirstPropertyValue('method'),
    event: new ICAL.Event(vevent),
    tzid: vevent.getFirstProperty('dtstart')!.getParameter('tzid'),
    status: vevent.getFirstPropertyValue('status'),
    raw: ics!.content,
  };
}

const mailsTo = (user: TestUser, subject: RegExp, about = '') =>
  smtp.to(user.email).filter((m) => subject.test(m.subject) && m.text.includes(about));

describe('an expert profile and the experts panel', () => {
  it('shows who is available and when next, never the contact details', async () => {
    const { experts } = await ok(otherSocket, 'experts:list', {});
    const card = experts.find((e) => e.id === expert.id);
    expect(card).toMatchObject({
      name: 'Eeva Asiantuntija',
      topics: PROFILE.topics,
      organisation: PROFILE.organisation,
      bookable: true,
      modes: ['phone', 'online'],
    });
    expect(card?.nextAvailableAt).not.toBeNull();
    expect(JSON.stringify(experts)).not.toContain('123 4567');
    expect(JSON.stringify(experts)).not.toContain('meet.example.fi');
  });

  it('is saved whole and refused with a field issue when office hours end before they start', async () => {
    const { profile } = await ok(expertSocket, 'experts:mine', {});
    expect(profile).toMatchObject({ ...PROFILE, timeZone: 'Europe/Helsinki' });
    const bad = await call(expertSocket, 'experts:save', {
      ...PROFILE,
      officeHours: [{ weekday: 1, start: '12:00', end: '11:00' }],
    });
    expect(errorCode(bad)).toBe('VALIDATION_ERROR');
  });

  it('"away until" hides the expert from booking until then', async () => {
    const until = new Date(Date.now() + 3 * DAY).toISOString();
    await ok(expertSocket, 'experts:setStatus', { kind: 'away', until });
    const slots = await freeSlots();
    expect(slots.every((s) => s.start >= until)).toBe(true);
    const card = (await ok(otherSocket, 'experts:list', {})).experts.find(
      (e) => e.id === expert.id,
    );
    expect(card?.availableNow).toBe(false);
    expect(Date.parse(card!.nextAvailableAt!)).toBeGreaterThanOrEqual(Date.parse(until));
    await ok(expertSocket, 'experts:setStatus', { kind: 'available', until: null });
  });
});

describe('the experts panel, live', () => {
  it('hears a changed status, profile and booked slot as the card a fresh read gives', async () => {
    // The earlier tests' changes are heard first.
    await barrier(server, otherSocket);
    const heard = collect(otherSocket, 'experts:changed');
    const last = () => heard.at(-1)!;
    await ok(expertSocket, 'experts:setStatus', { kind: 'in-meeting', until: null });
    await expect.poll(() => heard.length).toBe(1);
    expect(last()).toMatchObject({
      id: expert.id,
      card: { status: { kind: 'in-meeting', until: null }, availableNow: false },
    });
    await ok(expertSocket, 'experts:setStatus', { kind: 'available', until: null });
    await ok(expertSocket, 'experts:save', { ...PROFILE, topics: ['Uusi aihe'] });
    await expect.poll(() => heard.length).toBe(3);
    expect(last().card).toMatchObject({ status: { kind: 'available' }, topics: ['Uusi aihe'] });
    // Never the contact details: the card goes to everyone.
    expect(JSON.stringify(heard)).not.toContain('123 4567');
    expect(JSON.stringify(heard)).not.toContain('meet.example.fi');

    // A parent books the next free slot: "next available" moves on every open panel.
    const next = last().card!.nextAvailableAt!;
    await ok(parentSocket, 'meeting:book', {
      expertId: expert.id,
      start: next,
      topic: 'Seuraava vapaa',
      mode: 'phone',
    });
    await expect.poll(() => heard.length).toBe(4);
    expect(Date.parse(last().card!.nextAvailableAt!)).toBeGreaterThan(Date.parse(next));
    const fresh = (await ok(otherSocket, 'experts:list', {})).experts.find(
      (e) => e.id === expert.id,
    );
    expect(last().card).toEqual(fresh);
    // The clock's next change of the card is told, so a screen reads again then, not by polling.
    expect(Date.parse(fresh!.changesAt!)).toBeGreaterThan(Date.now());
    expect(Date.parse(fresh!.changesAt!)).toBeLessThanOrEqual(Date.parse(fresh!.nextAvailableAt!));
    // The booked slot still begins office hours ("available now"), though it is no longer free.
    expect(Date.parse(fresh!.changesAt!)).toBeLessThanOrEqual(Date.parse(next));
    await ok(expertSocket, 'experts:save', PROFILE);
  });

  it('tells nothing when a change is refused', async () => {
    await barrier(server, otherSocket);
    const heard = collect(otherSocket, 'experts:changed');
    expect(
      errorCode(await call(otherSocket, 'experts:setStatus', { kind: 'away', until: null })),
    ).toBe('FORBIDDEN');
    await barrier(server, otherSocket);
    expect(heard).toEqual([]);
  });
});

describe('booking a slot', () => {
  it('lets exactly one of racing bookers have a slot; the others get a clear refusal', async () => {
    const [slot] = await freeSlots(HOUR);
    const racers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        createUser(server.application, { name: `Kilpailija ${i}` }).then((u) =>
          connectReady(server, u.cookie),
        ),
      ),
    );
    const results = await Promise.all(
      racers.map((s) =>
        call(s, 'meeting:book', {
          expertId: expert.id,
          start: slot!.start,
          topic: 'Kilpailu',
          mode: 'online',
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.filter((r) => !r.ok);
    expect(refused.map(errorCode)).toEqual([
      'SLOT_TAKEN',
      'SLOT_TAKEN',
      'SLOT_TAKEN',
      'SLOT_TAKEN',
    ]);
    const after = await ok(parentSocket, 'experts:slots', { expertId: expert.id });
    expect(after.slots.find((s) => s.start === slot!.start)?.free).toBe(false);
    for (const s of racers) s.disconnect();
  });

  it('mails both sides an invite in the expert’s time zone; the contact goes to the booker only', async () => {
    const slot = (await freeSlots(2 * DAY))[0]!;
    const heard = collect(expertSocket, 'meeting:changed');
    const { meeting } = await ok(parentSocket, 'meeting:book', {
      expertId: expert.id,
      start: slot.start,
      topic: 'Koulun tukiyhdistys',
      note: 'Kysyisin tilintarkastuksesta.',
      mode: 'phone',
    });
    expect(meeting.contact).toBe(PROFILE.phone);
    await expect.poll(() => heard.length).toBe(1);
    expect(heard[0]?.meeting).toMatchObject({ id: meeting.id, contact: null });

    await expect
      .poll(() => mailsTo(parent, /Meeting booked/, 'Koulun tukiyhdistys').length)
      .toBe(1);
    await expect
      .poll(() => mailsTo(expert, /Uusi tapaaminen/, 'Koulun tukiyhdistys').length)
      .toBe(1);
    const toParent = mailsTo(parent, /Meeting booked/, 'Koulun tukiyhdistys')[0]!;
    const toExpert = mailsTo(expert, /Uusi tapaaminen/, 'Koulun tukiyhdistys')[0]!;
    expect(toParent.text).toContain(PROFILE.phone);
    expect(toExpert.text).not.toContain(PROFILE.phone);
    expect(toExpert.text).toContain('Kysyisin tilintarkastuksesta.');
    // The parent's mail speaks London time, the expert's Helsinki time.
    const london = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(slot.start));
    expect(toParent.text).toContain(london);

    for (const mail of [toParent, toExpert]) {
      const ics = calendarOf(mail);
      expect(ics.method).toBe('REQUEST');
      expect(ics.tzid).toBe('Europe/Helsinki');
      expect(ics.raw).toContain('BEGIN:VTIMEZONE');
      expect(ics.event.startDate.toJSDate().toISOString()).toBe(slot.start);
      expect(ics.event.endDate.toJSDate().toISOString()).toBe(slot.end);
      expect(ics.event.uid).toBe(`meeting-${meeting.id}@yhteistyotila`);
      // Nobody's e-mail address reaches the other side through the invite.
      expect(ics.raw).not.toContain(mail === toParent ? expert.email : parent.email);
    }

    const mine = await ok(parentSocket, 'meeting:mine', {});
    expect(mine.meetings.map((m) => m.id)).toContain(meeting.id);
    const theirs = await ok(expertSocket, 'meeting:mine', {});
    expect(theirs.meetings.find((m) => m.id === meeting.id)?.contact).toBeNull();
  });

  it('refuses a time the expert does not offer, oneself, and a stranger’s meeting', async () => {
    const slot = (await freeSlots(HOUR))[0]!;
    const offHours = new Date(Date.parse(slot.start) + 7 * 60_000).toISOString();
    const results = await Promise.all([
      call(parentSocket, 'meeting:book', {
        expertId: expert.id,
        start: offHours,
        topic: 'x',
        mode: 'phone',
      }),
      call(parentSocket, 'meeting:book', {
        expertId: expert.id,
        start: new Date(Date.now() - DAY).toISOString(),
        topic: 'x',
        mode: 'phone',
      }),
      call(expertSocket, 'meeting:book', {
        expertId: expert.id,
        start: slot.start,
        topic: 'x',
        mode: 'phone',
      }),
    ]);
    expect(results.map(errorCode)).toEqual([
      'SLOT_UNAVAILABLE',
      'SLOT_UNAVAILABLE',
      'SLOT_UNAVAILABLE',
    ]);
    const { meeting } = await ok(parentSocket, 'meeting:book', {
      expertId: expert.id,
      start: slot.start,
      topic: 'Oma',
      mode: 'online',
    });
    expect(errorCode(await call(otherSocket, 'meeting:cancel', { meetingId: meeting.id }))).toBe(
      'NOT_FOUND',
    );
    await ok(parentSocket, 'meeting:cancel', { meetingId: meeting.id });
  });
});

describe('cancelling', () => {
  it('sends both a cancelling .ics for the same event and frees the slot', async () => {
    const slot = (await freeSlots(HOUR))[0]!;
    const { meeting } = await ok(parentSocket, 'meeting:book', {
      expertId: expert.id,
      start: slot.start,
      topic: 'Peruttava',
      mode: 'online',
    });
    const cancelled = await ok(expertSocket, 'meeting:cancel', { meetingId: meeting.id });
    expect(cancelled.meeting).toMatchObject({ status: 'cancelled', cancelledBy: 'expert' });
    await expect.poll(() => mailsTo(parent, /Meeting cancelled/).length).toBeGreaterThan(0);
    const notice = mailsTo(parent, /Meeting cancelled/).at(-1)!;
    const ics = calendarOf(notice);
    expect(ics.method).toBe('CANCEL');
    expect(ics.status).toBe('CANCELLED');
    expect(ics.event.uid).toBe(`meeting-${meeting.id}@yhteistyotila`);
    expect(ics.event.sequence).toBeGreaterThan(0);
    await expect.poll(() => mailsTo(expert, /Tapaaminen peruttu/).length).toBeGreaterThan(0);
    // The slot is free again, and a second cancel changes nothing.
    expect((await freeSlots()).some((s) => s.start === slot.start)).toBe(true);
    const before = smtp.mails.length;
    await ok(parentSocket, 'meeting:cancel', { meetingId: meeting.id });
    expect(smtp.mails.length).toBe(before);
    await ok(otherSocket, 'meeting:book', {
      expertId: expert.id,
      start: slot.start,
      topic: 'Uusi varaus',
      mode: 'online',
    });
  });

  it('an away day cancels its meetings with a notice to each booker and offers no slots', async () => {
    const slot = (await freeSlots(6 * DAY))[0]!;
    const { meeting } = await ok(parentSocket, 'meeting:book', {
      expertId: expert.id,
      start: slot.start,
      topic: 'Poissaolopäivä',
      mode: 'phone',
    });
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(
      new Date(slot.start),
    );
    const res = await ok(expertSocket, 'experts:awayDay', { day, away: true });
    expect(res.cancelled).toBe(1);
    expect(res.profile.awayDays).toContain(day);
    await expect.poll(() => mailsTo(parent, /Meeting cancelled/).length).toBeGreaterThan(1);
    const notice = mailsTo(parent, /Meeting cancelled/).at(-1)!;
    expect(notice.text).toContain('away');
    expect(calendarOf(notice).method).toBe('CANCEL');
    const mine = await ok(parentSocket, 'meeting:mine', {});
    expect(mine.meetings.find((m) => m.id === meeting.id)).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'away',
    });
    const { slots } = await ok(parentSocket, 'experts:slots', { expertId: expert.id });
    const sameDay = (s: Slot) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(new Date(s.start));
    expect(slots.filter((s) => sameDay(s) === day)).toEqual([]);
    await ok(expertSocket, 'experts:awayDay', { day, away: false });
  });
});

describe('the reminder 24 h before', () => {
  let second: TestServer;
  beforeAll(async () => {
    // A second server on the same database and SMTP server: another process's job runner.
    second = await startTestServer({ SMTP_URL: smtp.url });
  });
  // Its application only: the database is the first server's to drop.
  afterAll(() => second.application.close());

  it('is sent once although two servers run the job at once, twice', async () => {
    const slot = (await freeSlots(3 * DAY))[0]!;
    const { meeting } = await ok(parentSocket, 'meeting:book', {
      expertId: expert.id,
      start: slot.start,
      topic: 'Muistutettava',
      mode: 'online',
    });
    const dayBefore = new Date(Date.parse(slot.start) - 23 * HOUR);
    const early = new Date(Date.parse(slot.start) - 25 * HOUR);
    const reminders = () => [
      ...mailsTo(parent, /Reminder/, 'Muistutettava'),
      ...mailsTo(expert, /Muistutus/, 'Muistutettava'),
    ];
    await runMeetingReminders(server.application.app, early);
    await Promise.all([
      runMeetingReminders(server.application.app, dayBefore),
      runMeetingReminders(second.application.app, dayBefore),
    ]);
    // The next ticks of both processes (one of them later) find it sent.
    await Promise.all([
      runMeetingReminders(server.application.app, dayBefore),
      runMeetingReminders(second.application.app, new Date(dayBefore.getTime() + HOUR)),
    ]);
    await expect.poll(() => reminders().length).toBe(2);
    expect(
      reminders()
        .map((m) => m.to)
        .sort(),
    ).toEqual([expert.email, parent.email].sort());
    expect(mailsTo(parent, /Reminder/, 'Muistutettava')[0]?.text).toContain(PROFILE.meetingLink);
    expect(meeting.id).toBeTruthy();
  });
});

describe('an erased account', () => {
  const PASSWORD = 'pitkä ja hyvä salasana 42';
  const erase = (user: TestUser) =>
    api(server, 'POST', '/me/delete', {
      cookie: user.cookie,
      body: { password: PASSWORD, mode: 'erase' },
    });

  it('cancels its upcoming meetings with a notice and a cancelling .ics to the other side, naming nobody', async () => {
    // A booker who leaves, with a meeting with the expert.
    const leaver = await createUser(server.application, {
      name: 'Lauri Lähtijä',
      password: PASSWORD,
    });
    const leaverSocket = await connectReady(server, leaver.cookie);
    const slot = (await freeSlots(3 * DAY))[0]!;
    const { meeting: booked } = await ok(leaverSocket, 'meeting:book', {
      expertId: expert.id,
      start: slot.start,
      topic: 'Lähtijän aihe',
      note: 'Lähtijän oma viesti',
      mode: 'phone',
    });
    // An expert who leaves, with a meeting the (English) parent booked.
    const leavingExpert = await createUser(server.application, {
      expert: true,
      name: 'Elina Eroava',
      password: PASSWORD,
    });
    const leavingSocket = await connectReady(server, leavingExpert.cookie);
    await ok(leavingSocket, 'experts:save', {
      ...PROFILE,
      phone: '+358 50 999 8888',
      meetingLink: 'https://meet.example.fi/elina',
    });
    const theirSlot = (
      await ok(parentSocket, 'experts:slots', { expertId: leavingExpert.id })
    ).slots.find((s) => s.free && Date.parse(s.start) > Date.now() + DAY)!;
    const { meeting: withLeaving } = await ok(parentSocket, 'meeting:book', {
      expertId: leavingExpert.id,
      start: theirSlot.start,
      topic: 'Eroavan asiantuntijan tapaaminen',
      mode: 'online',
    });
    await expect.poll(() => mailsTo(expert, /Uusi tapaaminen/, 'Lähtijän aihe').length).toBe(1);

    const expertHeard = collect(expertSocket, 'meeting:changed');
    const parentHeard = collect(parentSocket, 'meeting:changed');
    const panel = collect(otherSocket, 'experts:changed');
    expect((await erase(leaver)).status).toBe(204);
    expect((await erase(leavingExpert)).status).toBe(204);

    // The expert: a cancellation in their language, the .ics cancelling the same event.
    await expect.poll(() => mailsTo(expert, /Tapaaminen peruttu/, 'Lähtijän aihe').length).toBe(1);
    const toExpert = mailsTo(expert, /Tapaaminen peruttu/, 'Lähtijän aihe')[0]!;
    expect(toExpert.text).toContain('toinen osapuoli poisti tilinsä');
    const cancel = calendarOf(toExpert);
    expect(cancel).toMatchObject({
      method: 'CANCEL',
      status: 'CANCELLED',
      tzid: 'Europe/Helsinki',
    });
    expect(cancel.event.uid).toBe(`meeting-${booked.id}@yhteistyotila`);
    expect(cancel.event.startDate.toJSDate().toISOString()).toBe(slot.start);
    // The parent: in English, and nothing of the erased expert's name or contact details.
    await expect
      .poll(() => mailsTo(parent, /Meeting cancelled/, 'Eroavan asiantuntijan').length)
      .toBe(1);
    const toParent = mailsTo(parent, /Meeting cancelled/, 'Eroavan asiantuntijan')[0]!;
    expect(toParent.text).toContain('the other side deleted their account');
    expect(calendarOf(toParent)).toMatchObject({ method: 'CANCEL', status: 'CANCELLED' });
    for (const [mail, gone] of [
      [toExpert, leaver],
      [toParent, leavingExpert],
    ] as const) {
      for (const secret of [gone.name, gone.email, 'Lähtijän oma viesti', '999 8888', 'elina'])
        expect(mail.raw).not.toContain(secret);
    }
    // Nobody mails the erased.
    expect(smtp.to(leaver.email).filter((m) => /peruttu|cancelled/i.test(m.subject))).toEqual([]);

    // Live: both other sides hear the meeting cancelled; the panel loses the erased expert and
    // shows the expert's slot free again.
    await expect.poll(() => expertHeard.some((h) => h.meeting.id === booked.id)).toBe(true);
    expect(expertHeard.find((h) => h.meeting.id === booked.id)?.meeting).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'booker',
      booker: { name: '' },
    });
    await expect.poll(() => parentHeard.some((h) => h.meeting.id === withLeaving.id)).toBe(true);
    expect(parentHeard.find((h) => h.meeting.id === withLeaving.id)?.meeting).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'expert',
      contact: null,
    });
    await expect
      .poll(() => panel.some((p) => p.id === leavingExpert.id && p.card === null))
      .toBe(true);
    const free = (await freeSlots()).map((s) => s.start);
    expect(free).toContain(slot.start);
    expect(
      await MeetingModel.countDocuments({
        $or: [{ bookerId: leaver.id }, { expertId: leavingExpert.id }],
      }),
    ).toBe(0);
  });
});
