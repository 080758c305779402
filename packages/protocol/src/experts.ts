import { z } from 'zod';
import { emptySchema, idSchema, isoDateSchema } from './common.js';
import { defineClientEvent } from './define.js';
import { roleSchema } from './roles.js';

/*
 * Experts' profiles, availability and meetings in office hours (issue 13, items 3 and 4).
 * Office hours are weekly, in the expert's own time zone (their profile's); the server cuts them
 * into slots of the expert's chosen length and sends every moment as an ISO instant, so each
 * viewer's screen shows it in their own time zone and language.
 */

export const EXPERT_TOPICS_MAX = 8;
export const EXPERT_TOPIC_MAX = 60;
export const EXPERT_ORGANISATION_MAX = 200;
export const EXPERT_INTRODUCTION_MAX = 500;
export const EXPERT_PHONE_MAX = 30;
export const EXPERT_LINK_MAX = 500;
export const OFFICE_HOURS_MAX = 21;
/** Slot lengths an expert may choose, in minutes. */
export const SLOT_MINUTES = [15, 20, 30, 45, 60] as const;
export const DEFAULT_SLOT_MINUTES = 30;
/** Slots are offered this many days ahead. */
export const BOOKING_DAYS_AHEAD = 28;
export const MEETING_TOPIC_MAX = 120;
export const MEETING_NOTE_MAX = 1000;
/** The reminder mail goes this long before a meeting (to meetings booked earlier than that). */
export const MEETING_REMINDER_HOURS = 24;

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export const weekdaySchema = z.number().int().min(1).max(7);
/** A wall-clock time "HH:MM" (24 h) in the expert's time zone. */
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'clock_time');
/** A calendar day "YYYY-MM-DD" in the expert's time zone. */
export const localDaySchema = z.iso.date();

export const officeHoursSchema = z
  .object({ weekday: weekdaySchema, start: clockTimeSchema, end: clockTimeSchema })
  .strict()
  .refine((h) => h.start < h.end, { message: 'end_before_start', path: ['end'] });
export type OfficeHours = z.infer<typeof officeHoursSchema>;

export const EXPERT_STATUSES = ['available', 'in-meeting', 'away'] as const;
export const expertStatusKindSchema = z.enum(EXPERT_STATUSES);
export type ExpertStatusKind = z.infer<typeof expertStatusKindSchema>;
/** "Away until ...", "in a meeting until ...": `until` null means until changed. */
export const expertStatusSchema = z.object({
  kind: expertStatusKindSchema,
  until: isoDateSchema.nullable(),
});
export type ExpertStatus = z.infer<typeof expertStatusSchema>;

const slotMinutesSchema = z
  .number()
  .int()
  .refine((m) => (SLOT_MINUTES as readonly number[]).includes(m), 'slot_minutes');

/** What an expert writes about their expertise, on top of the person's own profile. */
export const expertProfileInputSchema = z
  .object({
    topics: z.array(z.string().trim().min(1).max(EXPERT_TOPIC_MAX)).max(EXPERT_TOPICS_MAX),
    organisation: z.string().trim().max(EXPERT_ORGANISATION_MAX),
    introduction: z.string().trim().max(EXPERT_INTRODUCTION_MAX),
    /** Shown only to the people who book a phone meeting. */
    phone: z
      .string()
      .trim()
      .max(EXPERT_PHONE_MAX)
      .regex(/^[+0-9 ()-]*$/, 'phone'),
    /** Shown only to the people who book an online meeting. */
    meetingLink: z.union([
      z.literal(''),
      z.url({ protocol: /^https$/, message: 'https_link' }).max(EXPERT_LINK_MAX),
    ]),
    slotMinutes: slotMinutesSchema,
    officeHours: z.array(officeHoursSchema).max(OFFICE_HOURS_MAX),
  })
  .strict();
export type ExpertProfileInput = z.infer<typeof expertProfileInputSchema>;

/** The expert's own view of their profile: everything, with the contact details. */
export const myExpertProfileSchema = z.object({
  topics: z.array(z.string()),
  organisation: z.string(),
  introduction: z.string(),
  phone: z.string(),
  meetingLink: z.string(),
  slotMinutes: z.number().int(),
  officeHours: z.array(officeHoursSchema),
  status: expertStatusSchema,
  /** Days marked away (their bookings were cancelled), today and later. */
  awayDays: z.array(localDaySchema),
  /** The person's time zone: office hours are in it. */
  timeZone: z.string(),
});
export type MyExpertProfile = z.infer<typeof myExpertProfileSchema>;

/** One expert on the experts panel: never their contact details. */
export const expertCardSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  topics: z.array(z.string()),
  organisation: z.string(),
  introduction: z.string(),
  status: expertStatusSchema,
  /** Inside office hours now, status available, not away. */
  availableNow: z.boolean(),
  /** The next free slot's start, null when none is offered in BOOKING_DAYS_AHEAD. */
  nextAvailableAt: isoDateSchema.nullable(),
  /** Whether a member can book a meeting (office hours and a phone number or a link). */
  bookable: z.boolean(),
  modes: z.array(z.enum(['phone', 'online'])),
  /**
   * The next moment the clock alone changes this card (office hours end or begin, a status
   * ends): the panel reads again then. Changes people make arrive as `experts:changed`.
   */
  changesAt: isoDateSchema.nullable(),
});
export type ExpertCard = z.infer<typeof expertCardSchema>;

/**
 * The panel's order, the same on the server and on a screen placing a changed card: available
 * now first, then by the next free slot, then by name.
 */
export function expertsPanelOrder(cards: readonly ExpertCard[]): ExpertCard[] {
  const rank = (c: ExpertCard) =>
    c.availableNow ? 0 : c.nextAvailableAt ? Date.parse(c.nextAvailableAt) : Infinity;
  return [...cards].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'fi'));
}

export const slotSchema = z.object({ start: isoDateSchema, end: isoDateSchema, free: z.boolean() });
export type Slot = z.infer<typeof slotSchema>;

export const MEETING_MODES = ['phone', 'online'] as const;
export const meetingModeSchema = z.enum(MEETING_MODES);
export type MeetingMode = z.infer<typeof meetingModeSchema>;

export const MEETING_CANCELLERS = ['booker', 'expert', 'away'] as const;

export const meetingSchema = z.object({
  id: idSchema,
  expert: z.object({ id: idSchema, name: z.string() }),
  booker: z.object({ id: idSchema, name: z.string() }),
  start: isoDateSchema,
  end: isoDateSchema,
  topic: z.string(),
  note: z.string(),
  mode: meetingModeSchema,
  status: z.enum(['booked', 'cancelled']),
  /** Who cancelled: the booker, the expert, or the expert's away day. */
  cancelledBy: z.enum(MEETING_CANCELLERS).nullable(),
  /** The expert's phone number or meeting link: to the booker only (null for the expert). */
  contact: z.string().nullable(),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const meetingBookSchema = z
  .object({
    expertId: idSchema,
    start: isoDateSchema,
    topic: z.string().trim().min(1).max(MEETING_TOPIC_MAX),
    note: z.string().trim().max(MEETING_NOTE_MAX).default(''),
    mode: meetingModeSchema,
  })
  .strict();
export type MeetingBookInput = z.input<typeof meetingBookSchema>;

const profileResult = z.object({ profile: myExpertProfileSchema });

export const expertsClientEvents = {
  /** The experts panel: every expert, who is available now and when each is next available. */
  'experts:list': defineClientEvent(emptySchema, z.object({ experts: z.array(expertCardSchema) })),
  /** My own expert profile (the editor). */
  'experts:mine': defineClientEvent(emptySchema, profileResult),
  /** Saves my topics, organisation, introduction, contact details and office hours. */
  'experts:save': defineClientEvent(expertProfileInputSchema, profileResult),
  /** Available / in a meeting / away, optionally until a moment. */
  'experts:setStatus': defineClientEvent(
    z.object({ kind: expertStatusKindSchema, until: isoDateSchema.nullable() }).strict(),
    profileResult,
  ),
  /** Marks a day away (cancelling its meetings with a notice to each booker) or back. */
  'experts:awayDay': defineClientEvent(
    z.object({ day: localDaySchema, away: z.boolean() }).strict(),
    z.object({ profile: myExpertProfileSchema, cancelled: z.number().int().nonnegative() }),
  ),
  /** One expert's slots from now on (BOOKING_DAYS_AHEAD days), free or taken. */
  'experts:slots': defineClientEvent(
    z.object({ expertId: idSchema }).strict(),
    z.object({ slots: z.array(slotSchema), timeZone: z.string() }),
  ),
  /**
   * Books a slot. Someone else got it first: SLOT_TAKEN; not a slot the expert offers (outside
   * office hours, past, away, or oneself): SLOT_UNAVAILABLE.
   */
  'meeting:book': defineClientEvent(meetingBookSchema, z.object({ meeting: meetingSchema })),
  /** My meetings from now on, booked by me or with me, soonest first. */
  'meeting:mine': defineClientEvent(emptySchema, z.object({ meetings: z.array(meetingSchema) })),
  /** Cancels a meeting I booked, or one booked with me. */
  'meeting:cancel': defineClientEvent(
    z.object({ meetingId: idSchema }).strict(),
    z.object({ meeting: meetingSchema }),
  ),
};

export const expertsServerEvents = {
  /**
   * To everyone (the panel is everyone's): an expert's card changed (profile, status, office
   * hours, an away day, a slot booked or freed); `card` null: they left the panel.
   */
  'experts:changed': z.object({ id: idSchema, card: expertCardSchema.nullable() }),
  /** To rooms.user(booker) and rooms.user(expert): a meeting was booked or cancelled. */
  'meeting:changed': z.object({ meeting: meetingSchema }),
};
