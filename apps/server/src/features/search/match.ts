import { SEARCH_PREFIX_MIN_LENGTH } from '@yhteistyotila/protocol';
import { lower, type Analyzer } from './analyzer.js';

/** What one query word matches: a text term equal to one of `forms`, or starting with `prefix`. */
export interface WordMatcher {
  forms: string[];
  prefix: string | null;
}

export function wordMatchers(analyzer: Analyzer, words: string[]): WordMatcher[] {
  return words.map((word) => {
    const surface = lower(word);
    return {
      forms: analyzer.queryForms(word),
      prefix: surface.length >= SEARCH_PREFIX_MIN_LENGTH ? surface : null,
    };
  });
}

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
export function matchesWord(analyzer: Analyzer, matchers: WordMatcher[], textWord: string): boolean {
  const terms = analyzer.wordTerms(textWord);
  return matchers.some(
    ({ forms, prefix }) =>
      forms.some((form) => terms.includes(form)) || (prefix !== null && terms.some((t) => t.startsWith(prefix))),
  );
}
