import { getAnalyzer } from './analyzer-instance.js';
import { missingDictionaries, versionOf } from './terms-version.js';

/**
 * Public interface of the search feature. Other features call analyzeForIndex() when they
 * store text, and store the result in an indexed `terms` array (multikey index); a search
 * matches query words reduced the same way against it.
 *
 * Terms: lower-cased surface words, Finnish base forms from Voikko (every reading, and the parts
 * of compound words), Swedish and English Snowball stems; Snowball's Finnish stemmer stands in
 * for Voikko where libvoikko is absent and for words Voikko does not know.
 */
export async function analyzeForIndex(text: string): Promise<string[]> {
  return getAnalyzer().indexTerms(text);
}

/**
 * The same analysis without the per-text cap: a library entry is searchable however long its
 * body is (its length is capped by the protocol instead, MAX_LIBRARY_BODY_LENGTH).
 */
export async function analyzeWholeForIndex(text: string): Promise<string[]> {
  return getAnalyzer().indexTerms(text, Number.POSITIVE_INFINITY);
}

export { writeTermsThatFit } from './terms-that-fit.js';

/* The matching rules, for features that search their own `terms` (the library). */
export { getAnalyzer } from './analyzer-instance.js';
export { tokenize } from './analyzer.js';
export {
  matchesWord,
  pickLookupWord,
  rankText,
  termsFilter,
  wordMatchers,
  type WordMatcher,
} from './match.js';
export { buildSnippet } from './snippet.js';
export { fold } from './spelling.js';

/** Which analyzer and rules build terms now ("voikko+hunspell-2"), stored beside terms. */
export const currentTermsVersion = (): string => versionOf(getAnalyzer());
/** Dictionaries that built `stored` terms and this process lacks: never rewrite those. */
export const dictionariesMissingFor = (stored: string): string[] =>
  missingDictionaries(stored, getAnalyzer());
