import snowball from 'snowball-stemmers';
import { LruCache } from '../../lib/lru.js';
import type { Voikko } from './voikko.js';

export type AnalyzerKind = 'voikko' | 'snowball';

export interface Analyzer {
  /** Which Finnish analysis is in use: Voikko's base forms, or Snowball's stems as the fallback. */
  kind: AnalyzerKind;
  /** Terms stored with a text: every form a query word may reduce to, bounded in number. */
  indexTerms(text: string): Promise<string[]>;
  /** The forms any one of which, found among a text's terms, means the text contains this word. */
  queryForms(word: string): string[];
  /** Voikko knows the word: it is whole, so it is not also matched as the start of others. */
  isKnownWord(word: string): boolean;
  /** The terms one word of a text contributes (to mark which words of a hit matched). */
  wordTerms(word: string): string[];
}

/** Upper bound of stored terms per text: keeps documents and the multikey index small. */
export const MAX_TERMS_PER_TEXT = 1000;
/** Longer terms are not words (hashes, URLs run together) and only bloat the index. */
export const MAX_TERM_LENGTH = 64;
/** Work in slices so that analysing a long text never holds the event loop for long. */
const WORDS_PER_SLICE = 200;
const CACHE_SIZE = 20_000;

/** Words: letters and digits, with inner hyphens kept ("kunta-alue", "covid-19"). */
const WORD_PATTERN = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

export function tokenize(text: string): string[] {
  return text.normalize('NFC').match(WORD_PATTERN) ?? [];
}

export const lower = (s: string) => s.toLocaleLowerCase('fi');

interface WordForms {
  /** Stored for a text containing the word: query forms plus compound parts and all stems. */
  index: string[];
  /** Reductions of a query word: its surface and base forms (stems only when unrecognised). */
  query: string[];
  known: boolean;
}

export function createAnalyzer(voikko: Voikko | null): Analyzer {
  const finnish = snowball.newStemmer('finnish');
  const swedish = snowball.newStemmer('swedish');
  const english = snowball.newStemmer('english');
  const cache = new LruCache<string, WordForms>(CACHE_SIZE);

  const analyzeWord = (word: string): WordForms => {
    const surface = lower(word);
    if (/^\p{N}+$/u.test(surface)) return { index: [surface], query: [surface], known: false };
    const otherStems = [swedish.stem(surface), english.stem(surface)];
    const readings = voikko ? voikkoReadings(voikko, word) : [];
    if (readings.length === 0) {
      // Unknown to Voikko (a name, a typo, Swedish or English) or no Voikko: stems on both sides.
      const stems = [surface, finnish.stem(surface), ...otherStems];
      return { index: stems, query: stems, known: false };
    }
    const baseforms = readings.map((r) => lower(r.baseform));
    const parts = readings.flatMap((r) => compoundParts(r.wordbases));
    return {
      index: [surface, ...baseforms, ...parts, ...otherStems],
      // A recognised Finnish word is not also stemmed as Swedish or English on the query side:
      // "lasten" must not find the English "last".
      query: [surface, ...baseforms],
      known: true,
    };
  };

  const formsOf = (word: string): WordForms => {
    let forms = cache.get(word);
    if (!forms) {
      const raw = analyzeWord(word);
      forms = { index: clean(raw.index), query: clean(raw.query), known: raw.known };
      cache.set(word, forms);
    }
    return forms;
  };

  // Hyphenated words count whole and by their parts ("kunta-alue": also "kunta", "alue").
  const wordTerms = (word: string): string[] => {
    if (!word.includes('-')) return formsOf(word).index;
    return [...new Set([word, ...word.split('-')].flatMap((piece) => formsOf(piece).index))];
  };

  return {
    kind: voikko ? 'voikko' : 'snowball',
    async indexTerms(text) {
      const terms = new Set<string>();
      const words = tokenize(text);
      for (let i = 0; i < words.length && terms.size < MAX_TERMS_PER_TEXT; i++) {
        if (i > 0 && i % WORDS_PER_SLICE === 0)
          await new Promise((resolve) => setImmediate(resolve));
        for (const term of wordTerms(words[i]!)) {
          if (terms.size >= MAX_TERMS_PER_TEXT) break;
          terms.add(term);
        }
      }
      return [...terms];
    },
    queryForms: (word) => formsOf(word).query,
    isKnownWord: (word) => formsOf(word).known,
    wordTerms,
  };
}

function voikkoReadings(voikko: Voikko, word: string) {
  const readings = voikko.analyze(word);
  // Voikko accepts "Helsingin" and "helsingin" alike, but not "HELSINGIN".
  if (readings.length === 0 && word !== lower(word)) return voikko.analyze(lower(word));
  return readings;
}

function clean(terms: string[]): string[] {
  return [...new Set(terms.filter((t) => t.length > 0 && t.length <= MAX_TERM_LENGTH))];
}

const MORPHEME = /\+([^+(]*)(?:\(([^)]*)\))?/g;

/**
 * The parts of a compound word from Voikko's WORDBASES, each in its base form:
 * "+vanhempain(vanhempi)+yhdist(yhdistää)+ys(+ys)" gives ["vanhempi", "yhdistys"];
 * "+päivä(päivä)+koti(koti)" gives ["päivä", "koti"]. A morpheme whose base starts with "+" is
 * a derivational suffix and belongs to the part before it. Not a compound: no parts.
 */
export function compoundParts(wordbases: string): string[] {
  const groups: { surface: string; base: string | null; morphemes: number }[] = [];
  for (const [, surface = '', base] of wordbases.matchAll(MORPHEME)) {
    const last = groups[groups.length - 1];
    if (surface === '-') {
      groups.push({ surface: '', base: null, morphemes: 0 });
    } else if (base?.startsWith('+') && last) {
      last.surface += surface;
      last.morphemes += 1;
    } else if (last && last.morphemes === 0) {
      Object.assign(last, { surface, base: base ?? null, morphemes: 1 });
    } else {
      groups.push({ surface, base: base ?? null, morphemes: 1 });
    }
  }
  const parts = groups.filter((g) => g.morphemes > 0);
  if (parts.length < 2) return [];
  return parts
    .map((g) => lower(g.morphemes === 1 && g.base ? g.base : g.surface))
    .filter((p) => p.length >= 2);
}
