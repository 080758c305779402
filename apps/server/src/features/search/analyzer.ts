import snowball from 'snowball-stemmers';
import { LruCache } from '../../lib/lru.js';
import type { Hunspell } from './hunspell.js';
import { fold, isNearMiss, oneEditAway } from './spelling.js';
import type { Voikko } from './voikko.js';

export type AnalyzerKind = 'voikko' | 'snowball';

/** Hunspell dictionaries for Swedish and English; null where the library or dictionary is absent. */
export interface Dictionaries {
  sv: Hunspell | null;
  en: Hunspell | null;
}

/** What one word of a text offers a query, by how closely a query word can match it. */
export interface WordAnalysis {
  /** Lower-cased as written. */
  surface: string;
  /** Base forms and stems: Voikko's base forms, Hunspell's stems, Snowball's stems. */
  base: string[];
  /** Base forms of the parts of a compound ("päiväkoti": "päivä", "koti"). */
  parts: string[];
  /** All of the above without diacritics, where that differs ("paivakoti"). */
  folded: string[];
}

export interface Analyzer {
  /** Which Finnish analysis is in use: Voikko's base forms, or Snowball's stems as the fallback. */
  kind: AnalyzerKind;
  /** Swedish and English stems from Hunspell dictionaries (else Snowball's only). */
  hunspell: boolean;
  /** Terms stored with a text: every form a query word may reduce to, bounded in number. */
  indexTerms(text: string, maxTerms?: number): Promise<string[]>;
  /** The forms any one of which, found among a text's terms, means the text contains this word. */
  queryForms(word: string): string[];
  /** Voikko knows the word: it is whole, so it is not also matched as the start of others. */
  isKnownWord(word: string): boolean;
  /**
   * Dictionary words one edit away (or differing only by diacritics) from a word that no
   * dictionary knows, best first; none for a known word. Never words from the index.
   */
  suggestions(word: string): string[];
  /** `suggestions` would search the dictionaries for this word (the costly part of a query). */
  needsSuggestions(word: string): boolean;
  /** The terms one word of a text contributes (to mark which words of a hit matched). */
  wordTerms(word: string): string[];
  /** The same terms by kind, to rank how closely a query word matched. */
  analyzeTextWord(word: string): WordAnalysis;
}

/** Upper bound of stored terms per text: keeps documents and the multikey index small. */
export const MAX_TERMS_PER_TEXT = 1000;
/** Longer terms are not words (hashes, URLs run together) and only bloat the index. */
export const MAX_TERM_LENGTH = 64;
/** Work in slices so that analysing a long text never holds the event loop for long. */
const WORDS_PER_SLICE = 200;
const CACHE_SIZE = 20_000;
/** Shorter words have too many neighbours one edit away for a correction to mean anything. */
const MIN_SUGGEST_LENGTH = 4;
const MAX_SUGGEST_LENGTH = 30;
/**
 * Hunspell's one-edit neighbours of a word are checked only up to this length: a neighbour costs
 * a Swedish spell check (0.1-0.3 ms for long words, compounding), and a 30-letter word has some
 * 1,900 neighbours, 0.6 s of the event loop. Longer words get Voikko's suggestions alone.
 */
const MAX_NEIGHBOUR_SEARCH_LENGTH = 20;
const MAX_SUGGESTIONS = 3;
/** Letters tried for one-edit neighbours in the Hunspell languages. */
const ALPHABET = { sv: 'abcdefghijklmnopqrstuvwxyzåäöé', en: 'abcdefghijklmnopqrstuvwxyz' };

/** Words: letters and digits, with inner hyphens kept ("kunta-alue", "covid-19"). */
const WORD_PATTERN = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

export function tokenize(text: string): string[] {
  return text.normalize('NFC').match(WORD_PATTERN) ?? [];
}

export const lower = (s: string) => s.toLocaleLowerCase('fi');

interface WordForms extends WordAnalysis {
  /** Stored for a text containing the word: all of the above. */
  index: string[];
  /** Reductions of a query word: its surface and base forms (stems only when unrecognised). */
  query: string[];
  /** Voikko knows the word. */
  known: boolean;
  /** Some dictionary (Voikko, Hunspell sv or en) accepts the word as spelled. */
  spelled: boolean;
}

export function createAnalyzer(
  voikko: Voikko | null,
  dictionaries: Dictionaries = { sv: null, en: null },
): Analyzer {
  const finnish = snowball.newStemmer('finnish');
  const swedish = snowball.newStemmer('swedish');
  const english = snowball.newStemmer('english');
  const cache = new LruCache<string, WordForms>(CACHE_SIZE);
  const suggestionCache = new LruCache<string, string[]>(CACHE_SIZE);
  const hunspells = [dictionaries.sv, dictionaries.en].filter((h): h is Hunspell => h !== null);

  // Snowball misses Swedish definite forms ("klockan" stays "klockan", "klocka" is "klock"):
  // Hunspell's stems join them, and Snowball's stay beside them for words Hunspell lacks.
  const hunspellStems = (h: Hunspell | null, word: string) =>
    h?.spell(word) ? h.stem(word).map(lower) : [];

  const analyzeWord = (word: string): WordForms => {
    const surface = lower(word);
    if (/^\p{N}+$/u.test(surface)) {
      return {
        surface,
        base: [],
        parts: [],
        folded: [],
        index: [surface],
        query: [surface],
        known: false,
        spelled: true,
      };
    }
    const dictionaryStems = [
      ...hunspellStems(dictionaries.sv, word),
      ...hunspellStems(dictionaries.en, word),
    ];
    const otherStems = [...dictionaryStems, swedish.stem(surface), english.stem(surface)];
    const inHunspell = hunspells.some((h) => h.spell(word));
    const readings = voikko ? voikkoReadings(voikko, word) : [];
    const known = readings.length > 0;
    const baseforms = readings.map((r) => lower(r.baseform));
    const parts = readings.flatMap((r) => compoundParts(r.wordbases));
    const base = known
      ? [...baseforms, ...otherStems]
      : // Unknown to Voikko (a name, a typo, Swedish or English) or no Voikko: stems on both sides.
        [finnish.stem(surface), ...otherStems];
    // Every term also as typed without diacritics: a typed "paivakoti" finds "päiväkoti", and
    // a search can look a word up by its folded forms alone (they find a superset).
    const folded = [surface, ...base, ...parts].map(fold);
    return {
      surface,
      base,
      parts,
      folded,
      index: [surface, ...base, ...parts, ...folded],
      // A recognised Finnish word is not also stemmed as Swedish or English on the query side:
      // "lasten" must not find the English "last".
      query: known ? [surface, ...baseforms] : [surface, ...base],
      known,
      spelled: known || inHunspell,
    };
  };

  const formsOf = (word: string): WordForms => {
    let forms = cache.get(word);
    if (!forms) {
      const raw = analyzeWord(word);
      forms = {
        ...raw,
        base: clean(raw.base),
        parts: clean(raw.parts),
        folded: clean(raw.folded).filter((f) => f !== raw.surface),
        index: clean(raw.index),
        query: clean(raw.query),
      };
      cache.set(word, forms);
    }
    return forms;
  };

  const analyzeTextWord = (word: string): WordAnalysis => {
    const whole = formsOf(word);
    if (!word.includes('-')) return whole;
    // Hyphenated words count whole and by their parts ("kunta-alue": also "kunta", "alue").
    const pieces = word.split('-').map(formsOf);
    return {
      surface: whole.surface,
      base: clean([...whole.base, ...pieces.flatMap((p) => [p.surface, ...p.base])]),
      parts: clean([...whole.parts, ...pieces.flatMap((p) => p.parts)]),
      folded: clean([...whole.folded, ...pieces.flatMap((p) => p.folded)]),
    };
  };

  const wordTerms = (word: string): string[] => {
    if (!word.includes('-')) return formsOf(word).index;
    const a = analyzeTextWord(word);
    return clean([a.surface, ...a.base, ...a.parts, ...a.folded]);
  };

  const needsSuggestions = (word: string): boolean => {
    const length = [...word].length;
    return !(
      word.includes('-') ||
      /\p{N}/u.test(word) ||
      length < MIN_SUGGEST_LENGTH ||
      length > MAX_SUGGEST_LENGTH ||
      formsOf(word).spelled
    );
  };

  const findSuggestions = (word: string): string[] => {
    const surface = lower(word);
    const bySource: string[][] = [];
    if (voikko)
      bySource.push(
        voikko
          .suggest(surface)
          .map(lower)
          .filter((s) => isNearMiss(surface, s)),
      );
    for (const [h, alphabet] of [
      [dictionaries.sv, ALPHABET.sv],
      [dictionaries.en, ALPHABET.en],
    ] as const) {
      if (!h || [...surface].length > MAX_NEIGHBOUR_SEARCH_LENGTH) continue;
      // Hunspell's own suggestion search takes 0.2-0.6 s a word (its n-gram stage): ask it
      // instead which of the word's one-edit neighbours it lists. Entries only: Swedish rules
      // build compounds of anything ("zorbtaxin"), no word to offer anybody.
      const found: string[] = [];
      for (const candidate of oneEditAway(surface, alphabet)) {
        if (found.length >= MAX_SUGGESTIONS) break;
        if (h.spell(candidate) && h.isEntry(candidate)) found.push(candidate);
      }
      bySource.push(found);
    }
    // Each dictionary's best first, so that a Finnish near miss does not crowd out the
    // Swedish or English word meant.
    const merged: string[] = [];
    for (let i = 0; i < MAX_SUGGESTIONS; i++)
      for (const list of bySource) if (list[i] && !merged.includes(list[i]!)) merged.push(list[i]!);
    return merged.slice(0, MAX_SUGGESTIONS);
  };

  return {
    kind: voikko ? 'voikko' : 'snowball',
    hunspell: hunspells.length > 0,
    async indexTerms(text, maxTerms = MAX_TERMS_PER_TEXT) {
      const terms = new Set<string>();
      const words = tokenize(text);
      for (let i = 0; i < words.length && terms.size < maxTerms; i++) {
        if (i > 0 && i % WORDS_PER_SLICE === 0)
          await new Promise((resolve) => setImmediate(resolve));
        for (const term of wordTerms(words[i]!)) {
          if (terms.size >= maxTerms) break;
          terms.add(term);
        }
      }
      return [...terms];
    },
    queryForms: (word) => formsOf(word).query,
    isKnownWord: (word) => formsOf(word).known,
    suggestions(word) {
      const surface = lower(word);
      if (!needsSuggestions(word)) return [];
      let found = suggestionCache.get(surface);
      if (!found) {
        found = findSuggestions(word);
        suggestionCache.set(surface, found);
      }
      return found;
    },
    needsSuggestions,
    wordTerms,
    analyzeTextWord,
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
