import { getAnalyzer } from './analyzer-instance.js';

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
