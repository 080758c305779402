/**
 * Public interface of the search feature. Other features call analyzeForIndex() when they
 * store text, and store the result in an indexed `terms` array (multikey index).
 *
 * This first version only splits and lower-cases words; the search feature replaces it with
 * base forms from Voikko (Finnish) and Snowball (Swedish, English) behind the same signature.
 */
export async function analyzeForIndex(text: string): Promise<string[]> {
  const words = text.toLocaleLowerCase('fi').match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)];
}
