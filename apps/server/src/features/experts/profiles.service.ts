import {
  rooms,
  expertsPanelOrder,
  BOOKING_DAYS_AHEAD,
  DEFAULT_SLOT_MINUTES,
  DEFAULT_TIME_ZONE,
  type ExpertCard,
  type ExpertProfileInput,
  type ExpertStatusKind,
  type MyExpertProfile,
  type Role,
} from '@yhteistyotila/protocol';
import type { Types } from 'mongoose';
import type { AuthUser } from '../../auth/auth.js';
import { UserModel } from '../../auth/user.model.js';
import { oid } from '../../db/object-id.js';
import { AppError, notFound } from '../../errors.js';
import { DAY } from '../../lib/time.js';
import type { Facts } from '../../realtime/facts.js';
import { requireAction } from '../access/index.js';
import { stampedCache } from '../../lib/stamp.js';
import {
  EXPERTS_STAMP,
  ExpertProfileModel,
  type ExpertProfileDoc,
} from './expert-profile.model.js';
import { LIVE_SLOT, MeetingModel } from './meeting.model.js';
import {
  bookableFrom,
  inOfficeHours,
  localDayOf,
  officeHoursEndAt,
  slotsFrom,
  statusAt,
  type SlotPlan,
  type StatusNow,
  type TimedSlot,
} from './slots.js';

/** An expert as the services need them: the person and their expert profile (maybe none yet). */
export interface LiveExpert {
  id: string;
  name: string;
  role: Role;
  email: string;
  language: string;
  timeZone: string;
  profile: ExpertProfileDoc | null;
}

const EXPERT_FIELDS = { name: 1, role: 1, guestUntil: 1, timeZone: 1, email: 1, language: 1 };
type ExpertUser = {
  _id: Types.ObjectId;
  name: string;
  role: string;
  guestUntil?: Date | null;
  timeZone?: string | null;
  email: string;
  language: string;
};

/** Holders of the capability, and guest experts before their end date. */
const isLive = (u: ExpertUser, now: Date) =>
  u.role !== 'guest' || (u.guestUntil != null && u.guestUntil > now);

const toLive = (u: ExpertUser, profile: ExpertProfileDoc | null): LiveExpert => ({
  id: u._id.toHexString(),
  name: u.name,
  role: u.role as Role,
  email: u.email,
  language: u.language,
  timeZone: u.timeZone ?? DEFAULT_TIME_ZONE,
  profile,
});

/** One expert who may be booked now, or null (no such person, not an expert, access over). */
export async function liveExpert(expertId: string, now = new Date()): Promise<LiveExpert | null> {
  const [user, profile] = await Promise.all([
    UserModel.findOne(
      { _id: oid(expertId), expert: true, status: 'active' },
      EXPERT_FIELDS,
    ).lean<ExpertUser>(),
    ExpertProfileModel.findById(oid(expertId)).lean<ExpertProfileDoc>(),
  ]);
  return user && isLive(user, now) ? toLive(user, profile) : null;
}

export const planOf = (expert: Pick<LiveExpert, 'profile' | 'timeZone'>): SlotPlan => ({
  officeHours:
    expert.profile?.officeHours.map((h) => ({
      weekday: h.weekday ?? 1,
      start: h.start ?? '00:00',
      end: h.end ?? '00:00',
    })) ?? [],
  slotMinutes: expert.profile?.slotMinutes ?? DEFAULT_SLOT_MINUTES,
  timeZone: expert.timeZone,
  awayDays: expert.profile?.awayDays ?? [],
});

export const statusOf = (profile: ExpertProfileDoc | null, now: Date): StatusNow =>
  statusAt(
    {
      kind: (profile?.status ?? 'available') as ExpertStatusKind,
      until: profile?.statusUntil ?? null,
    },
    now,
  );

/**
 * The slots an expert offers for booking from `now` on (status and away days applied), soonest
 * first, made as they are asked for.
 */
export function* offeredSlots(expert: LiveExpert, now: Date): Generator<TimedSlot> {
  const from = bookableFrom(statusOf(expert.profile, now), now);
  if (!from) return;
  yield* slotsFrom(
    planOf(expert),
    from > now ? from : now,
    new Date(now.getTime() + BOOKING_DAYS_AHEAD * DAY),
  );
}

/**
 * The first offered slot nobody has booked, and the first offered slot at all (booked or not:
 * office hours begin with it, and "available now" with them).
 */
function firstSlots(
  expert: LiveExpert,
  taken: Set<number>,
  now: Date,
): { free: TimedSlot | undefined; first: TimedSlot | undefined } {
  let first: TimedSlot | undefined;
  for (const s of offeredSlots(expert, now)) {
    first ??= s;
    if (!taken.has(s.start.getTime())) return { free: s, first };
  }
  return { free: undefined, first };
}

/** Starts of the booked (live) meetings of these experts from `now` on, per expert. */
export async function bookedStarts(
  expertIds: Types.ObjectId[],
  now: Date,
): Promise<Map<string, Set<number>>> {
  // `slot` (an equality) narrows to live bookings; the range and the $in run over those.
  const booked = await MeetingModel.find(
    { slot: LIVE_SLOT, expertId: { $in: expertIds }, start: { $gte: now } },
    { expertId: 1, start: 1 },
  ).lean();
  const byExpert = new Map<string, Set<number>>();
  for (const m of booked) {
    const key = m.expertId.toHexString();
    const set = byExpert.get(key) ?? new Set<number>();
    set.add(m.start.getTime());
    byExpert.set(key, set);
  }
  return byExpert;
}

/** One expert's offered slots from now on, each free or taken. */
export async function slotsOf(expertId: string, now = new Date()) {
  const expert = await liveExpert(expertId, now);
  if (!expert) throw notFound();
  const taken = (await bookedStarts([oid(expertId)], now)).get(expertId) ?? new Set<number>();
  return {
    timeZone: expert.timeZone,
    slots: [...offeredSlots(expert, now)].map((s) => ({
      start: s.start.toISOString(),
      end: s.end.toISOString(),
      free: !taken.has(s.start.getTime()),
    })),
  };
}

const contactModes = (profile: ExpertProfileDoc | null) => [
  ...(profile?.phone ? (['phone'] as const) : []),
  ...(profile?.meetingLink ? (['online'] as const) : []),
];

/**
 * When the clock alone next changes a card: office hours end, the first offered slot begins
 * (office hours with it), the next free one begins, a status ends.
 */
function changesAt(
  expert: LiveExpert,
  status: StatusNow,
  slotStarts: (Date | undefined)[],
  now: Date,
): Date | null {
  const moments = [officeHoursEndAt(planOf(expert), now), status.until, ...slotStarts].filter(
    (d): d is Date => d != null && d > now,
  );
  return moments.length ? new Date(Math.min(...moments.map((d) => d.getTime()))) : null;
}

/**
 * Every expert profile and every live booking, kept in this process until a write to either
 * replaces the experts' stamp (lib/stamp.ts): the panel's data besides the people, who are read
 * every time (a capability, a name or an end date changes on the person).
 */
const panelData = stampedCache(EXPERTS_STAMP, async () => {
  const [profiles, booked] = await Promise.all([
    ExpertProfileModel.find({}).lean<ExpertProfileDoc[]>(),
    // `slot` (an equality) narrows to live bookings; which are still ahead is decided per read.
    MeetingModel.find({ slot: LIVE_SLOT }, { expertId: 1, start: 1 }).lean(),
  ]);
  return {
    profiles: new Map(profiles.map((p) => [p._id.toHexString(), p])),
    booked: booked.map((m) => ({ expertId: m.expertId.toHexString(), start: m.start })),
  };
});

/** The cards of these people: the people's read, and the stamp (profiles and bookings kept). */
async function cardsOf(users: ExpertUser[], now: Date): Promise<ExpertCard[]> {
  const live = users.filter((u) => isLive(u, now));
  if (live.length === 0) return [];
  const { profiles: profileOf, booked: bookings } = await panelData();
  const booked = new Map<string, Set<number>>();
  for (const m of bookings) {
    if (m.start < now) continue;
    const set = booked.get(m.expertId) ?? new Set<number>();
    set.add(m.start.getTime());
    booked.set(m.expertId, set);
  }
  return live.map((u): ExpertCard => {
    const expert = toLive(u, profileOf.get(u._id.toHexString()) ?? null);
    const { profile } = expert;
    const status = statusOf(profile, now);
    const taken = booked.get(expert.id) ?? new Set<number>();
    const { free: next, first } = firstSlots(expert, taken, now);
    const modes = contactModes(profile);
    return {
      id: expert.id,
      name: expert.name,
      role: expert.role,
      topics: profile?.topics ?? [],
      organisation: profile?.organisation ?? '',
      introduction: profile?.introduction ?? '',
      status: { kind: status.kind, until: status.until?.toISOString() ?? null },
      availableNow: status.kind === 'available' && inOfficeHours(planOf(expert), now),
      nextAvailableAt: next?.start.toISOString() ?? null,
      bookable: next !== undefined && modes.length > 0,
      modes,
      changesAt: changesAt(expert, status, [next?.start, first?.start], now)?.toISOString() ?? null,
    };
  });
}

/**
 * The experts panel: every live expert with who is available now and when each is next free,
 * as instants (the viewer's screen shows them in the viewer's time zone). Two reads whatever
 * the number of experts: the people (one equality on `expert`) and the experts' stamp (their
 * profiles and bookings are kept in memory under it).
 */
export async function listExperts(now = new Date()): Promise<ExpertCard[]> {
  const users = await UserModel.find({ expert: true, status: 'active' }, EXPERT_FIELDS).lean<
    ExpertUser[]
  >();
  return expertsPanelOrder(await cardsOf(users, now));
}

/** One person's card as the panel shows it now, or null when they are not on the panel. */
export async function expertCard(userId: string, now = new Date()): Promise<ExpertCard | null> {
  const user = await UserModel.findOne(
    { _id: oid(userId), expert: true, status: 'active' },
    EXPERT_FIELDS,
  ).lean<ExpertUser>();
  return user ? ((await cardsOf([user], now))[0] ?? null) : null;
}

/** Tells every open experts panel that this person's card changed (or left the panel). */
export async function announceCard(facts: Facts, userId: string, now = new Date()): Promise<void> {
  facts.add(rooms.everyone(), 'experts:changed', {
    id: userId,
    card: await expertCard(userId, now),
  });
}

async function timeZoneOf(userId: string): Promise<string> {
  const u = await UserModel.findById(oid(userId), { timeZone: 1 }).lean();
  return u?.timeZone ?? DEFAULT_TIME_ZONE;
}

export function presentMyProfile(
  profile: ExpertProfileDoc | null,
  timeZone: string,
  now = new Date(),
): MyExpertProfile {
  const status = statusOf(profile, now);
  const today = localDayOf(now, timeZone);
  return {
    topics: profile?.topics ?? [],
    organisation: profile?.organisation ?? '',
    introduction: profile?.introduction ?? '',
    phone: profile?.phone ?? '',
    meetingLink: profile?.meetingLink ?? '',
    slotMinutes: profile?.slotMinutes ?? DEFAULT_SLOT_MINUTES,
    officeHours: planOf({ profile, timeZone }).officeHours,
    status: { kind: status.kind, until: status.until?.toISOString() ?? null },
    awayDays: (profile?.awayDays ?? []).filter((d) => d >= today).sort(),
    timeZone,
  };
}

export async function myProfile(user: AuthUser): Promise<MyExpertProfile> {
  await requireAction(user, 'experts.setAvailability');
  const [profile, timeZone] = await Promise.all([
    ExpertProfileModel.findById(oid(user.id)).lean<ExpertProfileDoc>(),
    timeZoneOf(user.id),
  ]);
  return presentMyProfile(profile, timeZone);
}

/** Writes fields of the expert's own profile (created on first save) and answers it whole. */
export async function updateMyProfile(
  facts: Facts,
  user: AuthUser,
  set: Partial<ExpertProfileDoc>,
): Promise<MyExpertProfile> {
  await requireAction(user, 'experts.setAvailability');
  const profile = await ExpertProfileModel.findOneAndUpdate(
    { _id: oid(user.id) },
    { $set: set },
    { upsert: true, returnDocument: 'after' },
  ).lean<ExpertProfileDoc>();
  await announceCard(facts, user.id);
  return presentMyProfile(profile, await timeZoneOf(user.id));
}

export const saveProfile = (facts: Facts, user: AuthUser, input: ExpertProfileInput) =>
  updateMyProfile(facts, user, input as Partial<ExpertProfileDoc>);

export function setStatus(
  facts: Facts,
  user: AuthUser,
  input: { kind: ExpertStatusKind; until: string | null },
  now = new Date(),
) {
  const until = input.kind === 'available' || !input.until ? null : new Date(input.until);
  if (until && until <= now)
    throw new AppError('VALIDATION_ERROR', 'status ends in the past', {
      issues: [{ path: 'until', code: 'in_the_past' }],
    });
  return updateMyProfile(facts, user, {
    status: input.kind,
    statusUntil: until,
  } as Partial<ExpertProfileDoc>);
}
