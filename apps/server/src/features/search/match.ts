import { SEARCH_PREFIX_MIN_LENGTH } from '@yhteistyotila/protocol';
import { escapeRegex } from '../../lib/escape-regex.js';
import { lower, tokenize, type Analyzer, type WordAnalysis } from './analyzer.js';
import { fold } from './spelling.js';

/** What one query word matches: a text term equal to one of `forms`, or starting with `prefix`. */
export interface WordMatcher {
  /** Every form looked up in the index: `surface`, `base` and `forgiven` together. */
  forms: string[];
  /** The word lower-cased as typed: a text word written the same is an exact match. */
  surface: string;
  /** Its base forms and stems (inflected forms of the same word). */
  base: string[];
  /** Forms that forgive the typing: without diacritics, or a dictionary's correction. */
  forgiven: string[];
  /** Only for words Voikko does not know (partial words like "vanhempainyhd"), from 3 characters. */
  prefix: string | null;
  /** The dictionary's best correction of a word no dictionary knows ("did you mean"). */
  correction: string | null;
}

/**
 * Misspelt words of one query that the dictionaries are searched for: each search takes up to a
 * few hundred milliseconds of the event loop, and a query of ten made-up words would take
 * seconds. People mistype a word or two; the words after these are searched as typed.
 */
export const MAX_CORRECTED_WORDS = 2;

export function wordMatchers(analyzer: Analyzer, words: string[]): WordMatcher[] {
  let searched = 0;
  return words.map((word) => {
    const surface = lower(word);
    const partial = !analyzer.isKnownWord(word) && surface.length >= SEARCH_PREFIX_MIN_LENGTH;
    const reduced = analyzer.queryForms(word);
    const suggestions =
      analyzer.needsSuggestions(word) && searched++ < MAX_CORRECTED_WORDS
        ? analyzer.suggestions(word)
        : [];
    const forgiven = [
      // A query with diacritics also finds a text typed without them.
      ...reduced.map(fold),
      ...suggestions.flatMap((s) => analyzer.queryForms(s)),
    ].filter((f) => !reduced.includes(f));
    return {
      forms: [...new Set([...reduced, ...forgiven])],
      surface,
      base: reduced.filter((f) => f !== surface),
      forgiven: [...new Set(forgiven)],
      prefix: partial ? surface : null,
      correction: suggestions[0] ?? null,
    };
  });
}

/**
 * The word to look up by plain equality, one query per form: FerretDB pushes only equality
 * filters down to its backend, and MongoDB answers `terms: value` straight from the multikey
 * index. Whole words only (a prefix needs a regex); the longest, as the likeliest to be rare.
 */
export function pickLookupWord(matchers: WordMatcher[]): WordMatcher | null {
  const whole = matchers.filter((m) => m.prefix === null);
  const length = (m: WordMatcher) => Math.max(...m.forms.map((f) => f.length));
  return whole.sort((a, b) => length(b) - length(a))[0] ?? null;
}

/**
 * The database condition: every word matches. Only `$in` and an anchored `$regex` on the
 * multikey `terms` array, which MongoDB answers from the index and FerretDB also understands.
 */
export function termsFilter(matchers: WordMatcher[]): Record<string, unknown>[] {
  return matchers.map(({ forms, prefix }) => {
    const exact = { terms: { $in: forms } };
    return prefix ? { $or: [exact, { terms: { $regex: `^${escapeRegex(prefix)}` } }] } : exact;
  });
}

/**
 * How closely a query word matches one word of a text, best first; null when it does not.
 * 0: the same word as typed; 1: another inflection of it (base form, stem); 2: a part of a
 * compound; 3: forgiven (diacritics, a corrected typo, the start of a longer word).
 */
export type MatchTier = 0 | 1 | 2 | 3;
export const WORST_TIER: MatchTier = 3;

export function matchTier(m: WordMatcher, text: WordAnalysis): MatchTier | null {
  if (m.surface === text.surface) return 0;
  const own = [m.surface, ...m.base];
  const inflections = [text.surface, ...text.base];
  if (own.some((f) => inflections.includes(f))) return 1;
  if (own.some((f) => text.parts.includes(f))) return 2;
  const all = [...inflections, ...text.parts, ...text.folded];
  if (m.forgiven.some((f) => all.includes(f)) || own.some((f) => text.folded.includes(f))) return 3;
  if (m.prefix !== null && all.some((t) => t.startsWith(m.prefix!))) return 3;
  return null;
}

/** The same rule in memory, for one word of a text (which words of a hit to highlight). */
export function matchesWord(
  analyzer: Analyzer,
  matchers: WordMatcher[],
  textWord: string,
): boolean {
  const analysis = analyzer.analyzeTextWord(textWord);
  return matchers.some((m) => matchTier(m, analysis) !== null);
}

/**
 * Rank of a text for the query, lower first: the sum of each query word's best tier among the
 * text's words. A word the database matched but memory cannot place counts as forgiven.
 */
export function rankText(analyzer: Analyzer, matchers: WordMatcher[], text: string): number {
  if (!matchers.length) return 0;
  const words = [...new Set(tokenize(text))].map((w) => analyzer.analyzeTextWord(w));
  return matchers.reduce((sum, m) => {
    let best: MatchTier = WORST_TIER;
    for (const w of words) {
      const tier = matchTier(m, w);
      if (tier !== null && tier < best) best = tier;
      if (best === 0) break;
    }
    return sum + best;
  }, 0);
}
