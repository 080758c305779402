import type { Language } from '@yhteistyotila/protocol';

/**
 * Every date, time and number the app shows, as Finland writes them: day-month-year and 24-hour
 * time in all three languages (English as en-GB, never 11/30/2026 or 02:59 PM), in the reader's
 * time zone (their profile's, Europe/Helsinki by default). One module, so no screen calls
 * toLocaleString on its own.
 */
const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';
let displayTimeZone = DEFAULT_TIME_ZONE;

/** The signed-in person's time zone (from their profile); unknown zones keep the default. */
export function setDisplayTimeZone(timeZone: string | null | undefined): void {
  displayTimeZone = timeZone && isTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const localeOf = (language: string): string => LOCALES[language as Language] ?? LOCALES.fi;

/*
 * Formatters are costly to make and every message row formats its time: each is made once per
 * set of options (module constants below, so the options object is the key), language and zone.
 */
const formatters = new Map<Intl.DateTimeFormatOptions, Map<string, Intl.DateTimeFormat>>();
function formatter(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let byPlace = formatters.get(options);
  if (!byPlace) formatters.set(options, (byPlace = new Map()));
  const key = `${language}|${displayTimeZone}`;
  let f = byPlace.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(localeOf(language), {
      ...options,
      timeZone: displayTimeZone,
      ...(options.hour ? { hourCycle: 'h23' } : {}),
    });
    byPlace.set(key, f);
  }
  return f;
}

const DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'numeric', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const DATE_TIME: Intl.DateTimeFormatOptions = { ...DATE, ...TIME };
const WEEKDAY_DATE: Intl.DateTimeFormatOptions = { weekday: 'long', ...DATE };
const DAY_MONTH: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'numeric' };
const YEAR: Intl.DateTimeFormatOptions = { year: 'numeric' };

/*
 * Every zone's offset is a whole number of quarter hours and changes on a quarter hour, so the
 * calendar day is the same throughout each quarter hour: one lookup per quarter hour, not per call.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const dayNumbers = new Map<string, number>();

/** Calendar day in the display time zone, as a number of days, for "today"/"yesterday". */
function dayNumber(d: Date): number {
  const key = `${displayTimeZone}|${Math.floor(d.getTime() / QUARTER_HOUR_MS)}`;
  const known = dayNumbers.get(key);
  if (known !== undefined) return known;
  const parts: Record<string, number> = {};
  for (const p of formatter('en', DATE).formatToParts(d)) parts[p.type] = Number(p.value);
  const day = Date.UTC(parts.year!, parts.month! - 1, parts.day!) / 86_400_000;
  if (dayNumbers.size > 5000) dayNumbers.clear();
  dayNumbers.set(key, day);
  return day;
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** Days from `now` to `d` in the display time zone: 0 today, -1 yesterday. */
const daysFrom = (now: Date, d: Date): number => dayNumber(d) - dayNumber(now);

/** "tänään", "i går", "yesterday"... for 0 and -1 days; null further away. */
function relativeDay(diff: number, language: string): string | null {
  if (diff !== 0 && diff !== -1) return null;
  let f = relativeFormats.get(language);
  if (!f)
    relativeFormats.set(language, (f = new Intl.RelativeTimeFormat(language, { numeric: 'auto' })));
  return f.format(diff, 'day');
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** 30.11.2026 (fi, sv), 30/11/2026 (en). */
export function formatDate(iso: string | Date, language: string): string {
  return formatter(language, DATE).format(new Date(iso));
}

/** 14.59 (fi, sv), 14:59 (en). */
export function formatClock(iso: string | Date, language: string): string {
  return formatter(language, TIME).format(new Date(iso));
}

/** The full moment: "30.11.2026 klo 14.59", "30.11.2026 14.59", "30/11/2026, 14:59". */
export function formatDateTime(iso: string | Date, language: string): string {
  return formatter(language, DATE_TIME).format(new Date(iso));
}

/**
 * A message's time, as short as reads well: "14.59" today, "eilen 14.59" yesterday,
 * "23.11. 14.59" earlier this year, the full date and time before that.
 */
export function formatTime(iso: string | Date, language: string, now = new Date()): string {
  const d = new Date(iso);
  const time = formatClock(d, language);
  const diff = daysFrom(now, d);
  const relative = relativeDay(diff, language);
  if (relative !== null) return diff === 0 ? time : `${relative} ${time}`;
  const sameYear = formatter(language, YEAR).format(d) === formatter(language, YEAR).format(now);
  if (!sameYear) return formatDateTime(d, language);
  return `${formatter(language, DAY_MONTH).format(d)} ${time}`;
}

/** The line between days: "Tänään", "I går", "maanantaina 23.11.2026". */
export function formatDay(iso: string | Date, language: string, now = new Date()): string {
  const d = new Date(iso);
  const relative = relativeDay(daysFrom(now, d), language);
  if (relative !== null) return capitalise(relative);
  return formatter(language, WEEKDAY_DATE).format(d);
}

/** 12 345,5 (fi, sv), 12,345.5 (en). */
export function formatNumber(n: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language)).format(n);
}
