import {
  DEFAULT_TIME_ZONE,
  rooms,
  type Language,
  type Meeting,
  type MeetingBookInput,
  type MeetingMode,
  meetingBookSchema,
} from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { UserModel } from '../../auth/user.model.js';
import type { AppContext } from '../../context.js';
import { oid } from '../../db/object-id.js';
import { AppError, isDuplicateKey, notFound } from '../../errors.js';
import { claimOnce } from '../../lib/once.js';
import type { Facts } from '../../realtime/facts.js';
import { requireAction } from '../access/index.js';
import { ExpertProfileModel, type ExpertProfileDoc } from './expert-profile.model.js';
import { mailMeeting, type MeetingMailKind, type Party } from './meeting-mail.js';
import { LIVE_SLOT, MeetingModel, type MeetingDoc } from './meeting.model.js';
import { announceCard, liveExpert, offeredSlots } from './profiles.service.js';

const unavailable = (why: string) => new AppError('SLOT_UNAVAILABLE', why);

const contactFor = (
  profile: Pick<ExpertProfileDoc, 'phone' | 'meetingLink'> | null,
  mode: MeetingMode,
) => (mode === 'phone' ? profile?.phone : profile?.meetingLink) ?? '';

/** The meeting as one side sees it: the contact detail goes to the booker only. */
export function presentMeeting(
  m: MeetingDoc,
  names: Map<string, string>,
  viewerId: string,
  contact: string,
): Meeting {
  const expertId = m.expertId.toHexString();
  const bookerId = m.bookerId.toHexString();
  return {
    id: m._id.toHexString(),
    expert: { id: expertId, name: names.get(expertId) ?? '' },
    booker: { id: bookerId, name: names.get(bookerId) ?? '' },
    start: m.start.toISOString(),
    end: m.end.toISOString(),
    topic: m.topic,
    note: m.note,
    mode: m.mode as MeetingMode,
    status: m.status as Meeting['status'],
    cancelledBy: (m.cancelledBy ?? null) as Meeting['cancelledBy'],
    contact: viewerId === bookerId && m.status === 'booked' ? contact || null : null,
  };
}

const PARTY_FIELDS = { name: 1, email: 1, language: 1, timeZone: 1 };
async function partiesOf(m: MeetingDoc) {
  const [people, profile] = await Promise.all([
    UserModel.find({ _id: { $in: [m.expertId, m.bookerId] } }, PARTY_FIELDS).lean(),
    ExpertProfileModel.findById(m.expertId, { phone: 1, meetingLink: 1 }).lean(),
  ]);
  const party = (id: string): Party | null => {
    const u = people.find((p) => p._id.toHexString() === id);
    return u
      ? {
          id,
          name: u.name,
          email: u.email,
          language: u.language as Language,
          timeZone: u.timeZone ?? DEFAULT_TIME_ZONE,
        }
      : null;
  };
  return {
    expert: party(m.expertId.toHexString()),
    booker: party(m.bookerId.toHexString()),
    contact: contactFor(profile, m.mode as MeetingMode),
  };
}

const forMail = (
  m: MeetingDoc,
  expert: Party,
  booker: Party,
  contact: string,
  erased?: 'booker' | 'expert',
) => ({
  id: m._id.toHexString(),
  start: m.start,
  end: m.end,
  topic: m.topic,
  note: m.note,
  mode: m.mode as MeetingMode,
  expert,
  booker,
  contact,
  erased,
});

/** Tells both sides (every tab) and mails them: after the write, never instead of it. */
async function announce(
  app: AppContext,
  facts: Facts,
  m: MeetingDoc,
  mail: MeetingMailKind | null,
): Promise<{ expert: Party | null; booker: Party | null; contact: string }> {
  const parties = await partiesOf(m);
  const names = new Map(
    [parties.expert, parties.booker].flatMap((p) => (p ? [[p.id, p.name] as const] : [])),
  );
  for (const id of [m.expertId.toHexString(), m.bookerId.toHexString()])
    facts.add(rooms.user(id), 'meeting:changed', {
      meeting: presentMeeting(m, names, id, parties.contact),
    });
  // A slot taken or freed moves the expert's "next available" on every open panel.
  await announceCard(facts, m.expertId.toHexString());
  if (mail && parties.expert && parties.booker)
    await mailMeeting(app, mail, forMail(m, parties.expert, parties.booker, parties.contact));
  return parties;
}

/**
 * Books a slot. Who gets it is decided by the insert under the unique (expert, start, slot)
 * index: of racing bookers exactly one insert succeeds and the others get SLOT_TAKEN.
 */
export async function bookMeeting(
  app: AppContext,
  facts: Facts,
  user: AuthUser,
  input: MeetingBookInput,
  now = new Date(),
): Promise<Meeting> {
  await requireAction(user, 'meeting.book');
  const { expertId, topic, note, mode } = meetingBookSchema.parse(input);
  if (expertId === user.id) throw unavailable('one does not book oneself');
  const expert = await liveExpert(expertId, now);
  if (!expert) throw notFound();
  const start = new Date(input.start);
  let slot: { start: Date; end: Date } | undefined;
  for (const s of offeredSlots(expert, now)) {
    if (s.start.getTime() === start.getTime()) slot = s;
    if (s.start >= start) break;
  }
  if (!slot) throw unavailable('not a slot the expert offers');
  if (!contactFor(expert.profile, mode)) throw unavailable(`the expert offers no ${mode} meetings`);
  let doc: MeetingDoc;
  try {
    doc = (
      await MeetingModel.create({
        expertId: oid(expertId),
        bookerId: oid(user.id),
        start: slot.start,
        end: slot.end,
        slot: LIVE_SLOT,
        topic,
        note,
        mode,
        createdAt: now,
      })
    ).toObject() as MeetingDoc;
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('SLOT_TAKEN', 'someone booked the slot first');
    throw err;
  }
  const parties = await announce(app, facts, doc, 'booked');
  const names = new Map([
    [expertId, expert.name],
    [user.id, parties.booker?.name ?? user.name],
  ]);
  return presentMeeting(doc, names, user.id, parties.contact);
}

/** My meetings from now on (booked by me or with me, cancelled ones too), soonest first. */
export async function myMeetings(user: AuthUser, now = new Date()): Promise<Meeting[]> {
  const me = oid(user.id);
  const [asBooker, asExpert] = await Promise.all([
    MeetingModel.find({ bookerId: me }).lean<MeetingDoc[]>(),
    MeetingModel.find({ expertId: me }).lean<MeetingDoc[]>(),
  ]);
  const upcoming = [...asBooker, ...asExpert]
    .filter((m) => m.end > now)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  if (!upcoming.length) return [];
  const ids = [...new Set(upcoming.flatMap((m) => [m.expertId, m.bookerId].map(String)))].map(oid);
  const [people, profiles] = await Promise.all([
    UserModel.find({ _id: { $in: ids } }, { name: 1 }).lean(),
    ExpertProfileModel.find(
      { _id: { $in: asBooker.map((m) => m.expertId) } },
      { phone: 1, meetingLink: 1 },
    ).lean(),
  ]);
  const names = new Map(people.map((p) => [p._id.toHexString(), p.name]));
  const profileOf = new Map(profiles.map((p) => [p._id.toHexString(), p]));
  return upcoming.map((m) =>
    presentMeeting(
      m,
      names,
      user.id,
      contactFor(profileOf.get(m.expertId.toHexString()) ?? null, m.mode as MeetingMode),
    ),
  );
}

/**
 * Cancels a meeting: exactly once (a once-only claim, since a conditional update is not atomic
 * on FerretDB), freeing the slot and sending both sides a cancelling .ics. A second cancel, or
 * a racing one, answers the meeting as it is.
 */
export async function cancelMeeting(
  app: AppContext,
  facts: Facts,
  user: AuthUser,
  meetingId: string,
  now = new Date(),
): Promise<Meeting> {
  const m = await MeetingModel.findById(oid(meetingId)).lean<MeetingDoc>();
  const asBooker = m?.bookerId.toHexString() === user.id;
  const asExpert = m?.expertId.toHexString() === user.id;
  if (!m || (!asBooker && !asExpert)) throw notFound();
  await requireAction(user, asBooker ? 'meeting.book' : 'meeting.cancelAsExpert');
  const by = asBooker ? 'booker' : 'expert';
  const done = await cancelOnce(app, facts, m, by, now);
  const parties = await partiesOf(done);
  const names = new Map(
    [parties.expert, parties.booker].flatMap((p) => (p ? [[p.id, p.name] as const] : [])),
  );
  return presentMeeting(done, names, user.id, parties.contact);
}

export async function cancelOnce(
  app: AppContext,
  facts: Facts,
  m: MeetingDoc,
  by: 'booker' | 'expert' | 'away',
  now: Date,
): Promise<MeetingDoc> {
  const id = m._id.toHexString();
  if (m.status === 'cancelled' || !(await claimOnce(`meeting:cancel:${id}`))) {
    return (await MeetingModel.findById(m._id).lean<MeetingDoc>()) ?? m;
  }
  const set = { status: 'cancelled', slot: id, cancelledBy: by, cancelledAt: now };
  await MeetingModel.updateOne({ _id: m._id }, { $set: set });
  const done = { ...m, ...set } as MeetingDoc;
  await announce(app, facts, done, by === 'away' ? 'away-cancelled' : 'cancelled');
  return done;
}

/** Sends the reminder of one meeting: the once-only claim makes it once across processes. */
export async function remindOnce(app: AppContext, m: MeetingDoc, now: Date): Promise<boolean> {
  if (!(await claimOnce(`meeting:reminder:${m._id.toHexString()}`, { expiresAt: m.end, now })))
    return false;
  const parties = await partiesOf(m);
  if (parties.expert && parties.booker)
    await mailMeeting(app, 'reminder', forMail(m, parties.expert, parties.booker, parties.contact));
  await MeetingModel.updateOne({ _id: m._id }, { $set: { remindedAt: now } });
  return true;
}

/** An upcoming meeting of a person whose account is being erased, both sides as they were. */
export interface ErasedPartyMeeting {
  meeting: MeetingDoc;
  expert: Party;
  booker: Party;
  contact: string;
  erased: 'booker' | 'expert';
}

/**
 * Before an account is erased: the upcoming meetings it booked or that were booked with it, with
 * both sides read while they still exist (after the erasure nothing points at the person).
 */
export async function upcomingMeetingsOf(
  userId: string,
  now = new Date(),
): Promise<ErasedPartyMeeting[]> {
  const me = oid(userId);
  // `slot` (an equality) narrows to live bookings.
  const [asBooker, asExpert] = await Promise.all([
    MeetingModel.find({ bookerId: me, slot: LIVE_SLOT }).lean<MeetingDoc[]>(),
    MeetingModel.find({ expertId: me, slot: LIVE_SLOT }).lean<MeetingDoc[]>(),
  ]);
  const found: ErasedPartyMeeting[] = [];
  for (const m of [...asBooker, ...asExpert]) {
    // One's own meeting with oneself cannot be booked; a past one needs no notice.
    if (m.end <= now || m.expertId.equals(m.bookerId)) continue;
    const { expert, booker, contact } = await partiesOf(m);
    if (expert && booker)
      found.push({
        meeting: m,
        expert,
        booker,
        contact,
        erased: m.bookerId.equals(me) ? 'booker' : 'expert',
      });
  }
  return found;
}

/**
 * After the erasure: each meeting is cancelled once (the cancel claim, as any cancellation) and
 * the other side is told live and by mail with a cancelling .ics. The erased person's name,
 * e-mail, note and contact details go nowhere: the other side learns the time, the topic (their
 * calendar holds it already, and it tells them which meeting) and that the account was deleted.
 * The meeting documents themselves went with the erasure.
 */
export async function cancelForErasure(
  app: AppContext,
  facts: Facts,
  meetings: ErasedPartyMeeting[],
  now = new Date(),
): Promise<number> {
  let cancelled = 0;
  for (const { meeting: m, expert, booker, contact, erased } of meetings) {
    const id = m._id.toHexString();
    if (!(await claimOnce(`meeting:cancel:${id}`))) continue;
    cancelled += 1;
    const other = erased === 'booker' ? expert : booker;
    const done = {
      ...m,
      status: 'cancelled',
      slot: id,
      cancelledBy: erased,
      cancelledAt: now,
    } as MeetingDoc;
    facts.add(rooms.user(other.id), 'meeting:changed', {
      meeting: presentMeeting(done, new Map([[other.id, other.name]]), other.id, ''),
    });
    await mailMeeting(app, 'erased-cancelled', forMail(done, expert, booker, contact, erased));
    // The erased booker's slot is free again; an erased expert leaves the panel (the caller).
    if (erased === 'booker') await announceCard(facts, expert.id);
  }
  return cancelled;
}
