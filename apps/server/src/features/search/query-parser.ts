import { tokenize } from './analyzer.js';

export interface ParsedQuery {
  /** Free words, as typed (Voikko reads case), de-duplicated; every one must match. */
  words: string[];
  /** `in:` values without a leading "#"; a message in any of them matches. */
  channels: string[];
  /** `from:` values without a leading "@"; a message by any of them matches. */
  people: string[];
  /** `after:` day: messages from the start of that day on (Finnish time), inclusive. */
  after: Date | null;
  /** `before:` day: messages up to the end of that day (Finnish time), inclusive, so this is
   * the start of the next day, an exclusive end. */
  before: Date | null;
}

/** Days are Finnish days: a message at 00:30 in Helsinki belongs to that day, not the one before. */
const TIME_ZONE = 'Europe/Helsinki';

/** More words than this narrow nothing further and only make the query expensive. */
export const MAX_QUERY_WORDS = 10;

// `in:name`, `in:"two words"`, `from:@handle`, `from:"First Last"`, `after:2026-11-01`,
// `before:30.11.2026`, "quoted words", or a word.
const TOKEN = /\b(in|from|after|before):(?:"([^"]*)"?|(\S*))|"([^"]*)"?|(\S+)/giu;

export function parseSearchQuery(q: string): ParsedQuery {
  const words: string[] = [];
  const channels: string[] = [];
  const people: string[] = [];
  let after: Date | null = null;
  let before: Date | null = null;
  for (const m of q.normalize('NFC').matchAll(TOKEN)) {
    const [, filter, quotedValue, bareValue, quotedText, text] = m;
    if (filter) {
      const value = (quotedValue ?? bareValue ?? '').trim();
      const key = filter.toLowerCase();
      if (key === 'in') pushValue(channels, value.replace(/^#/, ''));
      else if (key === 'from') pushValue(people, value.replace(/^@/, ''));
      // A day that is not a date is ignored, not searched for as words.
      else if (key === 'after') after = startOfDay(value, 0) ?? after;
      else before = startOfDay(value, 1) ?? before;
    } else {
      words.push(...tokenize(quotedText ?? text ?? ''));
    }
  }
  const seen = new Set<string>();
  const uniqueWords = words.filter((w) => {
    const key = w.toLocaleLowerCase('fi');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { words: uniqueWords.slice(0, MAX_QUERY_WORDS), channels, people, after, before };
}

/**
 * The instant a day starts in Finland, `addDays` after the given one: `before:` takes the start
 * of the next day as its exclusive end. Accepts 2026-11-30 and the Finnish 30.11.2026.
 */
export function startOfDay(value: string, addDays: number): Date | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const finnish = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const [y, m, d] = iso
    ? [iso[1], iso[2], iso[3]].map(Number)
    : finnish
      ? [finnish[3], finnish[2], finnish[1]].map(Number)
      : [];
  if (y === undefined || m === undefined || d === undefined) return null;
  const utc = new Date(Date.UTC(y, m - 1, d));
  // 31.2. is not a day: Date.UTC would roll it over into March.
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== m - 1 || utc.getUTCDate() !== d)
    return null;
  const midnight = Date.UTC(y, m - 1, d + addDays);
  // Helsinki is UTC+2 or +3; the offset at that midnight decides.
  return new Date(midnight - offsetMs(new Date(midnight)));
}

function offsetMs(at: Date): number {
  const name = new Intl.DateTimeFormat('en', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return (match[1] === '-' ? -1 : 1) * minutes * 60_000;
}

function pushValue(list: string[], value: string) {
  const v = value.trim();
  if (v && !list.includes(v)) list.push(v);
}
