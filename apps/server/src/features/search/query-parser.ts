import { tokenize } from './analyzer.js';

export interface ParsedQuery {
  /** Free words, as typed (Voikko reads case), de-duplicated; every one must match. */
  words: string[];
  /** `in:` values without a leading "#"; a message in any of them matches. */
  channels: string[];
  /** `from:` values without a leading "@"; a message by any of them matches. */
  people: string[];
}

/** More words than this narrow nothing further and only make the query expensive. */
export const MAX_QUERY_WORDS = 10;

// `in:name`, `in:"two words"`, `from:@handle`, `from:"First Last"`, "quoted words", or a word.
const TOKEN = /\b(in|from):(?:"([^"]*)"?|(\S*))|"([^"]*)"?|(\S+)/giu;

export function parseSearchQuery(q: string): ParsedQuery {
  const words: string[] = [];
  const channels: string[] = [];
  const people: string[] = [];
  for (const m of q.normalize('NFC').matchAll(TOKEN)) {
    const [, filter, quotedValue, bareValue, quotedText, text] = m;
    if (filter) {
      const value = (quotedValue ?? bareValue ?? '').trim();
      if (filter.toLowerCase() === 'in') pushValue(channels, value.replace(/^#/, ''));
      else pushValue(people, value.replace(/^@/, ''));
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
  return { words: uniqueWords.slice(0, MAX_QUERY_WORDS), channels, people };
}

function pushValue(list: string[], value: string) {
  const v = value.trim();
  if (v && !list.includes(v)) list.push(v);
}
