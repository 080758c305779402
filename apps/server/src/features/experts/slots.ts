import { TZDate } from '@date-fns/tz';
import type { ExpertStatusKind, OfficeHours } from '@yhteistyotila/protocol';
import { DAY, MINUTE } from '../../lib/time.js';

/**
 * Office hours are wall-clock times in the expert's time zone, so a slot's instant comes from
 * its local date and time through the zone's rules of that very day: "Tuesdays 10:00" is 08:00Z
 * in winter and 07:00Z in summer in Helsinki, and a local time that does not exist (the hour
 * skipped in March) offers no slot. Pure functions: the test clock and the DST tests drive them.
 */
export interface SlotPlan {
  officeHours: OfficeHours[];
  slotMinutes: number;
  timeZone: string;
  /** "YYYY-MM-DD" local days marked away. */
  awayDays: readonly string[];
}

export interface TimedSlot {
  start: Date;
  end: Date;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(instant: Date, timeZone: string) {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dayFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, clock: `${p.hour}:${p.minute}` };
}

/** The calendar day "YYYY-MM-DD" an instant falls on in a time zone. */
export const localDayOf = (instant: Date, timeZone: string): string =>
  partsIn(instant, timeZone).day;

/** ISO weekday (1 = Monday) of a calendar day "YYYY-MM-DD". */
export const weekdayOf = (day: string): number => {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

const minutesOf = (clock: string): number => {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** The instant of a wall-clock time on a local day, or null when the zone skips it (DST). */
export function instantOf(day: string, minutes: number, timeZone: string): Date | null {
  const [y, mo, d] = day.split('-').map(Number);
  const hours = Math.floor(minutes / 60);
  const mins = minutes % 60;
  const local = new TZDate(y ?? 0, (mo ?? 1) - 1, d ?? 1, hours, mins, timeZone);
  if (local.getHours() !== hours || local.getMinutes() !== mins) return null;
  return new Date(local.getTime());
}

/**
 * Slots whose start is in [from, until), soonest first, made a day at a time as they are asked
 * for: the panel wants only each expert's first free one, and a slot's instant (a zone's rules
 * applied) is the costly part of the panel.
 */
export function* slotsFrom(plan: SlotPlan, from: Date, until: Date): Generator<TimedSlot> {
  const first = localDayOf(from, plan.timeZone);
  const away = new Set(plan.awayDays);
  const length = plan.slotMinutes * MINUTE;
  for (let i = 0; ; i++) {
    const day = new Date(Date.parse(`${first}T00:00:00Z`) + i * DAY).toISOString().slice(0, 10);
    const dayStart = instantOf(day, 0, plan.timeZone) ?? new Date(Date.parse(`${day}T00:00:00Z`));
    if (dayStart.getTime() - DAY >= until.getTime()) return;
    if (away.has(day)) continue;
    const weekday = weekdayOf(day);
    const hours = plan.officeHours
      .filter((h) => h.weekday === weekday)
      .sort((a, b) => a.start.localeCompare(b.start));
    const slots: TimedSlot[] = [];
    for (const h of hours) {
      const end = minutesOf(h.end);
      for (let m = minutesOf(h.start); m + plan.slotMinutes <= end; m += plan.slotMinutes) {
        const start = instantOf(day, m, plan.timeZone);
        if (!start || start < from || start >= until) continue;
        slots.push({ start, end: new Date(start.getTime() + length) });
      }
    }
    // Overlapping office hours of one day would repeat a start: keep each once.
    yield* slots
      .sort((a, b) => a.start.getTime() - b.start.getTime())
      .filter((s, k, all) => k === 0 || all[k - 1]?.start.getTime() !== s.start.getTime());
  }
}

/** Slots whose start is in [from, until), soonest first. */
export const slotsBetween = (plan: SlotPlan, from: Date, until: Date): TimedSlot[] => [
  ...slotsFrom(plan, from, until),
];

/** Inside office hours at `now` (local weekday and time), not on an away day. */
export function inOfficeHours(plan: SlotPlan, now: Date): boolean {
  const { day, clock } = partsIn(now, plan.timeZone);
  if (plan.awayDays.includes(day)) return false;
  const weekday = weekdayOf(day);
  return plan.officeHours.some((h) => h.weekday === weekday && h.start <= clock && clock < h.end);
}

/**
 * When the office hours the expert is in at `now` end (the latest end of the hours that hold
 * `now`), or null outside office hours.
 */
export function officeHoursEndAt(plan: SlotPlan, now: Date): Date | null {
  const { day, clock } = partsIn(now, plan.timeZone);
  if (plan.awayDays.includes(day)) return null;
  const weekday = weekdayOf(day);
  const ends = plan.officeHours
    .filter((h) => h.weekday === weekday && h.start <= clock && clock < h.end)
    .map((h) => instantOf(day, minutesOf(h.end), plan.timeZone))
    .filter((d): d is Date => d !== null);
  return ends.length ? new Date(Math.max(...ends.map((d) => d.getTime()))) : null;
}

export interface StatusNow {
  kind: ExpertStatusKind;
  until: Date | null;
}

/** A status whose end has passed is "available" again. */
export const statusAt = (status: StatusNow, now: Date): StatusNow =>
  status.kind !== 'available' && status.until && status.until <= now
    ? { kind: 'available', until: null }
    : status;

/**
 * Until when the status keeps slots from being booked: "away" until its end (for good when it
 * has none); "in a meeting" only keeps the expert from being available now.
 */
export const bookableFrom = (status: StatusNow, now: Date): Date | null =>
  status.kind === 'away' ? status.until : now;
