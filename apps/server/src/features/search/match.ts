import { SEARCH_PREFIX_MIN_LENGTH } from '@yhteistyotila/protocol';
import { escapeRegex } from '../../lib/escape-regex.js';
import { lower, type Analyzer } from './analyzer.js';

/** What one query word matches: a text term equal to one of `forms`, or starting with `prefix`. */
export interface WordMatcher {
  forms: string[];
  /** Only for words Voikko does not know (partial words like "vanhempainyhd"), from 3 characters. */
  prefix: string | null;
}

export function wordMatchers(analyzer: Analyzer, words: string[]): WordMatcher[] {
  return words.map((word) => {
    const surface = lower(word);
    const partial = !analyzer.isKnownWord(word) && surface.length >= SEARCH_PREFIX_MIN_LENGTH;
    return { forms: analyzer.queryForms(word), prefix: partial ? surface : null };
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

/** The same rule in memory, for one word of a text (which words of a hit to highlight). */
export function matchesWord(
  analyzer: Analyzer,
  matchers: WordMatcher[],
  textWord: string,
): boolean {
  const terms = analyzer.wordTerms(textWord);
  return matchers.some(
    ({ forms, prefix }) =>
      forms.some((form) => terms.includes(form)) ||
      (prefix !== null && terms.some((t) => t.startsWith(prefix))),
  );
}
